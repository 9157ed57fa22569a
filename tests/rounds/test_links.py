"""Respondents' private links: they expire, can be extended, revoked and replaced; dead links show no answers."""

from datetime import timedelta

import pytest
from django.utils import dateformat, timezone

from dancecard.rounds import services
from dancecard.rounds.models import Respondent, Round
from tests.rounds.conftest import answer, signed_in

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def expire(round_, ago=DAY):
    Round.objects.filter(pk=round_.pk).update(links_expire=timezone.now() - ago)
    round_.refresh_from_db()


def page(client, url) -> str:
    return client.get(url).content.decode()


class TestExpiry:
    def test_links_work_for_30_days_from_opening_by_default(self, round_):
        assert abs(round_.links_expire - (round_.created + 30 * DAY)) < timedelta(minutes=1)
        # the same default for rounds opened elsewhere (CLI, tests, future API)
        other = services.open_round(round_.alliance, "quick", ["X", "Y"])
        assert abs(other.links_expire - (timezone.now() + 30 * DAY)) < timedelta(minutes=1)

    def test_the_opening_form_offers_7_30_90_days_or_never(self, client, make_alliance):
        alliance = make_alliance()
        form = page(client, f"/alliances/{alliance.pk}/rounds/new/")
        assert all(f'<option value="{v}"' in form for v in ("7", "30", "90", "never"))
        assert '<option value="30" selected>' in form

    @pytest.mark.parametrize("choice, days", [("7", 7), ("90", 90), ("never", None)])
    def test_the_editor_chooses_how_long_links_work(self, client, make_alliance, choice, days):
        alliance = make_alliance()
        client.post(f"/alliances/{alliance.pk}/rounds/new/", {"instrument": "quick", "names": "A\nB", "link_days": choice})
        round_ = Round.objects.get()
        if days is None:
            assert round_.links_expire is None
            assert "never expire" in page(client, round_.get_absolute_url())
        else:
            assert abs(round_.links_expire - (timezone.now() + days * DAY)) < timedelta(minutes=1)

    @pytest.mark.parametrize("choice", ["5", "forever", "-30", "30.5"])
    def test_a_made_up_lifetime_is_refused_and_nothing_is_created(self, client, make_alliance, choice):
        alliance = make_alliance()
        response = client.post(f"/alliances/{alliance.pk}/rounds/new/",
                               {"instrument": "quick", "names": "A\nB", "link_days": choice})
        assert response.status_code == 422 and "7, 30 or 90 days" in response.content.decode()
        assert not Round.objects.exists()

    def test_the_round_page_shows_the_expiry_date_and_each_links_state(self, client, round_):
        text = page(client, round_.get_absolute_url())
        assert f"The private links work until <strong>{dateformat.format(timezone.localtime(round_.links_expire), 'j M Y')}" in text
        assert text.count("Works until") == 3
        expire(round_)
        text = page(client, round_.get_absolute_url())
        assert "The private links expired on" in text and text.count("Expired ") == 3

    def test_an_expired_link_says_so_and_whom_to_ask_and_shows_no_answers(self, client, anonymous_client, round_):
        ann, bob, chen = round_.respondents.all()
        answer(client, ann, {"quick.customer_need": "5"})
        answer(client, bob, {"quick.customer_need": "2"})
        assert "Where the team stands" in page(anonymous_client, f"/r/{ann.token}/")
        expire(round_)
        response = anonymous_client.get(f"/r/{ann.token}/")
        text = response.content.decode()
        assert response.status_code == 410
        assert "This link no longer works" in text and "expired" in text and "Ask alice" in text
        assert "Where the team stands" not in text and "Can you name the customers" not in text
        assert round_.alliance.name not in text and "Ann" not in text

    def test_an_expired_link_takes_no_answers(self, anonymous_client, round_):
        chen = round_.respondents.get(name="Chen")
        expire(round_)
        assert anonymous_client.get(f"/r/{chen.token}/step/1/").status_code == 410
        assert anonymous_client.post(f"/r/{chen.token}/step/1/", {"quick.customer_need": "1"}).status_code == 410
        assert anonymous_client.post(f"/r/{chen.token}/submit/").status_code == 410
        # an autosave from a page opened before the link expired makes htmx reload it, to show why
        assert anonymous_client.post(f"/r/{chen.token}/step/1/", {"quick.customer_need": "1"},
                                     headers={"HX-Request": "true"})["HX-Refresh"] == "true"
        chen.refresh_from_db()
        chen.assessment.refresh_from_db()
        assert chen.assessment.answers == {} and not chen.has_submitted
        with pytest.raises(services.RoundError):
            services.submit(chen)

    def test_an_unknown_link_is_still_404(self, anonymous_client, round_):
        assert anonymous_client.get("/r/no-such-link/").status_code == 404


