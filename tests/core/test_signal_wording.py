"""Signals and health actions in words: titles, reasons with their numbers, what to do, and why."""

from datetime import date, timedelta

import pytest

from dancecard.core.health import ActionKind, HealthAction, load_health_check
from dancecard.core.signal_wording import present_health_action, present_signal, present_signals
from dancecard.core.signals import MEASURES, Severity, Signal, Source, evaluate, load_signal_rules
from dancecard.core.timeline import AllianceLife, Interaction, InteractionKind, RecordKind

RULES = load_signal_rules()
TODAY = date(2024, 6, 15)


def a_signal(code: str, value: float = 2, threshold: float | None = None) -> Signal:
    rule = RULES.rule(code)
    return Signal(code=code, severity=rule.severity, value=value,
                  threshold=rule.threshold if threshold is None else threshold, window_days=rule.window_days,
                  record_kind=MEASURES[code].record_kind, records=("x1",), countermeasure=rule.countermeasure,
                  source=rule.cited)


class TestPresentSignal:
    def test_the_reason_says_the_numbers_in_plain_words(self):
        life = AllianceLife(today=TODAY, started=date(2023, 1, 1),
                            interactions=(Interaction("i1", TODAY - timedelta(days=143), InteractionKind.FACE_TO_FACE),))
        signal = next(s for s in evaluate(life) if s.code == "no_face_to_face")
        presented = present_signal(signal)
        assert presented["reason"] == "No face-to-face meeting for 143 days (threshold 90)."
        assert presented["title"] == "No recent face-to-face contact"
        assert presented["severity_label"] == "High" and presented["records"] == ["i1"]

    def test_the_countermeasure_is_an_instruction_with_the_glossary_label(self):
        presented = present_signal(a_signal("no_face_to_face", 120))
        assert presented["countermeasure"]["label"] == "Face-to-face contact"
        assert presented["countermeasure"]["text"].startswith("Meet")

    def test_a_practice_countermeasure_has_its_own_label(self):
        assert present_signal(a_signal("health_check_overdue", 8))["countermeasure"]["label"] == "Run a health check"

    def test_the_citation_names_the_work_and_section_never_the_file(self):
        source = present_signal(a_signal("milestone_postponed", 3))["source"]
        assert "Master's thesis" in source["citation"] and "5.2.2 Hold Up Behaviour" in source["citation"]
        assert ".txt" not in source["citation"] and source["seed"] == "004_37010681c2ba077a.txt"

    def test_the_practice_a_signal_rests_on_is_cited_too(self):
        assert "CRM practice" in present_signal(a_signal("next_step_late", 3))["source"]["citation"]

    @pytest.mark.parametrize("code", sorted(MEASURES))
    def test_every_signal_reads_as_a_finished_sentence(self, code):
        reason = present_signal(a_signal(code, 2))["reason"]
        assert reason.endswith(".") and "{" not in reason and "?" not in reason, reason

    def test_one_day_is_singular(self):
        assert present_signal(a_signal("next_step_late", 1))["reason"].startswith("The next step is 1 day past")
        assert present_signal(a_signal("next_step_late", 4))["reason"].startswith("The next step is 4 days past")

    def test_shares_read_as_percentages(self):
        reason = present_signal(a_signal("dependence_growing", 0.42))["reason"]
        assert reason.startswith("42% of your revenue") and "threshold 30%" in reason

    def test_one_champion_and_several_read_differently(self):
        assert present_signal(a_signal("champion_left", 1))["reason"].startswith("1 sponsor or champion at the partner has")
        assert present_signal(a_signal("champion_left", 2))["reason"].startswith("2 sponsors or champions")

    @pytest.mark.parametrize("code", ["single_threaded", "no_boundary_spanning", "no_field_operations"])
    def test_one_person_never_reads_as_people(self, code):
        one, several = present_signal(a_signal(code, 1))["reason"], present_signal(a_signal(code, 3))["reason"]
        assert "1 people" not in one and "All 1" not in one and "None of the 1" not in one, one
        assert "people" in several or "contacts" in several, several

    def test_a_late_step_is_told_to_be_done_or_moved(self):
        text = present_signal(a_signal("next_step_late", 3))["countermeasure"]["text"]
        assert text.startswith("Do the next step, or set a new date")

    def test_a_lapsing_commitment_is_told_to_be_renewed(self):
        assert "renew" in present_signal(a_signal("commitment_expiring", 20))["countermeasure"]["text"]

    def test_a_list_of_signals_keeps_its_order(self):
        signals = [a_signal("risk_rising", 12), a_signal("next_step_none", 0)]
        assert [p["code"] for p in present_signals(signals)] == ["risk_rising", "next_step_none"]

    def test_an_unknown_code_still_renders(self):
        odd = Signal("new_signal", Severity.LOW, 1, None, None, RecordKind.CONTACT, (), "practice.unknown",
                     Source("004_37010681c2ba077a.txt", "4.5 Overcoming Challenges and Size Difference"))
        presented = present_signal(odd)
        assert presented["title"] == "new signal" and presented["countermeasure"]["label"] == "practice.unknown"


class TestPresentHealthAction:
    def test_it_gives_the_dimension_label_the_scores_and_what_to_do(self):
        action = HealthAction("fairness", ActionKind.PARTNER_LOWER, 40.0, 75.0, 35.0)
        presented = present_health_action(action)
        assert presented["label"] == "Fairness of the exchange" and presented["gap"] == 40.0
        assert presented["text"].startswith("The partner's people find the exchange less fair")

    def test_every_dimension_and_kind_has_a_sentence(self):
        for dimension in load_health_check().dimensions:
            for kind in ActionKind:
                assert present_health_action(HealthAction(dimension.key, kind, 20, 60, 40))["text"]


def test_one_milestone_reads_in_the_singular_and_two_in_the_plural():
    from dancecard.core.signals import Severity, Signal
    from dancecard.core.signal_wording import signal_reason
    from dancecard.core.timeline import RecordKind

    def reason(value):
        return signal_reason(Signal(code="milestones_not_modular", severity=Severity.LOW, value=value, threshold=1,
                                    window_days=None, record_kind=RecordKind.MILESTONE, records=(),
                                    countermeasure="strategy.modular_knowledge_transfer", source="x"))

    assert reason(1).startswith("1 open milestone does not say")
    assert reason(2).startswith("2 open milestones do not say")
