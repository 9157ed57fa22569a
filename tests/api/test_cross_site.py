"""No other web site can write through a user's browser: writes need the CSRF token and a JSON body."""

import json
import re

import pytest
from django.conf import settings
from django.test import Client

from dancecard.api import security
from dancecard.assessments.models import Assessment
from dancecard.assessments.services import assess_now
from dancecard.portfolio.models import Alliance, Partner

from .conftest import browser_client, signed_in

pytestmark = pytest.mark.django_db

UNSAFE = {"post", "put", "patch", "delete"}


def token_of(client: Client) -> str:
    return client.cookies["csrftoken"].value


class TestCrossSiteWrites:
    """The probe: another site's page posts text/plain (no preflight) with the user's cookies."""

    def test_a_cross_site_text_plain_post_creates_no_partner(self, alice, workspace):
        client = browser_client(alice)  # the user's browser holds the cookie; the attacker's page lacks the token
        response = client.post("/api/partners", data=json.dumps({"name": "Evil Corp"}), content_type="text/plain",
                               HTTP_ORIGIN="https://evil.example")
        assert response.status_code == 403
        body = response.json()
        assert body["cookie"] == "csrftoken" and body["header"] == "X-CSRFToken"
        assert "csrftoken" in body["detail"] and "X-CSRFToken" in body["detail"]
        assert not Partner.objects.filter(name="Evil Corp").exists()

    @pytest.mark.parametrize("with_cookie", [True, False], ids=["cookie-sent", "cookie-withheld-by-samesite"])
    def test_a_cross_site_text_plain_post_does_not_change_the_current_verdict(self, alice, alliance, with_cookie):
        current = assess_now(alliance, "quick", {"quick.customer_need": 5})
        client = browser_client(alice) if with_cookie else signed_in(alice)
        response = client.post(f"/api/alliances/{alliance.pk}/assessments", content_type="text/plain",
                               data=json.dumps({"answers": {"quick.customer_need": 1}}),
                               HTTP_ORIGIN="https://evil.example")
        assert response.status_code == 403
        assert Assessment.objects.count() == 1
        alliance.refresh_from_db()
        assert alliance.current_assessment == current

    def test_another_origin_is_refused_even_with_a_valid_token(self, alice, workspace):
        client = browser_client(alice)
        response = client.post("/api/partners", {"name": "Evil Corp"}, content_type="application/json",
                               HTTP_X_CSRFTOKEN=token_of(client), HTTP_ORIGIN="https://evil.example")
        assert response.status_code == 403 and response.json()["reason"].startswith("Origin checking failed")
        assert not Partner.objects.exists()


class TestTheToken:
    def test_a_json_write_without_the_token_changes_nothing(self, alice, workspace, alliance):
        response = browser_client(alice).patch(f"/api/alliances/{alliance.pk}", data={"name": "Renamed"},
                                          content_type="application/json")
        assert response.status_code == 403 and response.json()["reason"] == "CSRF token missing."
        alliance.refresh_from_db()
        assert alliance.name == "BizSpark pilot"

    def test_a_post_without_any_cookie_says_how_to_get_one(self, alice, workspace):
        response = signed_in(alice).post("/api/partners", {"name": "Oracle"},
                                                         content_type="application/json")
        assert response.status_code == 403 and response["Content-Type"].startswith("application/json")
        body = response.json()
        assert body["reason"] == "CSRF cookie not set."
        assert "/api/docs" in body["detail"] and "X-CSRFToken" in body["detail"]
        assert not Partner.objects.exists()

    def test_a_wrong_token_is_refused(self, alice, workspace):
        client = browser_client(alice)
        response = client.post("/api/partners", {"name": "Oracle"}, content_type="application/json",
                               HTTP_X_CSRFTOKEN="x" * 32)
        assert response.status_code == 403 and "incorrect" in response.json()["reason"]
        assert not Partner.objects.exists()

    def test_with_the_token_from_a_page_a_write_works(self, alice, workspace):
        client = browser_client(alice)
        response = client.post("/api/partners", {"name": "Good Corp"}, content_type="application/json",
                               HTTP_X_CSRFTOKEN=token_of(client))
        assert response.status_code == 201 and Partner.objects.filter(name="Good Corp").exists()

    def test_a_script_can_start_from_an_api_read(self, alice, workspace):
        client = signed_in(alice)
        assert client.get("/api/instruments").status_code == 200
        response = client.post("/api/partners", {"name": "Scripted"}, content_type="application/json",
                               HTTP_X_CSRFTOKEN=token_of(client))
        assert response.status_code == 201

    def test_reads_need_no_token(self, alice, workspace, alliance):
        client = signed_in(alice)
        assert client.get("/api/partners").status_code == 200
        assert client.get(f"/api/alliances/{alliance.pk}").status_code == 200

    def test_the_names_given_are_the_ones_django_uses(self):
        assert settings.CSRF_COOKIE_NAME == security.COOKIE
        assert settings.CSRF_HEADER_NAME == "HTTP_" + security.HEADER.upper().replace("-", "_")


