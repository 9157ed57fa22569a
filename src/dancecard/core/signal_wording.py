"""Words for signals and health-check actions, rendered at the edge like wording.py does for results.

A Signal holds codes and numbers; `present_signal` gives the title, the reason with its
numbers ("No face-to-face meeting for 143 days (threshold 90)."), the countermeasure as an
instruction and the citation. The sentences live in data/signal-words-LANG.toml.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from typing import Any

from dancecard.core.data_files import read_data
from dancecard.core.health import HealthAction, HealthInstrument, load_health_check
from dancecard.core.signals import Signal, Source
from dancecard.core.vocabulary import load_vocabulary

LANGUAGE = "en"


@cache
def signal_words(language: str = LANGUAGE) -> dict[str, Any]:
    return tomllib.loads(read_data(f"signal-words-{language}.toml"))


class _Figures(dict):
    # A placeholder the signal has no figure for shows as "?", never as an error page.
    def __missing__(self, key: str) -> str:
        return "?"


class _Unknown:
    def __format__(self, spec: str) -> str:
        return "?"


def countermeasure_label(code: str) -> str:
    """A vocabulary term's label (so the glossary and the signal say the same), else the words file's."""
    term = load_vocabulary().terms.get(code)
    if term is not None:
        return term.label
    return signal_words()["countermeasures"].get(code, {}).get("label", code)


def countermeasure_text(code: str) -> str:
    return signal_words()["countermeasures"].get(code, {}).get("text", "")


def signal_citation(source: Source) -> str:
    cited = load_vocabulary().cite(source.seed, source.section)
    return f"{cited}; {source.practice}" if source.practice else cited


def signal_reason(signal: Signal) -> str:
    entry = signal_words()["signals"].get(signal.code, {})
    template = entry.get("reason", signal.code)
    if signal.value != 1 and "reason_plural" in entry:
        template = entry["reason_plural"]
    figures = _Figures(value=signal.value, s="" if signal.value == 1 else "s",
                       threshold=_Unknown() if signal.threshold is None else signal.threshold,
                       window_days=_Unknown() if signal.window_days is None else signal.window_days)
    return template.format_map(figures)


def present_signal(signal: Signal) -> dict[str, Any]:
    """The signal with its words: title, reason, severity label, countermeasure and citation."""
    words = signal_words()
    return {
        "code": signal.code,
        "severity": signal.severity.value,
        "severity_label": words["severity"].get(signal.severity.value, signal.severity.value),
        "title": words["signals"].get(signal.code, {}).get("title", signal.code.replace("_", " ")),
        "reason": signal_reason(signal),
        "value": signal.value,
        "threshold": signal.threshold,
        "window_days": signal.window_days,
        "record_kind": signal.record_kind.value,
        "records": list(signal.records),
        "countermeasure": {"code": signal.countermeasure, "label": countermeasure_label(signal.countermeasure),
                           "text": countermeasure_text(signal.countermeasure)},
        "source": {"seed": signal.source.seed, "section": signal.source.section,
                   "practice": signal.source.practice, "citation": signal_citation(signal.source)},
    }


def present_signals(signals: Iterable[Signal]) -> list[dict[str, Any]]:
    return [present_signal(s) for s in signals]


def present_health_action(action: HealthAction, check: HealthInstrument | None = None) -> dict[str, Any]:
    """A health-check action in words: the dimension's label, the two scores, the gap and what to do."""
    check = check or load_health_check()
    dimension = next((d for d in check.dimensions if d.key == action.dimension), None)
    text = signal_words()["health_actions"].get(action.dimension, {}).get(action.kind.value, "")
    return {
        "dimension": action.dimension,
        "label": dimension.label if dimension else action.dimension,
        "kind": action.kind.value,
        "gap": action.gap,
        "ours": action.ours,
        "partner": action.partner,
        "text": text,
    }


def code_label(kind: str, code: str) -> str:
    """The label of one of the timeline's codes (a unit, a level, an interaction kind...)."""
    return signal_words()["labels"].get(kind, {}).get(code, code)


def code_choices(kind: str, codes) -> list[tuple[str, str]]:
    """(code, label) pairs for a form, in the enum's order."""
    return [(str(code), code_label(kind, str(code))) for code in codes]
