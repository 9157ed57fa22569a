"""Answers: validating what a respondent said, and placing it on a 0..1 scale.

"Don't know" is an answer, kept as such (value None), never turned into a zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dancecard.core.errors import InvalidAnswers
from dancecard.core.instruments import AnswerKind, Combine, Direction, Factor, Instrument, Item
from dancecard.core.text import text_problem

DONT_KNOW = "dont_know"
_DONT_KNOW_SPELLINGS = {DONT_KNOW, "?", "dk", "don't know", "dont know", "unknown", "don’t know"}
_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}

Value = int | bool | str | tuple[str, ...] | float


@dataclass(frozen=True)
class Answer:
    value: Value | None  # None means "don't know"
    note: str = ""
    evidence: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None


def parse_answers(instrument: Instrument, raw: Mapping[str, Any]) -> dict[str, Answer]:
    """Check raw answers against the instrument; raise InvalidAnswers listing every problem."""
    if not isinstance(raw, Mapping):
        raise InvalidAnswers(["answers must be a mapping of item id to answer"])
    by_item: dict[str, str] = {}
    parsed: dict[str, Answer] = {}
    for item_id, given in raw.items():
        item = instrument.item(str(item_id))
        if item is None:
            by_item[str(item_id)] = f"no such item in the {instrument.key} instrument"
            continue
        try:
            parsed[item.id] = parse_answer(item, given)
        except ValueError as exc:
            by_item[item.id] = str(exc)
    if by_item:
        raise InvalidAnswers([f"'{item_id}': {message}" for item_id, message in by_item.items()], by_item)
    return parsed


def parse_answer(item: Item, given: Any) -> Answer:
    note = evidence = ""
    if isinstance(given, Mapping):
        unknown_keys = set(given) - {"value", "note", "evidence"}
        if unknown_keys:
            raise ValueError(f"unexpected field(s) {', '.join(sorted(map(str, unknown_keys)))}; use value, note, evidence")
        note = _text(given.get("note"), "note")
        evidence = _text(given.get("evidence"), "evidence")
        given = given.get("value")
    return Answer(value=parse_value(item, given), note=note, evidence=evidence)


NOTE_MAX = 5000


def _text(value: Any, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{field} must be text")
    problem = text_problem(value, multiline=True)
    if problem:
        raise ValueError(f"the {field} {problem}")
    if len(value) > NOTE_MAX:
        raise ValueError(f"the {field} is {len(value):,} characters long: keep it to {NOTE_MAX:,}")
    return value.strip()


def is_dont_know(given: Any) -> bool:
    return given is None or (isinstance(given, str) and given.strip().lower() in _DONT_KNOW_SPELLINGS)


def parse_value(item: Item, given: Any) -> Value | None:
    """The canonical value of one answer, or None for "don't know"; ValueError if it does not fit."""
    if is_dont_know(given):
        return None
    kind = item.kind
    if kind == AnswerKind.LIKERT:
        return _likert(given)
    if kind == AnswerKind.YES_NO:
        return _yes_no(given)
    if kind == AnswerKind.SINGLE:
        return _option(item, given)
    if kind == AnswerKind.MULTIPLE:
        return _options(item, given)
    return _number(given)


def _likert(given: Any) -> int:
    if isinstance(given, bool):
        raise ValueError("expected a whole number from 1 to 5, got yes/no")
    if isinstance(given, str) and given.strip().isdigit():
        given = int(given.strip())
    if isinstance(given, float) and given.is_integer():
        given = int(given)
    if not isinstance(given, int):
        raise ValueError(f"expected a whole number from 1 to 5, got {given!r}")
    if not 1 <= given <= 5:
        raise ValueError(f"{given} is out of range: answer 1 to 5, or dont_know")
    return given


def _yes_no(given: Any) -> bool:
    if isinstance(given, bool):
        return given
    if isinstance(given, str) and given.strip().lower() in _YES | _NO:
        return given.strip().lower() in _YES
    raise ValueError(f"expected yes or no, got {given!r}")


def _option(item: Item, given: Any) -> str:
    if not isinstance(given, str) or item.option(given.strip()) is None:
        choices = ", ".join(o.value for o in item.options)
        raise ValueError(f"{given!r} is not one of the options ({choices})")
    return given.strip()


def _options(item: Item, given: Any) -> tuple[str, ...]:
    if isinstance(given, str):
        given = [g for g in given.replace(";", ",").split(",") if g.strip()]
    if not isinstance(given, (list, tuple)):
        raise ValueError(f"expected a list of options, got {given!r}")
    chosen = {_option(item, g) for g in given}
    return tuple(o.value for o in item.options if o.value in chosen)


def _number(given: Any) -> float:
    if isinstance(given, bool):
        raise ValueError("expected a number, got yes/no")
    if isinstance(given, str):
        try:
            given = float(given.replace(",", "").strip())
        except ValueError:
            raise ValueError(f"expected a number, got {given!r}") from None
    if not isinstance(given, (int, float)) or given != given or given in (float("inf"), float("-inf")):
        raise ValueError(f"expected a number, got {given!r}")
    return float(given)


def level(item: Item, value: Value) -> float:
    """Where an answer sits on its own scale: 0 = the low end, 1 = the high end."""
    kind = item.kind
    if kind == AnswerKind.LIKERT:
        return (int(value) - 1) / 4  # type: ignore[arg-type]
    if kind == AnswerKind.YES_NO:
        return 1.0 if value else 0.0
    if kind == AnswerKind.SINGLE:
        option = item.option(str(value))
        return option.level if option else 0.0
    if kind == AnswerKind.MULTIPLE:
        levels = [o.level for o in item.options if o.value in value]  # type: ignore[operator]
        if item.combine == Combine.STRONGEST:
            return max(levels, default=0.0)
        return min(1.0, sum(levels))
    return _interpolate(item, float(value))  # type: ignore[arg-type]


def _interpolate(item: Item, x: float) -> float:
    points = item.scale
    if x <= points[0].at:
        return points[0].level
    for left, right in zip(points, points[1:]):
        if x <= right.at:
            share = (x - left.at) / (right.at - left.at)
            return left.level + share * (right.level - left.level)
    return points[-1].level


def level_bounds(item: Item) -> tuple[float, float]:
    """The lowest and highest level any answer to this item can reach on its scale."""
    kind = item.kind
    if kind in (AnswerKind.LIKERT, AnswerKind.YES_NO):
        return 0.0, 1.0
    if kind == AnswerKind.SINGLE:
        levels = [o.level for o in item.options]
        return min(levels), max(levels)
    if kind == AnswerKind.MULTIPLE:
        levels = [o.level for o in item.options]
        # Ticking nothing is an answer too ("none of these").
        return 0.0, (max(levels) if item.combine == Combine.STRONGEST else min(1.0, sum(levels)))
    levels = [p.level for p in item.scale]
    return min(levels), max(levels)


def favourability_bounds(item: Item) -> tuple[float, float]:
    """The worst and best favourability any answer to this item can have."""
    low, high = level_bounds(item)
    return (low, high) if item.direction == Direction.HIGHER_IS_BETTER else (1.0 - high, 1.0 - low)


def favourability(item: Item, value: Value) -> float:
    """How good the answer is for the alliance, 0..1, whatever the question's direction."""
    position = level(item, value)
    return position if item.direction == Direction.HIGHER_IS_BETTER else 1.0 - position


