"""Properties the verdict must keep whatever the answers, on every shipped instrument.

A manager must be able to trust the band: better news never gives a worse one, an added
safeguard never does, the verdict always lies between its best and worst case, and an
open market gate never hides a walk-away that holds whatever the market turns out to be.
"""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dancecard.core.answers import DONT_KNOW, favourability, parse_answers, parse_value
from dancecard.core.evaluation import evaluate
from dancecard.core.instruments import Factor, Part, available, get_instrument
from dancecard.core.verdict import BAND_ORDER, Band
from tests.strategies import answer_sets, candidates, complete_answer_sets, value_for

INSTRUMENTS = [get_instrument(name, version) for name, version, _ in available()]
RANK = {band: n for n, band in enumerate(BAND_ORDER)}


def _verdict(instrument, raw):
    return evaluate(instrument, parse_answers(instrument, raw))


def _favourability(item, raw_value):
    return favourability(item, parse_value(item, raw_value))


def _best_value(item):
    """The raw answer that is best news for the alliance on this item."""
    return max(candidates(item), key=lambda v: _favourability(item, v))


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.key)
class TestVerdictProperties:
    @settings(max_examples=80, deadline=None)
    @given(data=st.data())
    def test_improving_any_single_answer_never_gives_a_worse_band(self, instrument, data):
        raw = data.draw(complete_answer_sets(instrument))
        item = data.draw(st.sampled_from(instrument.items))
        first, second = data.draw(value_for(item)), data.draw(value_for(item))
        worse, better = sorted((first, second), key=lambda v: _favourability(item, v))
        raw[item.id] = worse
        before = _verdict(instrument, raw).verdict.band
        raw[item.id] = better
        after = _verdict(instrument, raw).verdict.band
        assert RANK[after] >= RANK[before], (item.id, worse, better, before, after)

    @settings(max_examples=80, deadline=None)
    @given(data=st.data())
    def test_improving_an_answer_never_gives_a_worse_band_even_with_unknowns(self, instrument, data):
        raw = data.draw(answer_sets(instrument))
        item = data.draw(st.sampled_from(instrument.items))
        first, second = data.draw(value_for(item)), data.draw(value_for(item))
        worse, better = sorted((first, second), key=lambda v: _favourability(item, v))
        raw[item.id] = worse
        before = _verdict(instrument, raw)
        raw[item.id] = better
        after = _verdict(instrument, raw)
        assert RANK[after.verdict.band] >= RANK[before.verdict.band]
        assert RANK[after.best.band] >= RANK[before.best.band] and RANK[after.worst.band] >= RANK[before.worst.band]

    @settings(max_examples=80, deadline=None)
    @given(data=st.data())
    def test_putting_a_safeguard_in_place_never_gives_a_worse_band(self, instrument, data):
        raw = data.draw(answer_sets(instrument))
        safeguard = data.draw(st.sampled_from([i for i in instrument.items if i.part == Part.SAFEGUARD]))
        before = _verdict(instrument, raw)
        raw[safeguard.id] = _best_value(safeguard)
        after = _verdict(instrument, raw)
        assert RANK[after.verdict.band] >= RANK[before.verdict.band], (safeguard.id, before.verdict, after.verdict)
        risk_before, risk_after = before.scores.factors[Factor.RISK], after.scores.factors[Factor.RISK]
        assert risk_after.high <= risk_before.high + 1e-9 and risk_after.low <= risk_before.low + 1e-9

    @settings(max_examples=80, deadline=None)
    @given(data=st.data())
    def test_the_verdict_lies_between_its_worst_and_best_case(self, instrument, data):
        evaluation = _verdict(instrument, data.draw(answer_sets(instrument)))
        assert RANK[evaluation.worst.band] <= RANK[evaluation.verdict.band] <= RANK[evaluation.best.band]
        # "settled" is said only when the best and worst cases agree, and then the verdict is theirs.
        assert evaluation.settled == (evaluation.best.band == evaluation.worst.band)
        if evaluation.settled:
            assert evaluation.verdict.band == evaluation.best.band

    @settings(max_examples=80, deadline=None)
    @given(data=st.data())
    def test_answering_an_unknown_only_narrows_the_verdicts_range(self, instrument, data):
        raw = data.draw(answer_sets(instrument))
        unknown = [i for i in instrument.items if raw.get(i.id, DONT_KNOW) == DONT_KNOW]
        assume(unknown)
        item = data.draw(st.sampled_from(unknown))
        before = _verdict(instrument, raw)
        raw[item.id] = data.draw(value_for(item))
        after = _verdict(instrument, raw)
        assert RANK[before.worst.band] <= RANK[after.worst.band] <= RANK[after.verdict.band]
        assert RANK[after.verdict.band] <= RANK[after.best.band] <= RANK[before.best.band]

    @settings(max_examples=80, deadline=None)
    @given(data=st.data())
    def test_an_open_gate_never_hides_a_walk_away_that_holds_whatever_the_market(self, instrument, data):
        raw = data.draw(complete_answer_sets(instrument))
        # Make a walk-away likely: the partner gives nothing, or every threat is real and unguarded.
        worst_parts = data.draw(st.sampled_from([{Part.TO_SME}, {Part.EXPOSURE, Part.SAFEGUARD}]))
        for item in instrument.items:
            if item.part in worst_parts:
                raw[item.id] = min(candidates(item), key=lambda v: _favourability(item, v))
        market_items = [i for i in instrument.items if i.factor == Factor.MARKET]
        # Every market answer at its best: if that is still a walk-away, no market answer can save it.
        best_market = dict(raw, **{i.id: _best_value(i) for i in market_items})
        assume(_verdict(instrument, best_market).verdict.band == Band.WALK_AWAY)
        gate = next(i for i in market_items if i.gate)
        for open_answer in (DONT_KNOW, 3 if gate.kind.value == "likert" else DONT_KNOW):
            assert _verdict(instrument, dict(raw, **{gate.id: open_answer})).verdict.band == Band.WALK_AWAY
        unknown_market = {k: v for k, v in raw.items() if k not in {i.id for i in market_items}}
        assert _verdict(instrument, unknown_market).verdict.band == Band.WALK_AWAY

    @settings(max_examples=80, deadline=None)
    @given(data=st.data())
    def test_value_must_flow_both_ways(self, instrument, data):
        raw = data.draw(complete_answer_sets(instrument))
        # The MNC gives the SME nothing: every to_sme answer at its worst.
        for item in instrument.items:
            if item.part == Part.TO_SME:
                raw[item.id] = min(candidates(item), key=lambda v: _favourability(item, v))
        evaluation = _verdict(instrument, raw)
        assert evaluation.verdict.band == Band.WALK_AWAY
        assert evaluation.scores.factors[Factor.PARTNER_VALUE].score < 35