class TestExtending:
    def test_extending_adds_to_the_current_expiry(self, client, round_):
        before = round_.links_expire
        client.post(f"/rounds/{round_.pk}/links/extend/", {"days": "7"})
        round_.refresh_from_db()
        assert round_.links_expire == before + 7 * DAY

    def test_extending_expired_links_counts_from_today_and_they_work_again(self, client, anonymous_client, round_):
        ann = round_.respondents.first()
        expire(round_, ago=10 * DAY)
        response = client.post(f"/rounds/{round_.pk}/links/extend/", {"days": "30"}, follow=True)
        round_.refresh_from_db()
        assert abs(round_.links_expire - (timezone.now() + 30 * DAY)) < timedelta(minutes=1)
        assert "The private links now work until" in response.content.decode()
        assert anonymous_client.get(f"/r/{ann.token}/").status_code == 200

    def test_links_can_be_made_to_never_expire(self, client, round_):
        client.post(f"/rounds/{round_.pk}/links/extend/", {"days": "never"})
        round_.refresh_from_db()
        assert round_.links_expire is None
        # nothing left to extend: a clear message, nothing changes
        response = client.post(f"/rounds/{round_.pk}/links/extend/", {"days": "7"}, follow=True)
        round_.refresh_from_db()
        assert round_.links_expire is None and "never expire: there is nothing to extend" in response.content.decode()

    def test_a_made_up_extension_changes_nothing(self, client, round_):
        before = round_.links_expire
        response = client.post(f"/rounds/{round_.pk}/links/extend/", {"days": "365"}, follow=True)
        round_.refresh_from_db()
        assert round_.links_expire == before and "7, 30 or 90 days" in response.content.decode()

    def test_the_extension_is_kept_in_the_rounds_history(self, client, round_):
        client.post(f"/rounds/{round_.pk}/links/extend/", {"days": "90"})
        assert round_.history.count() == 2


class TestRevoking:
    def test_the_round_page_asks_before_revoking(self, client, round_):
        ann = round_.respondents.first()
        text = page(client, round_.get_absolute_url())
        assert "<summary" in text and "Revoke…" in text
        assert f'action="/respondents/{ann.pk}/revoke/"' in text and "Revoke Ann's link" in text

    def test_a_revoked_link_stops_working_at_once_and_the_answers_stay(self, client, anonymous_client, round_):
        ann = round_.respondents.first()
        answer(client, ann, {"quick.customer_need": "5"}, submit=False)
        client.post(f"/respondents/{ann.pk}/revoke/")
        ann.refresh_from_db()
        assert ann.revoked is not None and ann.link_state == "revoked"
        response = anonymous_client.get(f"/r/{ann.token}/")
        assert response.status_code == 410 and "It was withdrawn" in response.content.decode()
        assert anonymous_client.post(f"/r/{ann.token}/step/1/", {"quick.customer_need": "1"}).status_code == 410
        ann.assessment.refresh_from_db()
        assert ann.assessment.answers == {"quick.customer_need": 5}
        text = page(client, round_.get_absolute_url())
        assert "Revoked " in text and "Make a new link for Ann" in text and f"/r/{ann.token}/" not in text
        # the other respondents' links still work
        assert anonymous_client.get(f"/r/{round_.respondents.get(name='Bob').token}/").status_code == 200

    def test_revoking_twice_says_so_and_changes_nothing(self, client, round_):
        ann = round_.respondents.first()
        client.post(f"/respondents/{ann.pk}/revoke/")
        ann.refresh_from_db()
        first = ann.revoked
        response = client.post(f"/respondents/{ann.pk}/revoke/", follow=True)
        ann.refresh_from_db()
        assert ann.revoked == first and "already revoked" in response.content.decode()


