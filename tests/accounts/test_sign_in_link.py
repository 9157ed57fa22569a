"""One-time sign-in links: what `dancecard serve`, `dancecard signin-link` and `dancecard createuser` print."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from dancecard.accounts.models import SignInLink
from dancecard.accounts.services import make_sign_in_link
from dancecard.accounts.tokens import digest

pytestmark = pytest.mark.django_db


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def secret_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[1]


def assert_refused(response, client):
    assert response.status_code == 404
    page = response.content.decode()
    assert "no longer works" in page
    assert "dancecard signin-link" in page  # how to get a new one
    assert reverse("account_login") in page  # or sign in with a password
    assert signed_in_user_id(client) is None


class TestALink:
    def test_signs_in_and_leads_to_the_dashboard(self, anonymous_client, alice):
        response = anonymous_client.get(make_sign_in_link(alice))
        assert response.status_code == 302 and response["Location"] == reverse("dashboard")
        assert signed_in_user_id(anonymous_client) == str(alice.pk)
        dashboard = anonymous_client.get(response["Location"])
        assert dashboard.status_code == 200 and dashboard.context["user"] == alice

    def test_works_only_once(self, anonymous_client, alice):
        from django.test import Client

        link = make_sign_in_link(alice)
        assert anonymous_client.get(link).status_code == 302
        stranger = Client()
        assert_refused(stranger.get(link), stranger)

    def test_only_its_hash_is_stored(self, alice):
        secret = secret_of(make_sign_in_link(alice))
        stored = SignInLink.objects.get()
        assert stored.digest == digest(secret) and secret not in stored.digest

    def test_is_not_cached(self, anonymous_client, alice):
        response = anonymous_client.get(make_sign_in_link(alice))
        assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    def test_only_answers_a_plain_get(self, anonymous_client, alice):
        link = make_sign_in_link(alice)
        assert anonymous_client.post(link).status_code == 405
        assert signed_in_user_id(anonymous_client) is None
        assert SignInLink.objects.get().used is None  # still good for the click it was made for


class TestALinkThatNoLongerWorks:
    def test_a_used_link_is_a_404_that_says_how_to_get_a_new_one(self, anonymous_client, alice):
        link = make_sign_in_link(alice)
        SignInLink.objects.update(used=timezone.now())
        assert_refused(anonymous_client.get(link), anonymous_client)

    def test_an_expired_link_is_refused(self, anonymous_client, alice):
        link = make_sign_in_link(alice)
        SignInLink.objects.update(expires=timezone.now() - timedelta(seconds=1))
        assert_refused(anonymous_client.get(link), anonymous_client)
        assert SignInLink.objects.get().used is None

    def test_a_link_stops_working_when_a_newer_one_is_made(self, anonymous_client, alice):
        older = make_sign_in_link(alice)
        newer = make_sign_in_link(alice)
        assert_refused(anonymous_client.get(older), anonymous_client)
        assert anonymous_client.get(newer).status_code == 302

    def test_an_unknown_link_is_refused(self, anonymous_client, alice):
        make_sign_in_link(alice)
        assert_refused(anonymous_client.get(reverse("sign_in_link", args=["not-a-real-secret"])), anonymous_client)

    def test_an_inactive_users_link_is_refused(self, anonymous_client, alice):
        link = make_sign_in_link(alice)
        alice.is_active = False
        alice.save()
        assert_refused(anonymous_client.get(link), anonymous_client)

    def test_a_refused_link_does_not_sign_out_whoever_is_signed_in(self, client, alice):
        response = client.get(reverse("sign_in_link", args=["unknown"]))
        assert response.status_code == 404
        assert signed_in_user_id(client) == str(alice.pk)
