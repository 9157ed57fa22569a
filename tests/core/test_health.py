"""Health checks: both sides answer the same statements; scores per dimension, gaps and actions."""

from pathlib import Path

import pytest

from dancecard.core.errors import InstrumentError, InvalidAnswers, UnknownInstrument
from dancecard.core.health import (
    ActionKind,
    compare_sides,
    load_health_check,
    read_health_check,
    score_side,
)
from dancecard.core.timeline import Side

CHECK = load_health_check()
SHIPPED = Path(__file__).resolve().parents[2] / "src" / "dancecard" / "core" / "data" / "health" / "health-1.0.toml"


def everything(value) -> dict:
    return {item.id: value for item in CHECK.items}


def by_dimension(values: dict[str, int]) -> dict:
    return {item.id: values[item.dimension] for item in CHECK.items if item.dimension in values}


class TestTheShippedCheck:
    def test_it_has_about_ten_statements_over_the_five_dimensions(self):
        assert 8 <= len(CHECK.items) <= 12
        assert [d.key for d in CHECK.dimensions] == ["strategic_value", "operational_delivery", "relationship_trust",
                                                     "governance", "fairness"]
        assert all(CHECK.items_of(d.key) for d in CHECK.dimensions)

    def test_every_statement_is_worded_for_both_sides_with_help_and_a_source(self):
        for item in CHECK.items:
            assert item.question_for(Side.OURS) == item.question
            assert item.question_for(Side.PARTNER) == item.partner_question
            assert item.help and item.source.section and item.practice

    def test_the_fairness_statements_rest_on_the_thesis_on_power_asymmetry(self):
        sources = {i.source.seed for i in CHECK.items_of("fairness")}
        assert sources == {"004_37010681c2ba077a.txt"}

    def test_it_lives_apart_from_the_assessment_instruments(self):
        from dancecard.core.instruments import available

        assert "health" not in {name for name, _, _ in available()}

    def test_the_newest_version_loads_by_default_and_an_unknown_one_is_refused(self):
        assert load_health_check(CHECK.version) is CHECK
        with pytest.raises(UnknownInstrument, match="health@1.0"):
            load_health_check("0.1")


class TestScoringOneSide:
    def test_answers_become_0_to_100_per_dimension(self):
        side = score_side(CHECK, by_dimension({"strategic_value": 5, "operational_delivery": 1,
                                               "relationship_trust": 3, "governance": 4, "fairness": 2}))
        assert [d.score for d in side.dimensions] == [100.0, 0.0, 50.0, 75.0, 25.0]
        assert side.score == 50.0 and side.coverage == 1.0

    def test_dont_know_is_left_out_never_a_zero(self):
        answers = by_dimension({"fairness": 5}) | {CHECK.items_of("fairness")[0].id: "dont_know"}
        fairness = score_side(CHECK, answers).dimension("fairness")
        assert fairness.score == 100.0 and fairness.coverage == 0.5 and fairness.dont_know == 1

    @pytest.mark.parametrize("unknown", [None, "dont_know", "?"])
    def test_every_way_of_saying_dont_know_is_accepted(self, unknown):
        side = score_side(CHECK, everything(unknown))
        assert side.score is None and side.coverage == 0.0
        assert all(d.score is None and d.dont_know == len(CHECK.items_of(d.dimension)) for d in side.dimensions)

    def test_an_unanswered_dimension_has_no_score_and_the_overall_rests_on_the_rest(self):
        side = score_side(CHECK, by_dimension({"governance": 4}))
        assert side.dimension("fairness").score is None and side.dimension("fairness").coverage == 0.0
        assert side.score == 75.0 and side.coverage == 0.2

    def test_several_respondents_of_one_side_are_pooled(self):
        side = score_side(CHECK, everything(5), everything(3))
        assert side.score == 75.0 and side.respondents == 2 and side.coverage == 1.0

    def test_a_side_nobody_answered_for_is_unknown(self):
        side = score_side(CHECK)
        assert side.score is None and side.coverage == 0.0 and side.respondents == 0

    def test_every_bad_answer_is_listed(self):
        with pytest.raises(InvalidAnswers) as error:
            score_side(CHECK, {"health.nope": 3, "health.goals_still_shared": 6, "health.owners_named": True})
        assert len(error.value.problems) == 3
        assert set(error.value.by_item) == {"health.goals_still_shared", "health.owners_named"}