def factor_value(item: Item, value: Value) -> float:
    """The answer in its factor's own orientation: goodness for market and partner value, riskiness for risk."""
    good = favourability(item, value)
    return 1.0 - good if item.factor == Factor.RISK else good


def describe(item: Item, answer: Answer) -> str:
    """The answer in words, as the respondent saw it."""
    value = answer.value
    if value is None:
        return "don't know"
    if item.kind == AnswerKind.LIKERT:
        return f"{value} – {item.labels[int(value) - 1]}"  # type: ignore[arg-type]
    if item.kind == AnswerKind.YES_NO:
        return "yes" if value else "no"
    if item.kind == AnswerKind.SINGLE:
        option = item.option(str(value))
        return option.label if option else str(value)
    if item.kind == AnswerKind.MULTIPLE:
        labels = [o.label for o in item.options if o.value in value]  # type: ignore[operator]
        return "; ".join(labels) if labels else "none of these"
    number = float(value)  # type: ignore[arg-type]
    shown = f"{number:g}"
    return f"{shown} {item.unit}".strip()


def dump_value(value: Value | None) -> Any:
    """The JSON form of a canonical value (tuples become lists, None becomes dont_know)."""
    if value is None:
        return DONT_KNOW
    if isinstance(value, tuple):
        return list(value)
    return value
