"""Deleting an assessment: asked first; the current picture passes to the previous completed whole-alliance
assessment (or none); undone from the alliance's history."""

import pytest
from django.test import Client
from django.urls import reverse

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import assess_now, start_assessment
from dancecard.rounds.models import Round
from dancecard.rounds.services import open_round
from tests.conftest import QUICK_STRONG

pytestmark = pytest.mark.django_db


def delete(client, assessment):
    return client.post(reverse("assessment_delete", args=[assessment.pk]), follow=True)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


class TestAssessmentDelete:
    def test_it_asks_first_and_says_when_it_is_the_current_picture(self, client, assessed_alliance):
        current = assessed_alliance.current_assessment
        assert f'href="/assessments/{current.pk}/delete/"' in client.get(current.get_absolute_url()).content.decode()
        page = client.get(reverse("assessment_delete", args=[current.pk])).content.decode()
        assert "Delete “Quick assessment of" in page and "current picture" in page
        assert Assessment.objects.filter(pk=current.pk).exists()

    def test_deleting_the_current_one_makes_the_previous_completed_one_current(self, client, make_alliance,
                                                                                make_partner):
        oracle = make_partner("Oracle")
        alliance = make_alliance(partners=[make_partner("IBM"), oracle])
        older = assess_now(alliance, "quick", QUICK_STRONG)
        assess_now(alliance, "quick", QUICK_STRONG, partner=oracle)  # about one partner: never current by itself
        start_assessment(alliance)  # a draft: not either
        newest = assess_now(alliance, "quick", QUICK_STRONG)

        response = delete(client, newest)
        alliance.refresh_from_db()
        assert alliance.current_assessment == older and not Assessment.objects.filter(pk=newest.pk).exists()
        message = str(list(response.context["messages"])[-1])
        assert "is the current picture now" in message and "Undo it from the history" in message

    def test_deleting_the_only_one_leaves_no_current_picture(self, client, assessed_alliance):
        delete(client, assessed_alliance.current_assessment)
        assessed_alliance.refresh_from_db()
        assert assessed_alliance.current_assessment is None

    def test_deleting_another_one_leaves_the_current_picture_alone(self, client, assessed_alliance):
        draft = start_assessment(assessed_alliance)
        current = assessed_alliance.current_assessment
        delete(client, draft)
        assessed_alliance.refresh_from_db()
        assert assessed_alliance.current_assessment == current

    def test_the_alliance_s_history_brings_it_back(self, client, assessed_alliance):
        current = assessed_alliance.current_assessment
        delete(client, current)
        deleted = Assessment.history.get(id=current.pk, history_type="-")
        client.post(reverse("history_undo", args=["assessment", deleted.history_id]))
        assessed_alliance.refresh_from_db()
        assert assessed_alliance.current_assessment_id == current.pk

    def test_a_team_round_s_consensus_is_not_deleted(self, client, assessed_alliance):
        current = assessed_alliance.current_assessment
        Round.objects.create(workspace=assessed_alliance.workspace, alliance=assessed_alliance,
                             instrument_name="quick", instrument_version=current.instrument_version,
                             status="closed", consensus=current)
        response = delete(client, current)
        assert Assessment.objects.filter(pk=current.pk).exists()
        assert "team round's consensus" in str(list(response.context["messages"])[-1])

    def test_a_team_member_s_answers_are_not_deleted_one_by_one(self, client, make_alliance):
        round_ = open_round(make_alliance(), "quick", ["Ann", "Raj"])
        answers = round_.respondents.first().assessment
        assert client.post(reverse("assessment_delete", args=[answers.pk])).status_code == 404
        assert Assessment.objects.filter(pk=answers.pk).exists()

    def test_a_viewer_gets_403_and_another_workspace_s_owner_404(self, bob, charlie, assessed_alliance):
        current = assessed_alliance.current_assessment
        assert signed_in(bob).post(reverse("assessment_delete", args=[current.pk])).status_code == 403
        assert signed_in(bob).get(reverse("assessment_delete", args=[current.pk])).status_code == 403
        assert signed_in(charlie).post(reverse("assessment_delete", args=[current.pk])).status_code == 404
        assert Assessment.objects.filter(pk=current.pk).exists()
