"""Hypothesis strategies producing valid answers for any instrument item."""

from __future__ import annotations

from hypothesis import strategies as st

from dancecard.core.answers import DONT_KNOW
from dancecard.core.instruments import AnswerKind, Instrument, Item


def value_for(item: Item) -> st.SearchStrategy:
    if item.kind == AnswerKind.LIKERT:
        return st.integers(1, 5)
    if item.kind == AnswerKind.YES_NO:
        return st.booleans()
    if item.kind == AnswerKind.SINGLE:
        return st.sampled_from([o.value for o in item.options])
    if item.kind == AnswerKind.MULTIPLE:
        return st.lists(st.sampled_from([o.value for o in item.options]), unique=True)
    low, high = item.scale[0].at, item.scale[-1].at
    span = high - low
    return st.floats(low - span, high + span, allow_nan=False)


def answer_for(item: Item) -> st.SearchStrategy:
    return st.one_of(value_for(item), st.just(DONT_KNOW))


def answer_sets(instrument: Instrument) -> st.SearchStrategy[dict]:
    """Any subset of the items, each answered with a valid value or don't know."""
    return st.fixed_dictionaries({}, optional={item.id: answer_for(item) for item in instrument.items})


def complete_answer_sets(instrument: Instrument) -> st.SearchStrategy[dict]:
    """Every item answered with a valid value: no unknowns."""
    return st.fixed_dictionaries({item.id: value_for(item) for item in instrument.items})


def candidates(item: Item) -> list:
    """A finite set of valid answers covering the item's whole scale."""
    if item.kind == AnswerKind.LIKERT:
        return [1, 2, 3, 4, 5]
    if item.kind == AnswerKind.YES_NO:
        return [True, False]
    if item.kind == AnswerKind.SINGLE:
        return [o.value for o in item.options]
    if item.kind == AnswerKind.MULTIPLE:
        return [[]] + [[o.value] for o in item.options] + [[o.value for o in item.options]]
    return [p.at for p in item.scale]


def answer_at(item: Item, favourable: float):
    """The answer to this item whose favourability (0 worst news .. 1 best) is nearest the target."""
    from dancecard.core.answers import favourability, parse_value

    return min(candidates(item), key=lambda v: (abs(favourability(item, parse_value(item, v)) - favourable), str(v)))


def answers_at(instrument: Instrument, favourable: float, parts: dict | None = None) -> dict:
    """Every item answered at one favourability, or per part ({"exposure": 0.0, ...}) where given."""
    parts = parts or {}
    return {item.id: answer_at(item, parts.get(item.part.value, favourable)) for item in instrument.items}
