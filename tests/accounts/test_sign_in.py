"""Signing in with a password (allauth), what an anonymous visitor may open, sign-up, two-factor."""

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from dancecard.workspaces.access import Access
from dancecard.workspaces.models import Role
from dancecard.workspaces.services import invite, revoke_invitation
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = "/accounts/login/"
SIGNUP = "/accounts/signup/"


@pytest.fixture
def alice_with_a_password(alice):
    # The fixtures' users have no password (they sign in with force_login): give alice one.
    alice.set_password(PASSWORD)
    alice.save()
    return alice


def sign_in(client, login, password):
    return client.post(LOGIN, {"login": login, "password": password})


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


class TestPasswordSignIn:
    def test_the_sign_in_page_is_open_to_anyone(self, anonymous_client):
        response = anonymous_client.get(LOGIN)
        assert response.status_code == 200 and 'name="password"' in response.content.decode()

    def test_the_right_password_signs_in_and_leads_to_the_dashboard(self, anonymous_client, alice_with_a_password):
        response = sign_in(anonymous_client, "alice", PASSWORD)
        assert response.status_code == 302 and response["Location"] == reverse("dashboard")
        assert anonymous_client.session[SESSION_KEY] == str(alice_with_a_password.pk)
        assert anonymous_client.get("/").status_code == 200

    def test_the_email_address_works_as_the_sign_in_name_too(self, anonymous_client, alice_with_a_password):
        assert sign_in(anonymous_client, "alice@example.org", PASSWORD).status_code == 302
        assert signed_in(anonymous_client)

    def test_a_wrong_password_is_refused(self, anonymous_client, alice_with_a_password):
        response = sign_in(anonymous_client, "alice", "not it")
        assert response.status_code == 200 and not signed_in(anonymous_client)
        assert response.context["form"].errors

    def test_a_user_without_a_password_cannot_sign_in_with_an_empty_one(self, anonymous_client, alice):
        assert not alice.has_usable_password()
        sign_in(anonymous_client, "alice", "")
        assert not signed_in(anonymous_client)

    def test_signing_out_ends_the_session(self, client):
        assert client.post("/accounts/logout/").status_code == 302
        assert not signed_in(client)
        assert client.get("/")["Location"].startswith(LOGIN)


class TestRepeatedFailedSignIns:
    def test_are_rate_limited_even_once_the_password_is_right(self, anonymous_client, alice_with_a_password):
        # ACCOUNT_RATE_LIMITS["login_failed"]: 5 failures per account within 5 minutes.
        for _ in range(5):
            assert sign_in(anonymous_client, "alice", "guess").status_code == 200
        response = sign_in(anonymous_client, "alice", PASSWORD)
        assert not signed_in(anonymous_client)
        assert "Too many failed login attempts" in response.content.decode()

    def test_another_account_is_not_locked_by_them(self, anonymous_client, alice_with_a_password):
        other = make_user("dora")
        other.set_password(PASSWORD)
        other.save()
        for _ in range(5):
            sign_in(anonymous_client, "alice", "guess")
        assert sign_in(Client(), "dora", PASSWORD).status_code == 302


ANONYMOUS_REDIRECTED = [
    "/", "/partners/", "/partners/new/", "/alliances/new/", "/compare/", "/glossary/", "/instruments/",
    "/data/", "/data/workspace.json", "/members/", "/workspaces/", "/account/tokens/", "/accounts/2fa/",
    "/accounts/email/", "/accounts/password/change/",
]


class TestAnAnonymousVisitor:
    @pytest.mark.parametrize("path", ANONYMOUS_REDIRECTED)
    def test_is_sent_to_the_sign_in_page(self, anonymous_client, workspace, path):
        response = anonymous_client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{LOGIN}?next="), response["Location"]

    def test_cannot_write_either(self, anonymous_client, workspace):
        response = anonymous_client.post("/partners/new/", {"name": "Sneaky"})
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
        from dancecard.portfolio.models import Partner

        assert not Partner.objects.exists()

    @pytest.mark.parametrize("path", [LOGIN, SIGNUP, "/accounts/password/reset/"])
    def test_may_open_the_sign_in_pages(self, anonymous_client, path):
        assert anonymous_client.get(path).status_code == 200

    def test_may_open_sign_in_invitation_and_respondent_links(self, anonymous_client, workspace):
        # Unknown ones: each answers itself (a 404 page of its own), not with the sign-in page.
        for path in ["/signin/unknown/", "/invite/unknown/", "/r/unknown/"]:
            response = anonymous_client.get(path)
            assert response.status_code == 404, path


