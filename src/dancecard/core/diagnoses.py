"""Diagnoses: the model's named parts read off the answers.

- the barrier profile (Prashantham's 5A), each barrier low / moderate / high;
- the MNC motives the SME can credibly appeal to;
- engagement strategies and countermeasures in place, partial or missing;
- the SME's networking type (Prashantham Table 3) with advice;
- what the chosen alliance structure mitigates and leaves open.

A choice item whose options are named after terms of its own group (the quick
instrument's motives question, the structure question) speaks for each option's term.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from dancecard.core.answers import Answer, favourability
from dancecard.core.instruments import AnswerKind, Instrument, Item
from dancecard.core.model import load_model
from dancecard.core.vocabulary import Vocabulary, load_vocabulary

NOT_ASSESSED = "not_assessed"
# A strategy, countermeasure or safeguard at or above IN_PLACE_FROM favourability (4-5 of 5,
# signed) is in place; from PARTIAL_FROM (3, a draft), partial; below, missing.
IN_PLACE_FROM = 0.75
PARTIAL_FROM = 0.5


def strategy_status(favourable: float) -> str:
    return "in_place" if favourable >= IN_PLACE_FROM else "partial" if favourable >= PARTIAL_FROM else "missing"
UNKNOWN = "unknown"


def _group(key: str) -> str:
    return key.split(".", 1)[0]


def _option_term(item: Item, option_value: str, vocabulary: Vocabulary) -> str | None:
    group = "form" if item.dimension == "structure.form" else _group(item.dimension)
    key = f"{group}.{option_value}"
    return key if key in vocabulary.terms else None


def term_readings(instrument: Instrument, answers: dict[str, Answer]) -> dict[str, list[float | None]]:
    """For every vocabulary term an item speaks for: the favourability of each answer (None = unknown)."""
    vocabulary = load_vocabulary()
    readings: dict[str, list[float | None]] = defaultdict(list)
    for item in instrument.items:
        answer = answers.get(item.id)
        value = None if answer is None else answer.value
        option_terms = [(o, _option_term(item, o.value, vocabulary)) for o in item.options]
        if item.kind in (AnswerKind.SINGLE, AnswerKind.MULTIPLE) and option_terms and all(t for _, t in option_terms):
            for option, term in option_terms:
                chosen = None if value is None else (option.value == value if item.kind == AnswerKind.SINGLE
                                                    else option.value in value)  # type: ignore[operator]
                readings[term].append(None if chosen is None else float(chosen))  # type: ignore[index]
            continue
        readings[item.dimension].append(None if value is None else favourability(item, value))
    return readings


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _status(readings: dict[str, list[float | None]], key: str, levels: tuple[tuple[float, str], ...], low: str) -> tuple[str, float | None]:
    if key not in readings:
        return NOT_ASSESSED, None
    mean = _mean(readings[key])
    if mean is None:
        return UNKNOWN, None
    for at_least, name in levels:
        if mean >= at_least:
            return name, mean
    return low, mean


def barriers(readings: dict[str, list[float | None]]) -> list[dict[str, Any]]:
    """Each barrier from its own items and the items that speak of it too (model: barrier_readings)."""
    rows = []
    related = load_model().barrier_readings
    for term in load_vocabulary().in_group("barrier"):
        keys = [term.key, *related.get(term.key, ())]
        pooled = {term.key: [v for key in keys for v in readings.get(key, [])]} if any(k in readings for k in keys) else {}
        status, good = _status(pooled, term.key, ((2 / 3, "low"), (1 / 3, "moderate")), "high")
        rows.append({
            "key": term.key, "status": status,
            "severity": None if good is None else round(100 * (1 - good), 1),
            "read_from": [key for key in keys if key in readings],
        })
    return rows


def motives(readings: dict[str, list[float | None]]) -> list[dict[str, Any]]:
    rows = []
    for term in load_vocabulary().in_group("motive"):
        status, _ = _status(readings, term.key, ((0.75, "credible"), (0.5, "possible")), "weak")
        rows.append({"key": term.key, "status": status})
    return rows


def strategies(readings: dict[str, list[float | None]]) -> list[dict[str, Any]]:
    vocabulary = load_vocabulary()
    rows = []
    for term in vocabulary.in_group("strategy") + vocabulary.in_group("countermeasure"):
        status, _ = _status(readings, term.key, ((IN_PLACE_FROM, "in_place"), (PARTIAL_FROM, "partial")), "missing")
        rows.append({"key": term.key, "group": term.group, "status": status})
    return rows


def networking(readings: dict[str, list[float | None]]) -> dict[str, Any]:
    endowment = _mean(readings.get("networking.endowment", []))
    leverage = _mean(readings.get("networking.leverage", []))
    assessed = "networking.endowment" in readings and "networking.leverage" in readings
    if endowment is None or leverage is None:
        return {"status": UNKNOWN if assessed else NOT_ASSESSED, "type": None,
                "endowment": None if endowment is None else round(100 * endowment, 1),
                "leverage": None if leverage is None else round(100 * leverage, 1)}
    high_endowment, high_leverage = endowment > 0.5, leverage > 0.5
    kind = {(True, True): "effective", (False, True): "proactive",
            (True, False): "passive", (False, False): "non_networker"}[(high_endowment, high_leverage)]
    return {"status": "assessed", "type": kind, "endowment": round(100 * endowment, 1), "leverage": round(100 * leverage, 1)}


def structure(readings: dict[str, list[float | None]]) -> dict[str, Any]:
    vocabulary = load_vocabulary()
    forms = vocabulary.in_group("form")
    if not any(t.key in readings for t in forms):
        return {"status": NOT_ASSESSED, "form": None}
    chosen = [t for t in forms if any(v == 1.0 for v in readings.get(t.key, []))]
    if not chosen:
        return {"status": UNKNOWN, "form": None}
    return {"status": "assessed", "form": chosen[0].key.split(".", 1)[1]}


def diagnose(instrument: Instrument, answers: dict[str, Answer]) -> dict[str, Any]:
    readings = term_readings(instrument, answers)
    return {
        "barriers": barriers(readings),
        "motives": motives(readings),
        "strategies": strategies(readings),
        "networking": networking(readings),
        "structure": structure(readings),
    }
