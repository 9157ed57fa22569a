"""The TOPSIS ranking and its sensitivity sweep: pure functions, no database."""

import math

import pytest

from dancecard.compare.ranking import CRITERIA, normalise_weights, parse_weights, rank, sensitivity

EQUAL = {"market": 1, "partner_value": 1, "risk": 1}


def alt(id, market, partner_value, risk, name=None):
    return {"id": id, "name": name or f"A{id}", "market": market, "partner_value": partner_value, "risk": risk}


def test_a_dominant_alternative_ranks_first():
    result = rank([alt(1, 40, 50, 60), alt(2, 80, 90, 20), alt(3, 60, 40, 50)], EQUAL)
    assert result.ok
    assert result.rows[0].id == 2 and result.rows[0].rank == 1
    assert [row.rank for row in result.rows] == [1, 2, 3]
    assert all(0 <= row.closeness <= 1 for row in result.rows)


def test_risk_is_a_cost_criterion():
    # Identical but for risk: the less risky one must win, whatever the weights.
    for weights in (EQUAL, {"market": 0, "partner_value": 0, "risk": 1}, {"market": 5, "partner_value": 5, "risk": 1}):
        result = rank([alt("risky", 70, 70, 80), alt("safe", 70, 70, 20)], weights)
        assert result.rows[0].id == "safe", weights


def test_market_and_partner_value_are_benefits():
    assert rank([alt(1, 30, 50, 50), alt(2, 70, 50, 50)], EQUAL).rows[0].id == 2
    assert rank([alt(1, 50, 80, 50), alt(2, 50, 20, 50)], EQUAL).rows[0].id == 1


def test_weights_change_the_order():
    bold, careful = alt("bold", 95, 90, 85), alt("careful", 55, 50, 10)
    assert rank([bold, careful], {"market": 50, "partner_value": 50, "risk": 0}).rows[0].id == "bold"
    assert rank([bold, careful], {"market": 10, "partner_value": 10, "risk": 100}).rows[0].id == "careful"


def test_weights_are_relative():
    alts = [alt(1, 40, 50, 60), alt(2, 80, 30, 20), alt(3, 60, 40, 50)]
    a = rank(alts, {"market": 1, "partner_value": 2, "risk": 3})
    b = rank(alts, {"market": 10, "partner_value": 20, "risk": 30})
    assert [(r.id, r.rank, r.closeness) for r in a.rows] == [(r.id, r.rank, r.closeness) for r in b.rows]
    assert math.isclose(sum(a.weights.values()), 1.0)


def test_identical_alternatives_tie_without_nan():
    result = rank([alt(1, 60, 60, 40), alt(2, 60, 60, 40)], EQUAL)
    assert result.ok and result.all_tied
    assert [row.rank for row in result.rows] == [1, 1]
    assert all(row.closeness is None or not math.isnan(row.closeness) for row in result.rows)


def test_identical_pair_among_others_shares_a_rank():
    result = rank([alt(1, 60, 60, 40), alt(2, 60, 60, 40), alt(3, 90, 90, 10), alt(4, 10, 10, 90)], EQUAL)
    ranks = result.ranks
    assert ranks[3] == 1 and ranks[1] == ranks[2] == 2 and ranks[4] == 4
    assert not any(math.isnan(row.closeness) for row in result.rows)


def test_all_zero_scores_and_a_single_weighted_constant_factor_do_not_crash():
    result = rank([alt(1, 0, 0, 0), alt(2, 0, 0, 0)], EQUAL)
    assert result.ok and [row.rank for row in result.rows] == [1, 1]
    # Only risk carries weight and both have the same risk: a tie, though they differ elsewhere.
    tied = rank([alt(1, 10, 90, 50), alt(2, 90, 10, 50)], {"market": 0, "partner_value": 0, "risk": 1})
    assert [row.rank for row in tied.rows] == [1, 1]


def test_an_alternative_with_a_missing_score_is_excluded_as_not_enough_answers():
    result = rank([alt(1, 60, 60, 40), alt(2, 70, None, 30), alt(3, 50, 40, 50)], EQUAL)
    assert result.ok
    assert {row.id for row in result.rows} == {1, 3}
    assert [(e.id, e.reason, e.missing) for e in result.excluded] == [(2, "not enough answers", ("partner_value",))]


def test_fewer_than_two_alternatives_is_a_message_not_a_crash():
    assert rank([], EQUAL).error
    assert rank([alt(1, 60, 60, 40)], EQUAL).error
    one_left = rank([alt(1, 60, 60, 40), alt(2, None, None, None)], EQUAL)
    assert one_left.error and not one_left.rows and len(one_left.excluded) == 1


