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
