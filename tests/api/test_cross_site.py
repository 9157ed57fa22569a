"""No other web site can write through a user's browser; a team member's draft stays theirs."""

import json

import pytest

from dancecard.portfolio.models import Partner
from dancecard.rounds.services import open_round

from .conftest import browser_client

pytestmark = pytest.mark.django_db


class TestWritesNeedThisSite:
    def test_a_cross_site_text_plain_post_is_refused_and_creates_nothing(self, workspace):
        client = browser_client()  # the user's browser holds the cookie, the attacker's page not the token
        response = client.post("/api/partners", data=json.dumps({"name": "Evil Corp"}), content_type="text/plain",
                               HTTP_ORIGIN="https://evil.example")
        assert response.status_code == 403 and "X-CSRFToken" in response.json()["detail"]
        assert not Partner.objects.filter(name="Evil Corp").exists()

    def test_a_json_write_without_the_token_is_refused(self, workspace, alliance):
        response = browser_client().patch(f"/api/alliances/{alliance.pk}", data={"name": "Renamed"},
                                          content_type="application/json")
        assert response.status_code == 403
        alliance.refresh_from_db()
        assert alliance.name != "Renamed"

    def test_a_write_with_the_token_but_no_json_body_is_415(self, workspace):
        client = browser_client()
        response = client.post("/api/partners", data="name=x", content_type="application/x-www-form-urlencoded",
                               HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
        assert response.status_code == 415 and "application/json" in response.json()["detail"]
        assert not Partner.objects.filter(name="x").exists()

    def test_a_write_from_this_site_works(self, api):
        status, body = api.post("/partners", {"name": "Good Corp"})
        assert status == 201 and body["name"] == "Good Corp"

    def test_reads_need_no_token(self, workspace):
        assert browser_client().get("/api/partners").status_code == 200


class TestRespondentDraftsStayPrivate:
    def test_the_api_gives_a_404_for_a_respondents_draft_and_does_not_list_it(self, api, alliance):
        round_ = open_round(alliance, "quick", ["Ann", "Bob"])
        ann = round_.respondents.first()
        from dancecard.assessments.services import save_answers

        save_answers(ann.assessment, {"quick.customer_need": {"value": 5, "note": "Ann's private note"}})
        status, _ = api.get(f"/assessments/{ann.assessment.pk}")
        assert status == 404
        _, listed = api.get(f"/alliances/{alliance.pk}/assessments")
        assert ann.assessment.pk not in [a["id"] for a in listed]
        _, detail = api.get(f"/alliances/{alliance.pk}")
        assert ann.assessment.pk not in [a["id"] for a in detail["assessments"]]


class TestTextIsCheckedAtTheApiToo:
    @pytest.mark.parametrize("payload", [{"name": "Evil\u202eCorp"}, {"name": "Two\nlines"},
                                         {"name": "Fine", "notes": "a\x0bb"}])
    def test_control_characters_get_a_422_and_nothing_is_stored(self, api, payload):
        status, body = api.post("/partners", payload)
        assert status == 422 and "control" in json.dumps(body)
        assert not Partner.objects.exists()

    def test_a_multi_line_note_is_fine(self, api):
        status, body = api.post("/partners", {"name": "Fine", "notes": "two\nlines"})
        assert status == 201 and body["notes"] == "two\nlines"
