"""A team member's round answers are theirs alone until they submit: the API follows the pages' rule."""

import json

import pytest
from django.urls import reverse

from dancecard.assessments.privacy import is_private_draft, visible
from dancecard.assessments.models import Assessment
from dancecard.assessments.services import save_answers, start_assessment
from dancecard.rounds.services import open_round, submit

pytestmark = pytest.mark.django_db
SECRET = "Ann's private note"


@pytest.fixture
def ann(alliance):
    round_ = open_round(alliance, "quick", ["Ann", "Bob"])
    ann = round_.respondents.get(name="Ann")
    save_answers(ann.assessment, {"quick.customer_need": {"value": 5, "note": SECRET}})
    return ann


class TestARespondentsDraft:
    def test_is_a_404_in_the_api_as_on_its_page(self, api, client, ann):
        assert api.get(f"/assessments/{ann.assessment.pk}")[0] == 404
        assert client.get(reverse("assessment_result", args=[ann.assessment.pk])).status_code == 404

    def test_is_not_listed_with_the_alliances_assessments(self, api, alliance, ann):
        owners = start_assessment(alliance, "quick")
        _, listed = api.get(f"/alliances/{alliance.pk}/assessments")
        assert [a["id"] for a in listed] == [owners.pk]
        _, detail = api.get(f"/alliances/{alliance.pk}")
        assert [a["id"] for a in detail["assessments"]] == [owners.pk]

    def test_no_read_of_the_api_shows_its_answers(self, api, alliance, partner, ann):
        for path in ["/alliances", f"/alliances/{alliance.pk}", f"/alliances/{alliance.pk}/assessments",
                     "/partners", f"/partners/{partner.pk}"]:
            status, body = api.get(path)
            assert status == 200 and SECRET not in json.dumps(body), path

    def test_once_submitted_it_shows_in_the_api_as_on_its_page(self, api, client, alliance, ann):
        submit(ann)
        status, body = api.get(f"/assessments/{ann.assessment.pk}")
        assert status == 200 and SECRET in json.dumps(body["result"])
        assert client.get(reverse("assessment_result", args=[ann.assessment.pk])).status_code == 200
        _, listed = api.get(f"/alliances/{alliance.pk}/assessments")
        assert ann.assessment.pk in [a["id"] for a in listed]

    def test_an_owners_own_draft_stays_readable(self, api, alliance, ann):
        draft = start_assessment(alliance, "quick")
        status, body = api.get(f"/assessments/{draft.pk}")
        assert status == 200 and body["status"] == "draft"


class TestTheOneRule:
    def test_the_check_and_the_filter_agree(self, alliance, ann):
        owners = start_assessment(alliance, "quick")
        bob = ann.round.respondents.get(name="Bob")
        submit(bob)
        everything = Assessment.objects.filter(alliance=alliance)
        by_check = {a.pk for a in everything if not is_private_draft(a)}
        assert by_check == set(visible(everything).values_list("pk", flat=True)) == {owners.pk, bob.assessment_id}
