"""Factor scores with coverage and the range unknowns leave open (model 2).

Each item counts in one *part* of its factor: market needs; partner value as two
directions, what the SME is worth to the MNC (to_mnc) and what the MNC is worth to the
SME (to_sme); risk as exposure (the threats) and safeguards (what is in place). Every
part is measured in its own orientation, 0..100: more need, more value, more exposure,
more safeguards.

- part score    = weighted mean over its answered units (None if nothing is answered); for
                  safeguards, the share of their weight known to be in place
- part low/high = the score if every unknown were answered at the bottom / top of what its
                  scale allows
- coverage      = share of the part's weight that is answered

Items sharing a pool (the MNC motives) are one unit: the strongest answer counts, with its
heaviest weight. The factors are then composed, each monotone in its parts:

- market needs  = its one part;
- partner value = min(mean of the two directions, weaker direction + margin);
- risk          = exposure x (1 - relief x safeguards in place), where only safeguards known
                  to be in place count (safeguards' low end); unknown safeguards widen the range.

So answering an unknown can only narrow every range, and each score lies in its range.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from dancecard.core.answers import Answer, favourability, favourability_bounds
from dancecard.core.instruments import PART_ORDER, AnswerKind, Factor, Instrument, Item, Part
from dancecard.core.model import Model, load_model


@dataclass(frozen=True)
class PartScore:
    part: Part
    score: float | None
    low: float
    high: float
    coverage: float
    evidence: float
    answered: int
    unknown: int
    weight: float  # the part's total weight in the instrument


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


@dataclass(frozen=True)
class Unit:
    """One scoring unit: an item, or a pool of items of which the strongest answer counts."""

    part: Part
    weight: float
    items: tuple[Item, ...]
    # For a one-item unit: its value in the part's orientation for every answer it can take
    # when there are few (1-5, yes/no, single choices), and its bounds. Scoring reads these
    # instead of recomputing them; a value not in the table is computed as usual.
    table: dict = field(default_factory=dict)
    bounds: tuple[float, float] = (0.0, 1.0)


@dataclass(frozen=True)
class Plan:
    units: tuple[Unit, ...]
    total_weight: dict[Part, float]
    gate_items: tuple[Item, ...]
    unit_of: dict[str, int]  # item id -> index of its unit


@cache
def plan_for(instrument: Instrument) -> Plan:
    pools: dict[str, list[Item]] = {}
    order: list[str | Item] = []
    for item in instrument.items:
        if item.pool:
            if item.pool not in pools:
                pools[item.pool] = []
                order.append(item.pool)
            pools[item.pool].append(item)
        else:
            order.append(item)
    units = []
    for entry in order:
        members = tuple(pools[entry]) if isinstance(entry, str) else (entry,)
        table = {} if len(members) > 1 else {
            value: part_value(members[0], favourability(members[0], value)) for value in _few_values(members[0])}
        units.append(Unit(members[0].part, max(i.weight for i in members), members,  # type: ignore[arg-type]
                          table, part_bounds(members[0])))
    total = {part: 0.0 for part in PART_ORDER}
    for unit in units:
        total[unit.part] += unit.weight
    unit_of = {item.id: n for n, unit in enumerate(units) for item in unit.items}
    return Plan(tuple(units), total, tuple(i for i in instrument.items if i.gate), unit_of)


def _few_values(item: Item) -> list:
    if item.kind == AnswerKind.LIKERT:
        return [1, 2, 3, 4, 5]
    if item.kind == AnswerKind.YES_NO:
        return [True, False]
    if item.kind == AnswerKind.SINGLE:
        return [o.value for o in item.options]
    return []


def part_value(item: Item, favourable: float) -> float:
    """An answer's favourability (0 bad news .. 1 good news) in its part's orientation."""
    return 1.0 - favourable if item.part == Part.EXPOSURE else favourable


@cache
def part_bounds(item: Item) -> tuple[float, float]:
    """The lowest and highest value an answer to this item can take in its part's orientation."""
    worst, best = favourability_bounds(item)
    low, high = part_value(item, worst), part_value(item, best)
    return min(low, high), max(low, high)


