"""One scored set of answers: parts and factors, the market gate, and the verdict at the
answers, at best and at worst, plus the what-if questions the explanation needs."""

from __future__ import annotations

from dataclasses import dataclass

from dancecard.core.answers import Answer, favourability_bounds
from dancecard.core.instruments import Factor, Instrument, Item
from dancecard.core.model import Model, load_model
from dancecard.core.scoring import Scores, Tally, compose, contribution_of, gate_values, plan_for, tally
from dancecard.core.verdict import Band, GateStatus, Rule, Verdict, band_of, clamp, figures, gate_status, thin_parts


@dataclass(frozen=True)
class Evaluation:
    instrument: Instrument
    answers: dict[str, Answer]
    tally: Tally
    scores: Scores
    gate_values: list[float | None]
    gate: GateStatus
    verdict: Verdict
    best: Verdict
    worst: Verdict

    @property
    def settled(self) -> bool:
        return self.best.band == self.worst.band

    def unknown_items(self) -> list[Item]:
        return [i for i in self.instrument.items if _value(self.answers, i) is None]

    def what_if(self, overrides: dict[str, float]) -> Evaluation:
        """The evaluation if these items were answered at these favourabilities (0 worst, 1 best)."""
        if len(overrides) != 1:
            return evaluate(self.instrument, self.answers, overrides)
        # One item: swap its unit's contribution rather than scoring every answer again.
        (item_id, _), = overrides.items()
        plan = self.tally.plan
        index = plan.unit_of[item_id]
        counted = self.tally.replaced(index, contribution_of(plan.units[index], self.answers, overrides))
        return _judge(self.instrument, self.answers, counted, gate_values(self.instrument, self.answers, overrides))

    def if_answered(self, item: Item, best: bool) -> Evaluation:
        """The evaluation if this item were answered with its best (or worst) possible answer."""
        return self.what_if({item.id: favourability_bounds(item)[1 if best else 0]})


def _value(answers: dict[str, Answer], item: Item):
    answer = answers.get(item.id)
    return None if answer is None else answer.value


def _extreme(instrument: Instrument, scores: Scores, gates: list[float | None], best: bool, model: Model) -> Verdict:
    at = "best" if best else "worst"
    numbers = figures(scores, at)
    gate_items = plan_for(instrument).gate_items
    filled = [favourability_bounds(item)[1 if best else 0] if v is None else v for item, v in zip(gate_items, gates)]
    # In a complete picture the market score is both the score and its best case.
    gate = gate_status(filled, numbers["market"], numbers["market"], model)
    return band_of(numbers["market"], numbers["value"], numbers["risk"], gate, numbers, model)


def evaluate(instrument: Instrument, answers: dict[str, Answer], overrides: dict[str, float] | None = None) -> Evaluation:
    return _judge(instrument, answers, tally(instrument, answers, overrides), gate_values(instrument, answers, overrides))


def _judge(instrument: Instrument, answers: dict[str, Answer], counted: Tally, gates: list[float | None]) -> Evaluation:
    model = load_model()
    scores = compose(counted, model)
    market = scores.factors[Factor.MARKET]
    gate = gate_status(gates, market.score, market.high, model)
    best = _extreme(instrument, scores, gates, True, model)
    worst = _extreme(instrument, scores, gates, False, model)
    thin = thin_parts(scores, model)
    if best.band == worst.band:
        # Settled: whatever the unknowns turn out to be. A walk-away that holds even at best
        # is explained by the best case's rule, anything else by the worst case's.
        chosen = best if best.band == Band.WALK_AWAY else worst
        verdict = Verdict(chosen.band, chosen.rule, figures(scores, "answers"), thin)
    elif thin:
        band = clamp(Band.EXPLORE_FURTHER, worst.band, best.band)
        verdict = Verdict(band, Rule.TOO_LITTLE_KNOWN, figures(scores, "answers"), thin)
    else:
        numbers = figures(scores, "answers")
        # Lies between worst and best by construction: band_of is monotone and the answers' scores
        # lie inside their ranges (the properties in tests/core check it).
        verdict = band_of(numbers["market"], numbers["value"], numbers["risk"], gate, numbers, model)
    return Evaluation(instrument, answers, counted, scores, gates, gate, verdict, best, worst)

