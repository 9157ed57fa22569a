"""Undoing an assessment's changes: its creation, its deletion, a sitting's answer saves; never its completion."""

import pytest

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import assess_now, complete_assessment, delete_assessment, save_answers, \
    start_assessment
from dancecard.history.services import Kind, alliance_history
from tests.conftest import QUICK_STRONG
from tests.history.conftest import messages_of, record, undo

pytestmark = pytest.mark.django_db


def answer_step(client, assessment, **answers):
    response = client.post(f"/assessments/{assessment.pk}/step/1/", answers)
    assert response.status_code == 302


class TestUndoAssessment:
    def test_undoing_the_creation_deletes_it_and_the_one_before_is_current_again(self, client, make_alliance):
        alliance = make_alliance()
        first = assess_now(alliance, "quick", QUICK_STRONG)
        second = assess_now(alliance, "quick", QUICK_STRONG)

        response = undo(client, "assessment", record("assessment", second.pk, "+"))
        alliance.refresh_from_db()
        assert not Assessment.objects.filter(pk=second.pk).exists()
        assert alliance.current_assessment == first
        assert "deleted. Its undo is in the alliance's history." in messages_of(response)[-1]

    def test_undoing_the_deletion_restores_it_as_the_current_picture(self, client, make_alliance):
        alliance = make_alliance()
        first = assess_now(alliance, "quick", QUICK_STRONG)
        second = assess_now(alliance, "quick", QUICK_STRONG)
        pk, created, result = second.pk, second.created, second.result
        delete_assessment(second)
        alliance.refresh_from_db()
        assert alliance.current_assessment == first

        undo(client, "assessment", record("assessment", pk, "-"))
        restored = Assessment.objects.get(pk=pk)
        alliance.refresh_from_db()
        assert (restored.is_complete, restored.created, restored.result) == (True, created, result)
        assert alliance.current_assessment == restored

    def test_a_restored_assessment_leaves_a_current_picture_chosen_since_alone(self, client, make_alliance):
        alliance = make_alliance()
        second = assess_now(alliance, "quick", QUICK_STRONG)
        pk = second.pk
        delete_assessment(second)
        third = assess_now(alliance, "quick", QUICK_STRONG)

        undo(client, "assessment", record("assessment", pk, "-"))
        alliance.refresh_from_db()
        assert Assessment.objects.filter(pk=pk).exists() and alliance.current_assessment == third

    def test_undoing_a_sitting_s_answers_puts_the_draft_s_answers_before_it_back(self, client, make_alliance):
        draft = start_assessment(make_alliance())
        save_answers(draft, {"quick.customer_need": 2})  # an earlier sitting, by nobody signed in
        answer_step(client, draft, **{"quick.customer_need": "5"})
        answer_step(client, draft, **{"quick.unique_offering": "4"})

        entry = alliance_history(draft.alliance)[0]
        assert (entry.kind, entry.count, entry.user) == (Kind.ANSWERS, 2, "alice")
        response = undo(client, "assessment", record("assessment", draft.pk, "~"))
        draft.refresh_from_db()
        assert draft.answers == {"quick.customer_need": 2}
        assert messages_of(response)[-1] == "Undone: the answers are back as they were before those saves."

    def test_answers_saved_again_since_are_not_overwritten(self, client, make_alliance):
        draft = start_assessment(make_alliance())
        answer_step(client, draft, **{"quick.customer_need": "5"})
        sitting = record("assessment", draft.pk, "~")
        save_answers(draft, {"quick.unique_offering": 1})  # someone else, later

        response = undo(client, "assessment", sitting)
        draft.refresh_from_db()
        assert draft.answers == {"quick.customer_need": 5, "quick.unique_offering": 1}
        assert messages_of(response)[-1].startswith("Not undone: the answers have been saved again since.")

    def test_a_completion_is_not_undone(self, client, make_alliance):
        draft = start_assessment(make_alliance())
        save_answers(draft, QUICK_STRONG)
        complete_assessment(draft)

        response = undo(client, "assessment", record("assessment", draft.pk, "~"))
        draft.refresh_from_db()
        assert draft.is_complete
        assert messages_of(response)[-1].startswith("Not undone: a completed assessment stays as it was completed.")

    def test_the_undo_is_recorded_in_the_alliance_s_history(self, client, make_alliance):
        alliance = make_alliance()
        assessment = assess_now(alliance, "quick", QUICK_STRONG)
        pk = assessment.pk
        delete_assessment(assessment)
        undo(client, "assessment", record("assessment", pk, "-"))

        kinds = [(e.model, e.kind, e.is_undo, e.user) for e in alliance_history(alliance)[:2]]
        assert kinds == [("alliance", Kind.CHANGED, True, "alice"), ("assessment", Kind.RESTORED, True, "alice")]