# One unit's share of its part's sums: (points, low, high, answered weight, evidence weight,
# answered items, unknown items). A tally is the sum of its units' contributions, so a what-if
# question about one item swaps that unit's contribution instead of scoring everything again.
Contribution = tuple[float, float, float, float, float, int, int]


class Tally:
    """Per part: points at the answered value, at the bottom and at the top of what unknowns allow."""

    __slots__ = ("points", "low", "high", "answered_weight", "evidence_weight", "answered", "unknown", "total",
                 "plan", "contributions")

    def __init__(self, plan: Plan):
        self.plan = plan
        self.total = plan.total_weight
        self.points = dict.fromkeys(PART_ORDER, 0.0)
        self.low = dict.fromkeys(PART_ORDER, 0.0)
        self.high = dict.fromkeys(PART_ORDER, 0.0)
        self.answered_weight = dict.fromkeys(PART_ORDER, 0.0)
        self.evidence_weight = dict.fromkeys(PART_ORDER, 0.0)
        self.answered = dict.fromkeys(PART_ORDER, 0)
        self.unknown = dict.fromkeys(PART_ORDER, 0)
        self.contributions: list[Contribution] = []

    def _add(self, part: Part, c: Contribution, sign: int = 1) -> None:
        self.points[part] += sign * c[0]
        self.low[part] += sign * c[1]
        self.high[part] += sign * c[2]
        self.answered_weight[part] += sign * c[3]
        self.evidence_weight[part] += sign * c[4]
        self.answered[part] += sign * c[5]
        self.unknown[part] += sign * c[6]

    def replaced(self, index: int, contribution: Contribution) -> Tally:
        """This tally with one unit's contribution replaced (the unit's answer changed)."""
        other = Tally.__new__(Tally)
        other.plan, other.total = self.plan, self.total
        for name in ("points", "low", "high", "answered_weight", "evidence_weight", "answered", "unknown"):
            setattr(other, name, dict(getattr(self, name)))
        other.contributions = self.contributions[:]
        part = self.plan.units[index].part
        other._add(part, self.contributions[index], -1)
        other._add(part, contribution)
        other.contributions[index] = contribution
        return other

    def part(self, part: Part) -> PartScore:
        total = self.total[part]
        answered = self.answered_weight[part]
        if not total:
            return PartScore(part, None, 0.0, 100.0, 0.0, 0.0, 0, 0, 0.0)
        low = 100.0 * self.low[part] / total
        high = max(low, min(100.0, 100.0 * self.high[part] / total))
        score = None
        # A hair of float rounding is not an answer (a unit swapped out and back in).
        if answered > 1e-9 and part == Part.SAFEGUARD:
            # Safeguards count only once known to be in place: an unknown one protects nothing yet.
            score = low
        elif answered > 1e-9:
            # Clamped: float rounding must not put the score a hair outside its range.
            score = min(high, max(low, 100.0 * self.points[part] / answered))
        return PartScore(part, score, max(0.0, low), high, max(0.0, answered / total),
                         max(0.0, self.evidence_weight[part] / total), self.answered[part], self.unknown[part], total)


def tally(instrument: Instrument, answers: dict[str, Answer], overrides: dict[str, float] | None = None) -> Tally:
    """Sum every unit. `overrides` (item id -> favourability) answer items hypothetically (what-if questions)."""
    plan = plan_for(instrument)
    result = Tally(plan)
    overrides = overrides or {}
    for unit in plan.units:
        contribution = contribution_of(unit, answers, overrides)
        result.contributions.append(contribution)
        result._add(unit.part, contribution)
    return result