def test_zero_and_negative_weights():
    assert "zero" in rank([alt(1, 60, 60, 40), alt(2, 50, 50, 50)], {"market": 0, "partner_value": 0, "risk": 0}).error
    with pytest.raises(ValueError):
        normalise_weights({"market": -1, "partner_value": 1, "risk": 1})
    # One zero weight is fine: that factor is ignored.
    result = rank([alt(1, 90, 10, 50), alt(2, 10, 90, 50)], {"market": 1, "partner_value": 0, "risk": 1})
    assert result.rows[0].id == 1 and result.weights["partner_value"] == 0


@pytest.mark.parametrize("raw, fragment", [
    ({"market": "abc"}, "must be a number"),
    ({"risk": "-5"}, "cannot be negative"),
    ({"partner_value": "nan"}, "must be a number"),
    ({"market": "inf"}, "must be a number"),
    ({"market": "0", "partner_value": "0", "risk": "0"}, "zero"),
])
def test_parse_weights_explains_bad_input(raw, fragment):
    _, errors = parse_weights(raw)
    assert errors and fragment in " ".join(errors)


def test_parse_weights_defaults_missing_and_blank_values():
    weights, errors = parse_weights({"market": "80", "partner_value": ""})
    assert not errors and weights == {"market": 80.0, "partner_value": 50.0, "risk": 50.0}


def test_sensitivity_shape():
    alts = [alt(1, 40, 50, 60), alt(2, 80, 90, 20), alt(3, 60, 40, 50)]
    sweeps = sensitivity(alts, EQUAL, steps=6)
    assert [s.criterion.key for s in sweeps] == [c.key for c in CRITERIA]
    for sweep in sweeps:
        assert [step.weight for step in sweep.steps] == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
        for step in sweep.steps:
            assert set(step.ranks) == {1, 2, 3}
            assert all(1 <= r <= 3 for r in step.ranks.values())
        assert math.isclose(sweep.current, 1 / 3)
        # 2 dominates the others: it leads at every weight.
        assert sweep.stable and all(step.leaders == (2,) for step in sweep.steps)
        assert sweep.sentence == f"The leader stays A2 whatever the weight of {sweep.criterion.short}."


def test_sensitivity_finds_where_the_leader_changes():
    alts = [alt(1, 95, 90, 85, "Bold"), alt(2, 55, 50, 10, "Careful")]
    risk = {s.criterion.key: s for s in sensitivity(alts, EQUAL)}["risk"]
    assert not risk.stable
    assert risk.steps[0].leaders == (1,) and risk.steps[-1].leaders == (2,)
    assert len(risk.segments) == 2 and risk.segments[0].leaders == (1,) and risk.segments[1].leaders == (2,)
    switch = risk.segments[0].end
    assert 0 < switch < 1
    assert risk.sentence == f"Bold leads until the weight of risk exceeds {switch * 100:.0f}%, then Careful."
    # At the step just past the switch, the table agrees with the sentence.
    assert all(step.leaders == ((1,) if step.weight <= switch else (2,)) for step in risk.steps)


def test_sensitivity_keeps_the_other_weights_in_proportion():
    # With market:partner value at 1:0, sweeping risk never lets partner value count.
    alts = [alt(1, 90, 10, 50), alt(2, 10, 90, 50)]
    risk = {s.criterion.key: s for s in sensitivity(alts, {"market": 1, "partner_value": 0, "risk": 1})}["risk"]
    assert [step.leaders for step in risk.steps[:-1]] == [(1,)] * 5
    assert risk.steps[-1].leaders == (1, 2)  # at 100% risk only risk counts, and they are equal on it


def test_sensitivity_of_unrankable_input_is_empty():
    assert sensitivity([alt(1, 50, 50, 50)], EQUAL) == []
    assert sensitivity([alt(1, 50, 50, 50), alt(2, 40, 40, 40)], {"market": 0, "partner_value": 0, "risk": 0}) == []


def test_ranking_does_not_import_django():
    import subprocess
    import sys

    code = ("import sys, dancecard.compare.ranking as r; "
            "r.rank([{'id':1,'name':'a','market':1,'partner_value':2,'risk':3},"
            "{'id':2,'name':'b','market':3,'partner_value':2,'risk':1}], {'market':1,'partner_value':1,'risk':1}); "
            "assert 'django' not in sys.modules, 'django imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
