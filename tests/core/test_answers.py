import pytest

from dancecard.core.answers import DONT_KNOW, level, parse_answers
from dancecard.core.errors import InvalidAnswers
from dancecard.core.instruments import get_instrument

QUICK = get_instrument("quick")


class TestParseAnswers:
    def test_every_problem_is_listed_not_just_the_first(self):
        with pytest.raises(InvalidAnswers) as error:
            parse_answers(QUICK, {"quick.customer_need": 9, "quick.bogus": 1, "quick.written_commitment_stage": "maybe",
                                  "quick.route_to_market": "by_pigeon", "quick.dependence": True})
        problems = error.value.problems
        assert len(problems) == 5
        assert any("quick.bogus" in p and "no such item" in p for p in problems)
        assert any("9 is out of range" in p for p in problems)
        assert any("by_pigeon" in p and "partner_channel" in p for p in problems)

    @pytest.mark.parametrize("spelling", [DONT_KNOW, "?", "don't know", "Unknown", None])
    def test_dont_know_has_many_spellings_and_stays_unknown(self, spelling):
        assert parse_answers(QUICK, {"quick.customer_need": spelling})["quick.customer_need"].value is None

    def test_an_answer_can_carry_a_note_and_evidence(self):
        answer = parse_answers(QUICK, {"quick.customer_need": {"value": 4, "note": "pilot", "evidence": "LOI"}})["quick.customer_need"]
        assert (answer.value, answer.note, answer.evidence) == (4, "pilot", "LOI")

    def test_an_extended_answer_with_an_unknown_field_is_refused(self):
        with pytest.raises(InvalidAnswers, match="confidence"):
            parse_answers(QUICK, {"quick.customer_need": {"value": 4, "confidence": "high"}})

    def test_text_from_forms_is_accepted(self):
        full = get_instrument("full", "1.0")  # yes/no items live on in 1.0 (2.0 gives partial answers a scale)
        assert parse_answers(full, {"full.mou": "yes"})["full.mou"].value is True
        answers = parse_answers(QUICK, {"quick.customer_need": "4", "quick.written_commitment_stage": " draft ",
                                        "quick.mnc_motive": "corporate_citizenship, spin_off_support"})
        assert answers["quick.customer_need"].value == 4
        assert answers["quick.written_commitment_stage"].value == "draft"
        assert answers["quick.mnc_motive"].value == ("corporate_citizenship", "spin_off_support")

    def test_answers_that_are_not_a_mapping_are_refused(self):
        with pytest.raises(InvalidAnswers):
            parse_answers(QUICK, ["quick.customer_need", 4])  # type: ignore[arg-type]


class TestLevel:
    def test_likert_runs_from_zero_to_one(self):
        item = QUICK.item("quick.customer_need")
        assert [level(item, v) for v in (1, 3, 5)] == [0.0, 0.5, 1.0]

    def test_multiple_choice_adds_up_and_caps_at_one(self):
        item = QUICK.item("quick.mnc_motive")
        everything = tuple(o.value for o in item.options)
        assert level(item, ()) == 0.0
        assert level(item, everything) == 1.0


class TestNotesAndEvidence:
    def test_control_characters_in_a_note_are_refused_wherever_answers_come_from(self):
        with pytest.raises(InvalidAnswers) as error:
            parse_answers(QUICK, {"quick.customer_need": {"value": 4, "note": "bad\x00note"}})
        assert "control" in error.value.by_item["quick.customer_need"]

    def test_line_breaks_and_tabs_in_a_note_are_fine(self):
        answers = parse_answers(QUICK, {"quick.customer_need": {"value": 4, "note": "two\nlines\tand a tab"}})
        assert answers["quick.customer_need"].note == "two\nlines\tand a tab"

    @pytest.mark.parametrize("bad", ["\x1b[31m", "\u2028", "\u202e", "\ud800", "\x85"])
    def test_every_character_the_text_rule_refuses_is_refused_in_evidence(self, bad):
        with pytest.raises(InvalidAnswers) as error:
            parse_answers(QUICK, {"quick.customer_need": {"value": 4, "evidence": f"x{bad}y"}})
        assert error.value.by_item["quick.customer_need"].startswith("the evidence contains control")
