"""The result is one typed, documented shape (dancecard.result/2): codes and numbers, no words."""

import json
from pathlib import Path

import msgspec

from dancecard.core.instruments import get_instrument
from dancecard.core.result import SCHEMA, assess, read_result
from dancecard.core.wording import present

QUICK = get_instrument("quick", "2.0")


class TestResultShape:
    def test_it_has_the_documented_top_level_fields(self):
        result = assess(QUICK, {})
        assert result["schema"] == SCHEMA == "dancecard.result/2"
        assert set(result) == {"schema", "model", "instrument", "factors", "gate", "verdict", "threats", "safeguards",
                               "next_steps", "diagnoses", "answers"}
        assert list(result["factors"]) == ["market", "partner_value", "risk"]
        assert list(result["factors"]["partner_value"]["parts"]) == ["to_mnc", "to_sme"]
        assert list(result["factors"]["risk"]["parts"]) == ["exposure", "safeguard"]

    def test_it_is_plain_json_and_reads_back_typed(self):
        result = assess(QUICK, {"quick.mnc_motive": ["spin_off_support"], "quick.customer_need": 4})
        assert json.loads(json.dumps(result)) == result
        assert msgspec.to_builtins(read_result(result)) == result

    def test_it_stores_codes_not_words(self):
        result = assess(QUICK, {"quick.customer_need": 4, "quick.dependence": 5})
        text = json.dumps(result)
        for words in ("Market needs", "Pursue", "Explore further", "How dependent", "Cotman"):
            assert words not in text
        # ...and the edge renders them.
        shown = present(result)
        assert shown["factors"]["market"]["label"] == "Market needs"
        assert shown["verdict"]["label"] and shown["verdict"]["reason"]

    def test_nothing_answered_gives_no_score_and_the_widest_range(self):
        market = assess(QUICK, {})["factors"]["market"]
        assert (market["score"], market["low"], market["high"], market["coverage"]) == (None, 0.0, 100.0, 0.0)

    def test_every_unknown_becomes_a_next_step_with_the_gate_first(self):
        steps = assess(QUICK, {"quick.acquisition": 3})["next_steps"]
        unknown = [s for s in steps["ask_partner"] + steps["in_house"] if s["kind"] == "unknown"]
        assert len(unknown) == 11
        assert steps["ask_partner"][0]["item"] == "quick.customer_need"
        assert all(s["source"]["seed"] for s in unknown)

    def test_steps_that_can_change_the_verdict_come_first(self):
        steps = assess(QUICK, {"quick.customer_need": 5})["next_steps"]["ask_partner"]
        flags = [bool(s["could_become"]) for s in steps if s["kind"] == "unknown"]
        assert flags == sorted(flags, reverse=True)

    def test_reasons_name_their_item_part_and_source(self):
        reasons = assess(QUICK, {"quick.customer_need": 5})["factors"]["market"]["reasons"]
        assert reasons[0]["item"] == "quick.customer_need" and reasons[0]["direction"] == "raises"
        assert reasons[0]["part"] == "market" and reasons[0]["source"]["seed"].startswith("001_")
        assert "Cotman" in present(assess(QUICK, {"quick.customer_need": 5}))["factors"]["market"]["reasons"][0]["source"]["citation"]

    def test_answers_are_counted_and_kept(self):
        result = assess(QUICK, {"quick.customer_need": 4, "quick.dependence": "dont_know"})
        answers = result["answers"]
        assert (answers["answered"], answers["dont_know"], answers["unanswered"]) == (1, 1, 10)
        assert answers["given"][0] == {"item": "quick.customer_need", "value": 4, "note": "", "evidence": ""}
        assert present(result)["answers"]["given"][0]["text"] == "4 – A clear need in a named market"

    def test_a_stored_result_1_document_stays_readable(self):
        old = json.loads((Path(__file__).parent / "data" / "result-1.json").read_text())  # made by model 1
        shown = present(old)
        assert shown["schema"] == "dancecard.result/1"
        assert shown["verdict"]["band"] == old["verdict"]["band"] and shown["verdict"]["reason"] == old["verdict"]["reason"]
        assert shown["next_steps"]["ask_partner"][0]["text"] == old["next_questions"][0]["ask_partner"]
        assert shown["answers"]["given"][0]["question"].startswith("Can you name the customers")
