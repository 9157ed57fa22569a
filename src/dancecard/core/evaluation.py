"""One scored set of answers: factor tallies, the market gate and the verdict,
plus the what-if questions the explanation needs (best case, worst case, one more answer)."""

from __future__ import annotations

from dataclasses import dataclass

from dancecard.core.answers import Answer
from dancecard.core.instruments import Factor, Instrument, Item
from dancecard.core.scoring import Tally, factor_index, plan_for, tally
from dancecard.core.scoring import gate_values as read_gates
from dancecard.core.verdict import GateStatus, Verdict, decide, gate_status


@dataclass(frozen=True)
class Evaluation:
    instrument: Instrument
    answers: dict[str, Answer]
    tally: Tally
    gate_values: list[float | None]
    gate: GateStatus
    verdict: Verdict

    def unknown_items(self) -> list[Item]:
        return [i for i in self.instrument.items if self._value_of(i) is None]

    def _value_of(self, item: Item):
        answer = self.answers.get(item.id)
        return None if answer is None else answer.value

    def what_if(self, item: Item, favourable: float) -> Verdict:
        """The verdict if this unknown item were answered at the given favourability (0 worst, 1 best)."""
        counted = self.tally.copy()
        value = 1.0 - favourable if item.factor == Factor.RISK else favourable
        counted.add(factor_index(item.factor), item.weight, value)
        gate_values = self.gate_values
        if item.gate:
            gate_values = [favourable if g.id == item.id else v
                           for g, v in zip(_gate_items(self.instrument), self.gate_values)]
        return decide(counted, gate_status(gate_values, counted))

    def extreme(self, best: bool) -> Verdict:
        """The verdict if every unknown were answered at its best (or worst) end."""
        counted = self.tally.copy()
        favourable = 1.0 if best else 0.0
        for item in self.unknown_items():
            value = 1.0 - favourable if item.factor == Factor.RISK else favourable
            counted.add(factor_index(item.factor), item.weight, value)
        gate_values = [favourable if v is None else v for v in self.gate_values]
        return decide(counted, gate_status(gate_values, counted))


def _gate_items(instrument: Instrument) -> tuple[Item, ...]:
    return plan_for(instrument).gate_items


def evaluate(instrument: Instrument, answers: dict[str, Answer]) -> Evaluation:
    counted = tally(instrument, answers)
    gates = read_gates(instrument, answers)
    gate = gate_status(gates, counted)
    return Evaluation(instrument, answers, counted, gates, gate, decide(counted, gate))