class TestJsonOnly:
    @pytest.mark.parametrize("content_type, data", [
        ("text/plain", '{"name": "Renamed"}'),
        ("application/x-www-form-urlencoded", "name=Renamed"),
        ("multipart/form-data; boundary=x", "--x--"),
        ("", '{"name": "Renamed"}'),
    ])
    def test_a_write_with_the_token_but_no_json_body_is_415_and_changes_nothing(self, alice, alliance, content_type,
                                                                                data):
        client = browser_client(alice)
        response = client.generic("PATCH", f"/api/alliances/{alliance.pk}", data, content_type=content_type,
                                  HTTP_X_CSRFTOKEN=token_of(client))
        assert response.status_code == 415, response.content
        assert "application/json" in response.json()["detail"]
        alliance.refresh_from_db()
        assert alliance.name == "BizSpark pilot"

    def test_a_same_site_text_plain_post_is_415(self, alice, workspace):
        client = browser_client(alice)
        response = client.post("/api/partners", data=json.dumps({"name": "x"}), content_type="text/plain",
                               HTTP_X_CSRFTOKEN=token_of(client))
        assert response.status_code == 415 and "text/plain" in response.json()["detail"]
        assert not Partner.objects.exists()

    @pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "Application/JSON"])
    def test_json_with_parameters_or_in_capitals_is_json(self, alice, workspace, content_type):
        client = browser_client(alice)
        response = client.post("/api/partners", data=json.dumps({"name": "Fine"}), content_type=content_type,
                               HTTP_X_CSRFTOKEN=token_of(client))
        assert response.status_code == 201


class TestEveryWriteIsGuarded:
    """Walks every write operation the OpenAPI document lists, so a new one cannot be left open."""

    @pytest.fixture
    def writes(self, client):
        document = client.get("/api/openapi.json").json()
        found = [(path, method) for path, operations in document["paths"].items()
                 for method in operations if method in UNSAFE]
        assert len(found) >= 5
        return found

    def _url(self, path, alliance, partner):
        ids = {"alliance_id": alliance.pk, "partner_id": partner.pk, **self._life(alliance)}
        return re.sub(r"\{(\w+)\}", lambda m: str(ids[m[1]]), path)

    @staticmethod
    def _life(alliance) -> dict[str, int]:
        """A record of each kind of the alliance's life, for the writes that name one."""
        from dancecard.tracking.models import Commitment, Contact, Interaction, Milestone

        made = {"workspace": alliance.workspace, "alliance": alliance}
        records = {
            "contact_id": Contact.objects.filter(alliance=alliance).first() or Contact.objects.create(**made, name="Raj"),
            "interaction_id": Interaction.objects.filter(alliance=alliance).first()
            or Interaction.objects.create(**made, date="2025-01-15"),
            "milestone_id": Milestone.objects.filter(alliance=alliance).first()
            or Milestone.objects.create(**made, title="Pilot", due="2025-03-01"),
            "commitment_id": Commitment.objects.filter(alliance=alliance).first()
            or Commitment.objects.create(**made, kind="mou", started="2025-01-01"),
        }
        return {name: record.pk for name, record in records.items()}

    def test_without_the_token_each_is_403_and_nothing_changes(self, alice, writes, alliance, partner):
        before = (Partner.objects.count(), Alliance.objects.count(), Assessment.objects.count())
        client = browser_client(alice)
        for path, method in writes:
            response = client.generic(method.upper(), self._url(path, alliance, partner),
                                      json.dumps({"name": "Changed", "answers": {}}),
                                      content_type="application/json")
            assert response.status_code == 403, (method, path, response.content)
        assert (Partner.objects.count(), Alliance.objects.count(), Assessment.objects.count()) == before
        alliance.refresh_from_db()
        partner.refresh_from_db()
        assert alliance.name == "BizSpark pilot" and partner.name == "Microsoft India"
        from dancecard.tracking.models import Contact, Milestone

        assert not Contact.objects.filter(name="Changed").exists() and Milestone.objects.get().title == "Pilot"

    def test_with_the_token_but_text_plain_each_is_415(self, alice, writes, alliance, partner):
        client = browser_client(alice)
        for path, method in writes:
            response = client.generic(method.upper(), self._url(path, alliance, partner),
                                      json.dumps({"name": "Changed"}), content_type="text/plain",
                                      HTTP_X_CSRFTOKEN=token_of(client))
            assert response.status_code == 415, (method, path, response.content)
        partner.refresh_from_db()
        assert partner.name == "Microsoft India"
