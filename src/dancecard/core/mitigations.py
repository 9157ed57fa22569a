"""The main risks of an assessment and the strategies that would mitigate them.

A risk is an exposure answer (a threat) that is bad news for the SME (at or past
the middle of its scale). Each is paired with the engagement strategies and
countermeasures that answer it (data/mitigations.toml), marked in place,
partial, missing or unknown from the same assessment.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

import msgspec

from dancecard.core.answers import Answer, favourability
from dancecard.core.diagnoses import strategy_status, term_readings
from dancecard.core.data_files import read_data
from dancecard.core.errors import InstrumentError
from dancecard.core.instruments import Instrument, Part
from dancecard.core.vocabulary import TermSource, load_vocabulary

RISKY_FROM = 0.5


class RiskMitigation(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    key: str
    mitigated_by: tuple[str, ...]
    source: TermSource


class MitigationFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    risk: tuple[RiskMitigation, ...]


@cache
def load_mitigations() -> dict[str, RiskMitigation]:
    text = read_data("mitigations.toml")
    try:
        parsed = msgspec.convert(tomllib.loads(text), MitigationFile)
    except (tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
        raise InstrumentError(f"mitigations.toml: {exc}") from exc
    terms = load_vocabulary().terms
    for row in parsed.risk:
        unknown = [k for k in (row.key, *row.mitigated_by) if k not in terms]
        if unknown:
            raise InstrumentError(f"mitigations.toml: '{row.key}' names unknown terms {unknown}")
    return {row.key: row for row in parsed.risk}


def _status(readings: dict[str, list[float | None]], key: str) -> str:
    if key not in readings:
        return "not_assessed"
    known = [v for v in readings[key] if v is not None]
    if not known:
        return "unknown"
    mean = sum(known) / len(known)
    return strategy_status(mean)


def main_risks(instrument: Instrument, answers: dict[str, Answer], limit: int = 4) -> list[dict[str, Any]]:
    """The worst threats answered (exposure at or past the middle), heaviest first, one per
    dimension, each with the strategies that answer it and their status. Codes and numbers."""
    mitigations = load_mitigations()
    readings = term_readings(instrument, answers)
    risky = []
    for item in instrument.items:
        answer = answers.get(item.id)
        if item.part != Part.EXPOSURE or answer is None or answer.value is None or item.dimension not in mitigations:
            continue
        badness = 1.0 - favourability(item, answer.value)
        if badness >= RISKY_FROM:
            risky.append((-item.weight * badness, item.id, item, badness))
    risky.sort(key=lambda r: r[:2])
    rows, seen = [], set()
    for _, _, item, badness in risky:
        if item.dimension in seen:
            continue
        seen.add(item.dimension)
        plan = mitigations[item.dimension]
        rows.append({
            "key": item.dimension,
            "item": item.id,
            "severity": round(100 * badness),
            "mitigations": [{"key": key, "status": _status(readings, key)} for key in plan.mitigated_by],
            "source": {"seed": plan.source.seed, "section": plan.source.section},
        })
        if len(rows) == limit:
            break
    return rows
