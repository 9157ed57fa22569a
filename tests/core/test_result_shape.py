"""The result is one documented JSON shape; these fields are what every consumer relies on."""

import json

from dancecard.core.instruments import get_instrument
from dancecard.core.result import SCHEMA, assess

QUICK = get_instrument("quick")


class TestResultShape:
    def test_it_has_the_documented_top_level_fields(self):
        result = assess(QUICK, {})
        assert result["schema"] == SCHEMA
        assert set(result) == {"schema", "instrument", "factors", "gate", "verdict", "next_questions", "diagnoses", "answers"}
        assert list(result["factors"]) == ["market", "partner_value", "risk"]
        assert [f["colour"] for f in result["factors"].values()] == ["green", "yellow", "blue"]

    def test_it_is_plain_json(self):
        result = assess(QUICK, {"quick.mnc_motive": ["spin_off_support"], "quick.customer_need": 4})
        assert json.loads(json.dumps(result)) == result

    def test_nothing_answered_gives_no_score_and_the_full_range(self):
        market = assess(QUICK, {})["factors"]["market"]
        assert (market["score"], market["low"], market["high"], market["coverage"]) == (None, 0.0, 100.0, 0.0)

    def test_every_unknown_becomes_a_next_question_with_the_gate_first(self):
        questions = assess(QUICK, {"quick.dependence": 3})["next_questions"]
        assert len(questions) == 11
        assert questions[0]["item"] == "quick.customer_need"
        assert all(q["ask_partner"] and q["source"]["seed"] for q in questions)

    def test_questions_that_can_change_the_verdict_come_first(self):
        flags = [q["could_change_verdict"] for q in assess(QUICK, {"quick.customer_need": 5})["next_questions"]]
        assert flags == sorted(flags, reverse=True)

    def test_reasons_name_their_source(self):
        reasons = assess(QUICK, {"quick.customer_need": 5})["factors"]["market"]["reasons"]
        assert reasons[0]["item"] == "quick.customer_need" and reasons[0]["direction"] == "raises"
        assert "Cotman" in reasons[0]["source"]["citation"]

    def test_answers_are_counted_and_kept(self):
        answers = assess(QUICK, {"quick.customer_need": 4, "quick.dependence": "dont_know"})["answers"]
        assert (answers["answered"], answers["dont_know"], answers["unanswered"]) == (1, 1, 10)
        assert answers["given"][0]["text"] == "4 – A clear need in a named market"
