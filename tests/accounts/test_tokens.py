"""Personal API tokens: made on /account/tokens/, sent as `Authorization: Bearer TOKEN` by scripts."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from dancecard.accounts.models import ApiToken
from dancecard.accounts.tokens import digest
from dancecard.portfolio.models import Partner
from dancecard.workspaces.models import Membership
from tests.api.conftest import signed_in

pytestmark = pytest.mark.django_db

TOKENS = "/account/tokens/"


def make_token(browser: Client, name: str = "monthly export") -> str:
    """The secret the tokens page shows once, after making a token there."""
    response = browser.post(TOKENS, {"name": name})
    assert response.status_code == 200, response.content[:500]
    found = re.search(r'data-testid="new-token">([^<]+)<', response.content.decode())
    assert found, "the new token is not shown"
    return found[1]


def as_browser(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def script(secret: str) -> Client:
    """A script: no cookies, no session, and Django's CSRF checks on (as for any client without a browser)."""
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {secret}")


def create_partner(client: Client, name="Siemens"):
    return client.post("/api/partners", {"name": name}, content_type="application/json")


class TestMakingAToken:
    def test_it_is_shown_once_and_only_its_hash_is_stored(self, client, alice, workspace):
        secret = make_token(client)
        assert secret.startswith("dct_") and len(secret) > 40
        token = ApiToken.objects.get()
        assert token.user == alice and token.workspace == workspace and token.name == "monthly export"
        assert token.digest == digest(secret) and secret not in token.digest
        assert secret.startswith(token.prefix) and len(token.prefix) < 12
        listed = client.get(TOKENS).content.decode()
        assert "monthly export" in listed and secret not in listed and token.prefix in listed

    def test_a_token_needs_a_name(self, client):
        response = client.post(TOKENS, {"name": "   "})
        assert response.status_code == 422 and not ApiToken.objects.exists()

    def test_it_works_in_the_workspace_the_user_works_in(self, alice, outsider):
        Membership.objects.create(workspace=outsider["workspace"], user=alice, role="editor")
        browser = as_browser(alice)
        browser.post(reverse("workspace_switch", args=[outsider["workspace"].pk]))
        make_token(browser)
        assert ApiToken.objects.get().workspace == outsider["workspace"]

    def test_someone_in_no_workspace_cannot_make_one(self, db):
        from tests.conftest import make_user

        response = as_browser(make_user("loner")).post(TOKENS, {"name": "script"})
        assert response.status_code == 422 and "workspace" in response.content.decode()
        assert not ApiToken.objects.exists()


class TestUsingAToken:
    def test_it_reads_the_api(self, client, make_partner):
        make_partner("Microsoft")
        response = script(make_token(client)).get("/api/partners")
        assert response.status_code == 200
        assert [p["name"] for p in response.json()] == ["Microsoft"]

    def test_it_writes_without_any_csrf_token(self, client, workspace):
        response = create_partner(script(make_token(client)))
        assert response.status_code == 201, response.content
        assert Partner.objects.get().workspace == workspace

    def test_its_use_is_recorded(self, client):
        secret = make_token(client)
        script(secret).get("/api/partners")
        assert ApiToken.objects.get().last_used is not None

    def test_it_does_not_open_the_pages(self, client):
        # A token is for the API only: the pages still want a signed-in browser.
        response = script(make_token(client)).get("/partners/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")

    def test_a_session_write_still_needs_the_csrf_token(self, alice, workspace):
        # The token is what spares a script the CSRF token, not the API as such.
        assert create_partner(signed_in(alice)).status_code == 403
        assert not Partner.objects.exists()


class TestATokenThatNoLongerWorks:
    def test_a_revoked_token_is_401(self, client):
        secret = make_token(client)
        token = ApiToken.objects.get()
        assert client.post(TOKENS, {"revoke": token.pk}).status_code == 302
        token.refresh_from_db()
        assert token.revoked is not None
        response = script(secret).get("/api/partners")
        assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")

    def test_nobody_else_can_revoke_it(self, client, bob):
        secret = make_token(client)
        as_browser(bob).post(TOKENS, {"revoke": ApiToken.objects.get().pk})
        assert ApiToken.objects.get().revoked is None
        assert script(secret).get("/api/partners").status_code == 200

    def test_the_token_of_a_member_who_was_removed_is_401(self, bob, workspace):
        secret = make_token(as_browser(bob))
        assert script(secret).get("/api/partners").status_code == 200
        Membership.objects.filter(user=bob, workspace=workspace).delete()
        assert script(secret).get("/api/partners").status_code == 401

    def test_the_token_of_a_deactivated_user_is_401(self, client, alice):
        secret = make_token(client)
        alice.is_active = False
        alice.save()
        assert script(secret).get("/api/partners").status_code == 401


class TestWhatATokenMayDo:
    def test_a_viewers_token_reads_but_cannot_write(self, bob):
        secret = make_token(as_browser(bob))
        assert script(secret).get("/api/partners").status_code == 200
        assert create_partner(script(secret)).status_code == 403
        assert not Partner.objects.exists()

    def test_it_follows_the_members_role_at_each_request(self, bob, workspace):
        secret = make_token(as_browser(bob))
        Membership.objects.filter(user=bob).update(role="editor")
        assert create_partner(script(secret)).status_code == 201

    def test_another_workspaces_token_sees_only_its_own_workspace(self, charlie, outsider, make_partner):
        mine = make_partner("Alice's partner")
        secret = make_token(as_browser(charlie))
        response = script(secret).get("/api/partners")
        assert [p["name"] for p in response.json()] == ["Secret Corp"]
        assert script(secret).get(f"/api/partners/{mine.pk}").status_code == 404
        created = create_partner(script(secret), "Charlie's new partner")
        assert Partner.objects.get(pk=created.json()["id"]).workspace == outsider["workspace"]


class TestABadAuthorizationHeader:
    @pytest.mark.parametrize("header", [
        "Basic YWxpY2U6c2VjcmV0",  # another scheme
        "Bearer",  # no token
        "Bearer    ",
        "Bearer dct_not-a-real-token",
        "dct_no-scheme-at-all",
    ])
    def test_is_401_with_www_authenticate(self, workspace, header):
        response = Client(HTTP_AUTHORIZATION=header).get("/api/partners")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'Bearer realm="dancecard"'
        assert "/account/tokens/" in response.json()["detail"]

    def test_a_write_with_a_bad_token_changes_nothing(self, workspace):
        response = create_partner(script("dct_not-a-real-token"))
        assert response.status_code == 401 and not Partner.objects.exists()