class TestSignUp:
    def test_is_closed_without_an_invitation(self, anonymous_client, settings):
        assert settings.SIGNUP_OPEN is False  # DANCECARD_SIGNUP's default, "invitation"
        page = anonymous_client.get(SIGNUP)
        assert [t.name for t in page.templates][0] == "account/signup_closed.html"
        anonymous_client.post(SIGNUP, {"username": "eve", "email": "eve@example.org",
                                       "password1": PASSWORD, "password2": PASSWORD})
        assert not get_user_model().objects.filter(username="eve").exists()

    def test_the_closed_page_and_the_sign_in_page_say_accounts_are_by_invitation(self, anonymous_client):
        closed = anonymous_client.get(SIGNUP).content.decode()
        assert "We are sorry" not in closed and "by invitation" in closed and "dancecard createuser" in closed
        login = anonymous_client.get(LOGIN).content.decode()
        assert "sign up" not in login and "by invitation" in login

    @override_settings(SIGNUP_OPEN=True)
    def test_the_sign_in_page_invites_to_sign_up_when_it_is_open(self, anonymous_client, db):
        login = anonymous_client.get(LOGIN).content.decode()
        assert "sign up" in login and "by invitation" not in login

    def test_is_open_while_an_invitation_is_pending_in_the_session(self, anonymous_client, workspace, alice):
        _, path = invite(Access(workspace, Role.OWNER, alice), Role.EDITOR)
        assert anonymous_client.get(path).status_code == 200  # the invitation page remembers it
        page = anonymous_client.get(SIGNUP)
        assert [t.name for t in page.templates][0] == "account/signup.html"
        response = anonymous_client.post(f"{SIGNUP}?next={path}", {
            "username": "erin", "email": "erin@example.org", "password1": PASSWORD, "password2": PASSWORD,
            "next": path})
        assert response.status_code == 302 and response["Location"] == path
        assert get_user_model().objects.filter(username="erin").exists()

    def test_is_closed_again_once_the_pending_invitation_was_revoked(self, anonymous_client, workspace, alice):
        owner = Access(workspace, Role.OWNER, alice)
        invitation, path = invite(owner, Role.EDITOR)
        anonymous_client.get(path)
        revoke_invitation(owner, invitation.pk)
        page = anonymous_client.get(SIGNUP)
        assert [t.name for t in page.templates][0] == "account/signup_closed.html"

    @override_settings(SIGNUP_OPEN=True)
    def test_is_open_to_anyone_with_DANCECARD_SIGNUP_open(self, anonymous_client, db):
        response = anonymous_client.post(SIGNUP, {"username": "frank", "email": "frank@example.org",
                                                  "password1": PASSWORD, "password2": PASSWORD})
        assert response.status_code == 302
        frank = get_user_model().objects.get(username="frank")
        assert anonymous_client.session[SESSION_KEY] == str(frank.pk)
        # A member of no workspace yet: sent to create or join one.
        assert anonymous_client.get("/")["Location"] == reverse("workspaces")


class TestTheAccountPages:
    def test_the_two_factor_page_is_reachable_when_signed_in(self, client):
        response = client.get("/accounts/2fa/")
        assert response.status_code == 200
        assert reverse("mfa_activate_totp") in response.content.decode()

    def test_a_viewer_may_look_after_their_own_account(self, bob):
        # A viewer may change nothing in the workspace, but their password and 2FA are theirs.
        browser = Client()
        browser.force_login(bob)
        assert browser.get("/accounts/2fa/").status_code == 200
        response = browser.post("/accounts/password/set/", {"password1": PASSWORD, "password2": PASSWORD})
        assert response.status_code == 302
        bob.refresh_from_db()
        assert bob.check_password(PASSWORD)

    def test_the_account_pages_need_no_workspace(self, db):
        loner = make_user("loner")
        browser = Client()
        browser.force_login(loner)
        assert browser.get("/accounts/2fa/").status_code == 200
        assert browser.get("/accounts/email/").status_code == 200
