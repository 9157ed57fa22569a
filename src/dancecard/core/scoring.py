"""Factor scores with coverage and the range unknowns leave open.

For each factor, every item contributes its answer in the factor's orientation
(goodness for market needs and partner value, riskiness for risk), weighted.

- score    = weighted mean over the answered items, 0..100 (None if nothing is answered)
- coverage = share of the factor's weight that is answered
- evidence = share of the factor's weight answered with evidence attached
- low/high = the score if every unknown were answered at the worst / best end

So answering an unknown can only narrow the range, and the score always lies in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dancecard.core.answers import Answer, Value, factor_value, favourability
from dancecard.core.instruments import FACTOR_ORDER, AnswerKind, Factor, Instrument, Item


@dataclass(frozen=True)
class FactorScore:
    factor: Factor
    score: float | None
    low: float
    high: float
    coverage: float
    evidence: float
    answered: int
    unknown: int

    @property
    def items(self) -> int:
        return self.answered + self.unknown


class Tally:
    """Running weighted sums per factor; cheap to copy for what-if questions."""

    __slots__ = ("points", "answered_weight", "total_weight", "evidence_weight", "answered", "unknown")

    def __init__(self, total_weight: list[float]):
        self.total_weight = total_weight
        self.points = [0.0, 0.0, 0.0]
        self.answered_weight = [0.0, 0.0, 0.0]
        self.evidence_weight = [0.0, 0.0, 0.0]
        self.answered = [0, 0, 0]
        self.unknown = [0, 0, 0]

    def add(self, factor_index: int, weight: float, value: float) -> None:
        self.points[factor_index] += weight * value
        self.answered_weight[factor_index] += weight
        self.answered[factor_index] += 1
        self.unknown[factor_index] -= 1

    def copy(self) -> Tally:
        other = Tally(self.total_weight)
        other.points = self.points[:]
        other.answered_weight = self.answered_weight[:]
        other.evidence_weight = self.evidence_weight[:]
        other.answered = self.answered[:]
        other.unknown = self.unknown[:]
        return other

    def score(self, i: int) -> float | None:
        weight = self.answered_weight[i]
        return 100.0 * self.points[i] / weight if weight else None

    def low(self, i: int) -> float:
        return 100.0 * self.points[i] / self.total_weight[i]

    def high(self, i: int) -> float:
        total = self.total_weight[i]
        best = 100.0 * (self.points[i] + total - self.answered_weight[i]) / total
        # Clamped: float rounding must not put the best case below the worst when all is answered.
        return min(100.0, max(self.low(i), best))

    def coverage(self, i: int) -> float:
        return self.answered_weight[i] / self.total_weight[i]

    def factor_score(self, i: int) -> FactorScore:
        return FactorScore(
            factor=FACTOR_ORDER[i],
            score=self.score(i),
            low=self.low(i),
            high=self.high(i),
            coverage=self.coverage(i),
            evidence=self.evidence_weight[i] / self.total_weight[i],
            answered=self.answered[i],
            unknown=self.unknown[i],
        )


# One item as the scoring loop sees it: (id, weight, table of value -> number, item, memoise).
# The table holds the number for every value an item can take when there are few of them
# (1-5, yes/no, single choices); multiple-choice answers are added as they are seen, up to
# _MEMO_LIMIT of them; numbers are computed each time. A value not in the table falls back
# to the function itself, so the table only ever returns what that function would.
Entry = tuple[str, float, dict, Item, bool]

_MEMO_LIMIT = 4096


@dataclass(frozen=True)
class Plan:
    """What scoring needs to know of an instrument, computed once per instrument."""

    items: tuple[Item, ...]
    factor_index: tuple[int, ...]
    total_weight: list[float]
    item_count: list[int]
    # Per factor, in FACTOR_ORDER: the factor's items in instrument order, valued by factor_value.
    by_factor: tuple[tuple[Entry, ...], ...] = ()
    # The gate items in instrument order, valued by favourability.
    gate_items: tuple[Item, ...] = ()
    gates: tuple[Entry, ...] = ()


_INDEX = {factor: i for i, factor in enumerate(FACTOR_ORDER)}


def _canonical_values(item: Item) -> list[Value]:
    kind = item.kind
    if kind == AnswerKind.LIKERT:
        return [1, 2, 3, 4, 5]
    if kind == AnswerKind.YES_NO:
        return [True, False]
    if kind == AnswerKind.SINGLE:
        return [o.value for o in item.options]
    return []


def _entry(item: Item, value_of) -> Entry:
    table = {value: value_of(item, value) for value in _canonical_values(item)}
    return (item.id, item.weight, table, item, item.kind == AnswerKind.MULTIPLE)


@cache
def plan_for(instrument: Instrument) -> Plan:
    total = [0.0, 0.0, 0.0]
    count = [0, 0, 0]
    indexes = []
    by_factor: list[list[Entry]] = [[], [], []]
    for item in instrument.items:
        i = _INDEX[item.factor]
        total[i] += item.weight
        count[i] += 1
        indexes.append(i)
        by_factor[i].append(_entry(item, factor_value))
    gate_items = tuple(item for item in instrument.items if item.gate)
    return Plan(instrument.items, tuple(indexes), total, count,
                by_factor=tuple(tuple(entries) for entries in by_factor),
                gate_items=gate_items,
                gates=tuple(_entry(item, favourability) for item in gate_items))


def _lookup(table: dict, item: Item, memoise: bool, value: Value, value_of) -> float:
    """The slow path of a table lookup: compute, and remember multiple-choice answers."""
    result = value_of(item, value)
    if memoise and len(table) < _MEMO_LIMIT:
        try:
            table[value] = result
        except TypeError:  # an unhashable value (a list): nothing to remember it by
            pass
    return result


def factor_index(factor: Factor) -> int:
    return _INDEX[factor]


def tally(instrument: Instrument, answers: dict[str, Answer]) -> Tally:
    plan = plan_for(instrument)
    get = answers.get
    points = [0.0, 0.0, 0.0]
    answered_weight = [0.0, 0.0, 0.0]
    evidence_weight = [0.0, 0.0, 0.0]
    answered = [0, 0, 0]
    for i, entries in enumerate(plan.by_factor):
        # Sums in instrument order, exactly as adding one answer at a time (Tally.add) would.
        total = weight_sum = evidence = 0.0
        n = 0
        for item_id, weight, table, item, memoise in entries:
            answer = get(item_id)
            if answer is None:
                continue
            value = answer.value
            if value is None:
                continue
            try:
                number = table[value]
            except (KeyError, TypeError):
                number = _lookup(table, item, memoise, value, factor_value)
            total += weight * number
            weight_sum += weight
            n += 1
            if answer.evidence:
                evidence += weight
        points[i] = total
        answered_weight[i] = weight_sum
        evidence_weight[i] = evidence
        answered[i] = n
    result = Tally.__new__(Tally)
    result.total_weight = plan.total_weight
    result.points = points
    result.answered_weight = answered_weight
    result.evidence_weight = evidence_weight
    result.answered = answered
    count = plan.item_count
    result.unknown = [count[0] - answered[0], count[1] - answered[1], count[2] - answered[2]]
    return result


def gate_values(instrument: Instrument, answers: dict[str, Answer]) -> list[float | None]:
    """The favourability of each gate item's answer, in instrument order (None if unknown)."""
    values: list[float | None] = []
    for item_id, _, table, item, memoise in plan_for(instrument).gates:
        answer = answers.get(item_id)
        value = None if answer is None else answer.value
        if value is None:
            values.append(None)
            continue
        try:
            values.append(table[value])
        except (KeyError, TypeError):
            values.append(_lookup(table, item, memoise, value, favourability))
    return values


def score_factors(instrument: Instrument, answers: dict[str, Answer]) -> dict[Factor, FactorScore]:
    counted = tally(instrument, answers)
    return {factor: counted.factor_score(i) for i, factor in enumerate(FACTOR_ORDER)}
