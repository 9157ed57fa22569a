"""Properties the scoring must keep whatever the answers (hypothesis), on every shipped instrument."""

import json

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dancecard.core.answers import DONT_KNOW, favourability, parse_answers, parse_value
from dancecard.core.evaluation import evaluate
from dancecard.core.instruments import AnswerKind, Part, available, get_instrument
from dancecard.core.result import assess
from dancecard.core.scoring import score_answers
from tests.strategies import answer_sets, candidates, complete_answer_sets, value_for

INSTRUMENTS = [get_instrument(name, version) for name, version, _ in available()]
EPS = 1e-9


def _scores(instrument, raw):
    return score_answers(instrument, parse_answers(instrument, raw))


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.key)
class TestScoringProperties:
    @given(data=st.data())
    def test_scores_and_ranges_stay_in_bounds(self, instrument, data):
        scores = _scores(instrument, data.draw(answer_sets(instrument)))
        for measured in [*scores.parts.values(), *scores.factors.values()]:
            assert 0 <= measured.low <= measured.high <= 100
            assert 0 <= measured.coverage <= 1 + EPS and 0 <= measured.evidence <= measured.coverage + EPS
            if measured.score is not None:
                assert measured.low - EPS <= measured.score <= measured.high + EPS
        for part in scores.parts.values():
            assert (part.score is None) == (part.coverage == 0)

    @given(data=st.data())
    def test_answering_an_unknown_only_narrows_every_range(self, instrument, data):
        raw = data.draw(answer_sets(instrument))
        unknown = [i for i in instrument.items if raw.get(i.id, DONT_KNOW) == DONT_KNOW]
        assume(unknown)
        item = data.draw(st.sampled_from(unknown))
        before = _scores(instrument, raw)
        raw[item.id] = data.draw(value_for(item))
        after = _scores(instrument, raw)
        for key in before.factors:
            b, a = before.factors[key], after.factors[key]
            assert b.low - EPS <= a.low and a.high <= b.high + EPS
            if a.score is not None:
                assert b.low - EPS <= a.score <= b.high + EPS

    @given(data=st.data())
    def test_better_news_never_worsens_a_factor(self, instrument, data):
        raw = data.draw(answer_sets(instrument))
        item = data.draw(st.sampled_from(instrument.items))
        first, second = data.draw(value_for(item)), data.draw(value_for(item))
        worse, better = sorted((first, second), key=lambda v: favourability(item, parse_value(item, v)))
        raw[item.id] = worse
        before = _scores(instrument, raw).factors[item.factor]
        raw[item.id] = better
        after = _scores(instrument, raw).factors[item.factor]
        riskier_is_worse = item.factor.value == "risk"
        for field in ("score", "low", "high"):
            b, a = getattr(before, field), getattr(after, field)
            if a is None or b is None:
                continue
            assert (a <= b + EPS) if riskier_is_worse else (a >= b - EPS), field

    @given(data=st.data())
    def test_a_weak_direction_caps_partner_value(self, instrument, data):
        scores = _scores(instrument, data.draw(complete_answer_sets(instrument)))
        to_mnc, to_sme = scores.parts[Part.TO_MNC], scores.parts[Part.TO_SME]
        value = scores.factors[next(k for k in scores.factors if k.value == "partner_value")]
        assert value.score <= min(to_mnc.score, to_sme.score) + 15 + EPS
        assert value.score <= (to_mnc.score + to_sme.score) / 2 + EPS

    @given(data=st.data())
    def test_safeguards_lower_exposure_but_never_below_half(self, instrument, data):
        scores = _scores(instrument, data.draw(complete_answer_sets(instrument)))
        exposure = scores.parts[Part.EXPOSURE]
        risk = scores.factors[next(k for k in scores.factors if k.value == "risk")]
        assert exposure.score / 2 - EPS <= risk.score <= exposure.score + EPS

    def test_the_market_gate_holds(self, instrument):
        gate = next(i for i in instrument.items if i.gate)
        result = assess(instrument, {gate.id: 1 if gate.kind == AnswerKind.LIKERT else False})
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
        with_dont_know = _scores(instrument, raw)
        raw.pop(item.id)
        assert with_dont_know == _scores(instrument, raw)


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.key)
@given(data=st.data())
def test_a_what_if_question_is_answered_exactly_as_scoring_everything_again(instrument, data):
    """What-ifs swap one unit's contribution (fast); they must agree with a full scoring."""
    answers = parse_answers(instrument, data.draw(answer_sets(instrument)))
    item = data.draw(st.sampled_from(instrument.items))
    favourable = data.draw(st.sampled_from([0.0, 0.25, 0.5, 1.0]))
    quick = evaluate(instrument, answers).what_if({item.id: favourable})
    full = evaluate(instrument, answers, {item.id: favourable})
    for key in full.scores.factors:
        a, b = quick.scores.factors[key], full.scores.factors[key]
        assert a.low == pytest.approx(b.low) and a.high == pytest.approx(b.high)
        assert (a.score is None) == (b.score is None) and (a.score is None or a.score == pytest.approx(b.score))
    assert quick.verdict.band == full.verdict.band


POOLED = [i for i in INSTRUMENTS if any(item.pool for item in i.items)]


@pytest.mark.parametrize("instrument", POOLED, ids=lambda i: i.key)
@given(data=st.data())
def test_the_strongest_motive_counts_not_the_average(instrument, data):
    """Prashantham: one credible motive is what the SME needs to appeal to, not all five."""
    motives = [i for i in instrument.items if i.pool == "motive"]
    raw = data.draw(answer_sets(instrument))
    strongest = data.draw(st.sampled_from(motives))
    raw.update({i.id: DONT_KNOW for i in motives})
    raw[strongest.id] = max(candidates(strongest), key=lambda v: favourability(strongest, parse_value(strongest, v)))
    alone = _scores(instrument, raw).parts[Part.TO_MNC].score
    # Saying "no" to every other motive changes nothing.
    for other in motives:
        if other is not strongest:
            raw[other.id] = min(candidates(other), key=lambda v: favourability(other, parse_value(other, v)))
    assert abs(_scores(instrument, raw).parts[Part.TO_MNC].score - alone) < EPS