def contribution_of(unit: Unit, answers: dict[str, Answer], overrides: dict[str, float]) -> Contribution:
    weight = unit.weight
    if len(unit.items) == 1:
        # The common case, a unit of one item, without the pool's bookkeeping.
        item = unit.items[0]
        if item.id in overrides:
            value, evidence = part_value(item, overrides[item.id]), False
        else:
            answer = answers.get(item.id)
            if answer is None or answer.value is None:
                return (0.0, weight * unit.bounds[0], weight * unit.bounds[1], 0.0, 0.0, 0, 1)
            try:
                value = unit.table[answer.value]
            except (KeyError, TypeError):  # several choices, a number: computed each time
                value = part_value(item, favourability(item, answer.value))
            evidence = bool(answer.evidence)
        points = weight * value
        return (points, points, points, weight, weight if evidence else 0.0, 1, 0)
    known: list[float] = []
    evidence = False
    unknown_members = 0
    # What the unknown members could still bring: the unit is the strongest of its members.
    could_low = could_high = 0.0
    for item in unit.items:
        if item.id in overrides:
            known.append(part_value(item, overrides[item.id]))
            continue
        answer = answers.get(item.id)
        if answer is None or answer.value is None:
            unknown_members += 1
            low, high = part_bounds(item)
            could_low, could_high = max(could_low, low), max(could_high, high)
            continue
        known.append(part_value(item, favourability(item, answer.value)))
        evidence = evidence or bool(answer.evidence)
    answered = len(unit.items) - unknown_members
    if not known:
        return (0.0, weight * could_low, weight * could_high, 0.0, 0.0, answered, unknown_members)
    strongest = max(known)
    return (weight * strongest, weight * max(strongest, could_low), weight * max(strongest, could_high),
            weight, weight if evidence else 0.0, answered, unknown_members)


@dataclass(frozen=True)
class Scores:
    """All parts and the three composed factors of one set of answers."""

    parts: dict[Part, PartScore]
    factors: dict[Factor, FactorScore]


def combine_value(to_mnc: float, to_sme: float, model: Model) -> float:
    return min((to_mnc + to_sme) / 2.0, min(to_mnc, to_sme) + model.value.weaker_plus)


def combine_risk(exposure: float, safeguards: float, model: Model) -> float:
    return exposure * (1.0 - model.risk.safeguard_relief * safeguards / 100.0)


def compose(counted: Tally, model: Model | None = None) -> Scores:
    model = model or load_model()
    parts = {part: counted.part(part) for part in PART_ORDER}
    market, to_mnc, to_sme = parts[Part.MARKET], parts[Part.TO_MNC], parts[Part.TO_SME]
    exposure, safeguards = parts[Part.EXPOSURE], parts[Part.SAFEGUARD]
    value_score = None
    if to_mnc.score is not None and to_sme.score is not None:
        value_score = combine_value(to_mnc.score, to_sme.score, model)
    risk_score = None
    if exposure.score is not None:
        risk_score = combine_risk(exposure.score, safeguards.low, model)
    factors = {
        Factor.MARKET: _factor(Factor.MARKET, [market], market.score, market.low, market.high),
        Factor.PARTNER_VALUE: _factor(Factor.PARTNER_VALUE, [to_mnc, to_sme], value_score,
                                      combine_value(to_mnc.low, to_sme.low, model),
                                      combine_value(to_mnc.high, to_sme.high, model)),
        Factor.RISK: _factor(Factor.RISK, [exposure, safeguards], risk_score,
                             combine_risk(exposure.low, safeguards.high, model),
                             combine_risk(exposure.high, safeguards.low, model)),
    }
    return Scores(parts, factors)


def _factor(factor: Factor, parts: list[PartScore], score: float | None, low: float, high: float) -> FactorScore:
    # Coverage and evidence of a factor: the answered share of all its parts' weight.
    total = sum(p.weight for p in parts) or 1.0
    coverage = sum(p.coverage * p.weight for p in parts) / total
    evidence = sum(p.evidence * p.weight for p in parts) / total
    if score is not None:
        score = min(high, max(low, score))
    return FactorScore(factor, score, low, high, coverage, evidence,
                       sum(p.answered for p in parts), sum(p.unknown for p in parts))


def score_answers(instrument: Instrument, answers: dict[str, Answer]) -> Scores:
    return compose(tally(instrument, answers))


def score_factors(instrument: Instrument, answers: dict[str, Answer]) -> dict[Factor, FactorScore]:
    return score_answers(instrument, answers).factors


def gate_values(instrument: Instrument, answers: dict[str, Answer],
                overrides: dict[str, float] | None = None) -> list[float | None]:
    """The favourability of each gate item's answer, in instrument order (None if unknown)."""
    overrides = overrides or {}
    values: list[float | None] = []
    for item in plan_for(instrument).gate_items:
        if item.id in overrides:
            values.append(overrides[item.id])
            continue
        answer = answers.get(item.id)
        values.append(None if answer is None or answer.value is None else favourability(item, answer.value))
    return values