class TestNewLink:
    def test_a_new_link_replaces_the_old_one_and_keeps_the_answers(self, client, anonymous_client, round_):
        ann = round_.respondents.first()
        answer(client, ann, {"quick.customer_need": "5"}, submit=False)
        old = ann.token
        client.post(f"/respondents/{ann.pk}/revoke/")
        response = client.post(f"/respondents/{ann.pk}/new-link/")
        assert response.url == f"/rounds/{round_.pk}/#new-link"
        ann.refresh_from_db()
        assert ann.token != old and len(ann.token) >= 40 and ann.revoked is None
        # the old link is dead (and says it was replaced), the new one resumes Ann's own draft
        gone = anonymous_client.get(f"/r/{old}/")
        assert gone.status_code == 410 and "replaced by a new link" in gone.content.decode()
        resumed = page(anonymous_client, f"/r/{ann.token}/")
        assert "Your assessment, Ann" in resumed and "1 of 12 answered" in resumed
        answer(anonymous_client, ann, {"quick.dependence": "2"})
        ann.assessment.refresh_from_db()
        assert ann.has_submitted and ann.assessment.answers["quick.customer_need"] == 5

    def test_the_new_link_is_shown_once_at_the_top_of_the_round_page(self, client, round_):
        ann = round_.respondents.first()
        client.post(f"/respondents/{ann.pk}/revoke/")
        client.post(f"/respondents/{ann.pk}/new-link/")
        ann.refresh_from_db()
        first = page(client, round_.get_absolute_url())
        assert "New link for Ann" in first and f'aria-label="New private link for Ann"' in first
        assert f"http://testserver/r/{ann.token}/" in first
        assert "New link for Ann" not in page(client, round_.get_absolute_url())

    def test_links_use_the_base_url_when_set(self, client, round_, settings):
        settings.BASE_URL = "https://dancecard.example.org"
        ann = round_.respondents.first()
        text = page(client, round_.get_absolute_url())
        assert all(f'value="https://dancecard.example.org/r/{r.token}/"' in text for r in round_.respondents.all())
        assert "http://testserver/r/" not in text
        client.post(f"/respondents/{ann.pk}/new-link/")
        ann.refresh_from_db()
        text = page(client, round_.get_absolute_url())
        assert text.count(f"https://dancecard.example.org/r/{ann.token}/") == 2  # the new-link box and the table


class TestViewers:
    def test_a_viewer_sees_names_and_states_but_no_links_and_no_controls(self, bob, round_):
        text = page(signed_in(bob), round_.get_absolute_url())
        assert all(name in text for name in ("Ann", "Bob", "Chen")) and text.count("Works until") == 3
        assert not any(r.token in text for r in round_.respondents.all())
        assert "Revoke" not in text and "Extend" not in text and "Close the round" not in text


WRITES = [
    ("close", "/rounds/{round}/close/", {}),
    ("reopen", "/rounds/{round}/reopen/", {}),
    ("extend", "/rounds/{round}/links/extend/", {"days": "30"}),
    ("revoke", "/respondents/{respondent}/revoke/", {}),
    ("new link", "/respondents/{respondent}/new-link/", {}),
]


def state(round_):
    round_.refresh_from_db()
    return (round_.status, round_.closed, round_.links_expire, round_.consensus_id,
            sorted(Respondent.objects.filter(round=round_).values_list("token", "revoked")))


@pytest.mark.parametrize("name, url, data", WRITES, ids=[w[0] for w in WRITES])
class TestWhoMayWrite:
    def test_a_viewer_gets_403_and_nothing_changes(self, bob, closed_round, name, url, data):
        url = url.format(round=closed_round.pk, respondent=closed_round.respondents.first().pk)
        before = state(closed_round)
        assert signed_in(bob).post(url, data).status_code == 403
        assert state(closed_round) == before

    def test_another_workspace_gets_404_and_nothing_changes(self, charlie, closed_round, name, url, data):
        url = url.format(round=closed_round.pk, respondent=closed_round.respondents.first().pk)
        before = state(closed_round)
        assert signed_in(charlie).post(url, data).status_code == 404
        assert state(closed_round) == before

    def test_an_unknown_round_or_respondent_is_404(self, client, closed_round, name, url, data):
        assert client.post(url.format(round=999999, respondent=999999), data).status_code == 404

    def test_a_foreign_round_is_404_for_alice(self, client, outsider, name, url, data):
        foreign = services.open_round(outsider["alliance"], "quick", ["X", "Y"])
        before = state(foreign)
        assert client.post(url.format(round=foreign.pk, respondent=foreign.respondents.first().pk), data).status_code == 404
        assert state(foreign) == before

    def test_writes_need_a_post(self, client, closed_round, name, url, data):
        url = url.format(round=closed_round.pk, respondent=closed_round.respondents.first().pk)
        assert client.get(url).status_code == 405
