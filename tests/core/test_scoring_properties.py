"""Properties the scoring must keep whatever the answers (hypothesis)."""

import json

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dancecard.core.answers import DONT_KNOW, factor_value, parse_answers
from dancecard.core.instruments import AnswerKind, get_instrument
from dancecard.core.result import assess
from dancecard.core.scoring import score_factors
from tests.strategies import answer_sets, value_for

INSTRUMENTS = [get_instrument("quick"), get_instrument("full")]


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.name)
class TestScoringProperties:
    @given(data=st.data())
    def test_scores_and_ranges_stay_in_bounds(self, instrument, data):
        answers = parse_answers(instrument, data.draw(answer_sets(instrument)))
        for factor in score_factors(instrument, answers).values():
            assert 0 <= factor.low <= factor.high <= 100
            assert 0 <= factor.coverage <= 1 and 0 <= factor.evidence <= factor.coverage
            if factor.score is None:
                assert factor.answered == 0 and factor.low == 0 and factor.high == 100
            else:
                assert factor.low - 1e-9 <= factor.score <= factor.high + 1e-9

    @given(data=st.data())
    def test_answering_an_unknown_stays_within_the_earlier_range(self, instrument, data):
        raw = data.draw(answer_sets(instrument))
        unknown = [i for i in instrument.items if raw.get(i.id, DONT_KNOW) == DONT_KNOW]
        assume(unknown)
        item = data.draw(st.sampled_from(unknown))
        before = score_factors(instrument, parse_answers(instrument, raw))[item.factor]
        raw[item.id] = data.draw(value_for(item))
        after = score_factors(instrument, parse_answers(instrument, raw))[item.factor]
        assert before.low - 1e-9 <= after.low and after.high <= before.high + 1e-9
        assert before.low - 1e-9 <= after.score <= before.high + 1e-9

    @given(data=st.data())
    def test_improving_an_answer_never_lowers_its_factor(self, instrument, data):
        raw = data.draw(answer_sets(instrument))
        item = data.draw(st.sampled_from(instrument.items))
        first, second = data.draw(value_for(item)), data.draw(value_for(item))
        worse, better = sorted((first, second), key=lambda v: _goodness(item, v))
        raw[item.id] = worse
        before = score_factors(instrument, parse_answers(instrument, raw))[item.factor].score
        raw[item.id] = better
        after = score_factors(instrument, parse_answers(instrument, raw))[item.factor].score
        if item.factor.value == "risk":
            assert after <= before + 1e-9  # better news means less risk
        else:
            assert after >= before - 1e-9

    @given(data=st.data())
    def test_the_market_gate_holds(self, instrument, data):
        raw = data.draw(answer_sets(instrument))
        gate = next(i for i in instrument.items if i.gate)
        raw[gate.id] = 1 if gate.kind == AnswerKind.LIKERT else False
        result = assess(instrument, raw)
        assert result["gate"]["status"] == "failed"
        assert result["verdict"]["band"] == "walk_away" and result["verdict"]["rule"] == "market-gate"

    @given(data=st.data())
    def test_results_are_deterministic(self, instrument, data):
        raw = data.draw(answer_sets(instrument))
        first = json.dumps(assess(instrument, raw), sort_keys=True)
        assert json.dumps(assess(instrument, dict(reversed(list(raw.items())))), sort_keys=True) == first

    @given(data=st.data())
    def test_dont_know_is_never_a_zero(self, instrument, data):
        raw = data.draw(answer_sets(instrument))
        item = data.draw(st.sampled_from(instrument.items))
        raw[item.id] = DONT_KNOW
        with_dont_know = score_factors(instrument, parse_answers(instrument, raw))[item.factor]
        raw.pop(item.id)
        left_out = score_factors(instrument, parse_answers(instrument, raw))[item.factor]
        assert with_dont_know == left_out


def _goodness(item, value):
    parsed = parse_answers(get_instrument("quick") if item.id.startswith("quick.") else get_instrument("full"),
                           {item.id: value})[item.id].value
    good = factor_value(item, parsed)
    return 1 - good if item.factor.value == "risk" else good
