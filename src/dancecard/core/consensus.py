"""A team's answers to one instrument: the consensus per item and how far colleagues differ.

The consensus of an item is a cautious median of the known answers: where two
middle answers are equally central, the one less favourable to the alliance is
taken, so a split team never reads more optimistic than its members. "Don't
know" answers are counted but take no part in the consensus.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from dancecard.core.answers import Answer, Value, describe, factor_value, favourability
from dancecard.core.instruments import AnswerKind, Instrument, Item


@dataclass(frozen=True)
class ItemSpread:
    item: Item
    known: int
    dont_know: int
    consensus: Value | None
    # Favourability (0..1) of each respondent's answer, None where unknown, in respondent order.
    positions: tuple[float | None, ...]

    @property
    def spread(self) -> float:
        """Distance between the most and least favourable known answers, 0..1."""
        known = [p for p in self.positions if p is not None]
        return max(known) - min(known) if len(known) > 1 else 0.0

    def to_dict(self) -> dict[str, Any]:
        consensus = Answer(self.consensus)
        return {
            "item": self.item.id,
            "factor": self.item.factor.value,
            "question": self.item.question,
            "known": self.known,
            "dont_know": self.dont_know,
            "consensus": describe(self.item, consensus) if self.consensus is not None else "don't know",
            "spread": round(100 * self.spread, 1),
            "positions": [None if p is None else round(100 * p, 1) for p in self.positions],
        }


def item_spreads(instrument: Instrument, answer_sets: list[dict[str, Answer]]) -> list[ItemSpread]:
    spreads = []
    for item in instrument.items:
        values = [a[item.id].value if item.id in a else None for a in answer_sets]
        known = [v for v in values if v is not None]
        dont_know = sum(1 for a in answer_sets if item.id in a and a[item.id].value is None)
        positions = tuple(None if v is None else favourability(item, v) for v in values)
        spreads.append(ItemSpread(item, len(known), dont_know, consensus_value(item, known), positions))
    return spreads


def consensus_value(item: Item, known: list[Value]) -> Value | None:
    if not known:
        return None
    if item.kind == AnswerKind.MULTIPLE:
        counts = Counter(option for chosen in known for option in chosen)  # type: ignore[union-attr]
        return tuple(o.value for o in item.options if 2 * counts[o.value] > len(known))
    if item.kind == AnswerKind.NUMBER:
        return float(statistics.median(float(v) for v in known))  # type: ignore[arg-type]
    if item.kind == AnswerKind.SINGLE or item.kind == AnswerKind.YES_NO:
        counts = Counter(known)
        top = max(counts.values())
        tied = [v for v, n in counts.items() if n == top]
        return min(tied, key=lambda v: (favourability(item, v), str(v)))
    ordered = sorted(known, key=lambda v: favourability(item, v))
    middle = (len(ordered) - 1) // 2  # the lower middle: the less favourable when two are central
    return ordered[middle]


def consensus_answers(instrument: Instrument, answer_sets: list[dict[str, Answer]]) -> dict[str, Answer]:
    """One answer per item the team addressed: the consensus, or don't know if nobody knew."""
    consensus: dict[str, Answer] = {}
    for spread in item_spreads(instrument, answer_sets):
        if spread.known or spread.dont_know:
            consensus[spread.item.id] = Answer(spread.consensus, note=f"Team consensus of {spread.known} answer(s)"
                                               + (f", {spread.dont_know} don't know" if spread.dont_know else ""))
    return consensus


def rating_matrix(instrument: Instrument, answer_sets: list[dict[str, Answer]], factor: str | None = None) -> list[list[float | None]]:
    """Respondents × items, each cell the answer in its factor's orientation (0..1), None where unknown."""
    items = [i for i in instrument.items if factor is None or i.factor.value == factor]
    matrix = []
    for answers in answer_sets:
        row = []
        for item in items:
            answer = answers.get(item.id)
            row.append(None if answer is None or answer.value is None else factor_value(item, answer.value))
        matrix.append(row)
    return matrix