class TestComparingTheSides:
    def test_gaps_are_ours_minus_the_partners_per_dimension(self):
        ours = score_side(CHECK, everything(4))
        theirs = score_side(CHECK, by_dimension({"strategic_value": 4, "operational_delivery": 2,
                                                 "relationship_trust": 5, "governance": 4}))
        gaps = {g.dimension: g.gap for g in compare_sides(CHECK, ours, theirs).gaps}
        assert gaps == {"strategic_value": 0.0, "operational_delivery": 50.0, "relationship_trust": -25.0,
                        "governance": 0.0, "fairness": None}

    def test_actions_come_largest_gap_first_and_say_which_side_rates_lower(self):
        ours = score_side(CHECK, by_dimension({"strategic_value": 5, "operational_delivery": 4,
                                               "relationship_trust": 2, "governance": 4, "fairness": 4}))
        theirs = score_side(CHECK, by_dimension({"strategic_value": 4, "operational_delivery": 2,
                                                 "relationship_trust": 5, "governance": 4, "fairness": 1}))
        actions = compare_sides(CHECK, ours, theirs).actions
        assert [(a.dimension, a.kind, a.gap) for a in actions] == [
            ("relationship_trust", ActionKind.WE_LOWER, 75.0),
            ("fairness", ActionKind.PARTNER_LOWER, 75.0),
            ("operational_delivery", ActionKind.PARTNER_LOWER, 50.0),
            ("strategic_value", ActionKind.PARTNER_LOWER, 25.0),
        ]

    def test_a_gap_counts_from_the_threshold_in_the_data(self):
        assert CHECK.gaps.act_from == 15.0
        ours = score_side(CHECK, {i.id: 4 for i in CHECK.items_of("governance")})
        # One statement at 3 and one at 4 on the partner's side: 62.5, a gap of 12.5.
        governance = CHECK.items_of("governance")
        theirs = score_side(CHECK, {governance[0].id: 3, governance[1].id: 4})
        assert compare_sides(CHECK, ours, theirs).actions == ()
        theirs = score_side(CHECK, {governance[0].id: 3, governance[1].id: 3})
        assert [a.gap for a in compare_sides(CHECK, ours, theirs).actions] == [25.0]

    def test_agreeing_that_something_is_poor_is_an_action_too_after_the_gaps(self):
        ours = score_side(CHECK, by_dimension({"governance": 2, "fairness": 1, "strategic_value": 5}))
        theirs = score_side(CHECK, by_dimension({"governance": 2, "fairness": 1, "strategic_value": 3}))
        actions = compare_sides(CHECK, ours, theirs).actions
        assert [(a.dimension, a.kind) for a in actions] == [
            ("strategic_value", ActionKind.PARTNER_LOWER), ("fairness", ActionKind.BOTH_LOW),
            ("governance", ActionKind.BOTH_LOW)]

    def test_a_dimension_one_side_could_not_judge_is_not_an_action(self):
        ours = score_side(CHECK, everything(5))
        theirs = score_side(CHECK, everything("dont_know"))
        comparison = compare_sides(CHECK, ours, theirs)
        assert comparison.actions == () and all(g.gap is None for g in comparison.gaps)

    def test_the_comparison_records_the_check_it_was_made_with(self):
        assert compare_sides(CHECK, score_side(CHECK), score_side(CHECK)).instrument == "health@1.0"


class TestAnAdaptedCheck:
    def write(self, tmp_path: Path, old: str, new: str) -> Path:
        path = tmp_path / "health-1.1.toml"
        text = SHIPPED.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    def test_the_shipped_file_passes_its_own_checks(self):
        assert read_health_check(SHIPPED) == CHECK

    def test_a_wrong_field_names_the_file_the_item_and_the_field(self, tmp_path):
        path = self.write(tmp_path, 'question = "The alliance still serves', 'question = 3\nx = "')
        with pytest.raises(InstrumentError, match=r"health-1\.1\.toml: item 'health.goals_still_shared'"):
            read_health_check(path)

    def test_an_unknown_dimension_or_seed_is_refused(self, tmp_path):
        path = self.write(tmp_path, 'dimension = "fairness"', 'dimension = "fun"')
        with pytest.raises(InstrumentError, match="field 'dimension': 'fun' is not one of"):
            read_health_check(path)
        path = self.write(tmp_path, 'seed = "001_eb76e04c043b9737.txt"', 'seed = "009_eb76e04c043b9737.txt"')
        with pytest.raises(InstrumentError, match="unknown seed file"):
            read_health_check(path)

    def test_the_scale_needs_a_label_per_point(self, tmp_path):
        path = self.write(tmp_path, '"Strongly disagree", ', "")
        with pytest.raises(InstrumentError, match="field 'labels'"):
            read_health_check(path)
