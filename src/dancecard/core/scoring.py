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

from dancecard.core.answers import Answer, factor_value
from dancecard.core.instruments import FACTOR_ORDER, Factor, Instrument, Item


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


@dataclass(frozen=True)
class Plan:
    """What scoring needs to know of an instrument, computed once per instrument."""

    items: tuple[Item, ...]
    factor_index: tuple[int, ...]
    total_weight: list[float]
    item_count: list[int]


_INDEX = {factor: i for i, factor in enumerate(FACTOR_ORDER)}


@cache
def plan_for(instrument: Instrument) -> Plan:
    total = [0.0, 0.0, 0.0]
    count = [0, 0, 0]
    indexes = []
    for item in instrument.items:
        i = _INDEX[item.factor]
        total[i] += item.weight
        count[i] += 1
        indexes.append(i)
    return Plan(instrument.items, tuple(indexes), total, count)


def factor_index(factor: Factor) -> int:
    return _INDEX[factor]


def tally(instrument: Instrument, answers: dict[str, Answer]) -> Tally:
    plan = plan_for(instrument)
    result = Tally(plan.total_weight)
    result.unknown = plan.item_count[:]
    for item, i in zip(plan.items, plan.factor_index):
        answer = answers.get(item.id)
        if answer is None or answer.value is None:
            continue
        result.add(i, item.weight, factor_value(item, answer.value))
        if answer.evidence:
            result.evidence_weight[i] += item.weight
    return result


def score_factors(instrument: Instrument, answers: dict[str, Answer]) -> dict[Factor, FactorScore]:
    counted = tally(instrument, answers)
    return {factor: counted.factor_score(i) for i, factor in enumerate(FACTOR_ORDER)}
