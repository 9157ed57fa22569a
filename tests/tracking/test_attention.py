"""The owner's "Needs attention" page (issue 10): every open signal across the portfolio, most severe first."""

import html as html_text
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dancecard.portfolio.models import Alliance
from dancecard.tracking.attention import views
from dancecard.tracking.attention.services import open_signals, record_page
from dancecard.tracking.models import Contact, Interaction, NextStep
from dancecard.workspaces.access import Access

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
URL = "/attention/"


def known_for(alliance, days: int):
    """The alliance as if first recorded `days` ago: the clocks (no meeting for N days) run from then."""
    Alliance.objects.filter(pk=alliance.pk).update(created=timezone.now() - timedelta(days=days))
    alliance.refresh_from_db()
    return alliance


def quiet(alliance):
    """Nothing to warn about: met in person last week, a next step planned, two people at head office."""
    ws = alliance.workspace
    Interaction.objects.create(workspace=ws, alliance=alliance, kind="face_to_face", date=TODAY - timedelta(days=7))
    NextStep.objects.create(workspace=ws, alliance=alliance, text="Send the proposal", due=TODAY + timedelta(days=7))
    for name in ("Raj", "Mei"):
        Contact.objects.create(workspace=ws, alliance=alliance, side="partner", name=name, unit="head_office",
                               level="manager")
    return alliance


def neglected(alliance, days=200):
    """No meeting in person for `days` days (high) and no next step (medium)."""
    return known_for(alliance, days)


def codes(response) -> list[tuple[str, str]]:
    """(alliance name, signal code) in the order the page lists them."""
    html = response.content.decode()
    found = []
    for chunk in html.split('<li class="signal ')[1:]:
        code = chunk.split('data-code="', 1)[1].split('"', 1)[0]
        name = chunk.split('<p class="signal-alliance"><a href="', 1)[1].split(">", 1)[1].split("<", 1)[0]
        found.append((html_text.unescape(name), code))
    return found


class TestTheList:
    def test_it_lists_every_open_signal_most_severe_first_then_by_alliance(self, client, make_alliance):
        neglected(make_alliance("Zeta"))
        neglected(make_alliance("Alpha"))
        calm = quiet(make_alliance("Calm"))
        listed = codes(client.get(URL))
        assert listed == [("Alpha", "no_face_to_face"), ("Zeta", "no_face_to_face"),
                          ("Alpha", "next_step_none"), ("Zeta", "next_step_none")]
        assert calm.name not in {name for name, _ in listed}

    def test_each_row_says_what_why_what_to_do_and_where_the_idea_comes_from(self, client, make_alliance):
        alliance = neglected(make_alliance("Mitoken spin-off", owner="Ann"), days=143)
        html = client.get(URL).content.decode()
        assert f'href="/alliances/{alliance.pk}/"' in html and "· Ann" in html
        assert "No recent face-to-face contact" in html
        assert "No face-to-face meeting for 143 days (threshold 90)." in html
        assert "Next step:</strong>" in html and "Meet the partner" in html  # the countermeasure, as a step
        assert "4.3.2 Importance of Face to Face Contact" in html  # the citation of the seed
        assert "CRM practice" in html  # and of the practice

    def test_a_signal_links_to_the_records_it_rests_on(self, client, make_alliance):
        alliance = neglected(make_alliance())
        raj = Contact.objects.create(workspace=alliance.workspace, alliance=alliance, side="partner", name="Raj Patel",
                                     unit="local_subsidiary", level="manager")
        reopened = Interaction.objects.create(workspace=alliance.workspace, alliance=alliance, kind="call",
                                              date=TODAY - timedelta(days=3), terms_reopened=True)
        html = client.get(URL).content.decode()
        assert f'<a href="{record_page("contact", raj.pk, alliance)}">Raj Patel</a>' in html
        assert f'<a href="{record_page("interaction", reopened.pk, alliance)}">Phone call, ' in html

    def test_record_pages_are_the_records_own_or_their_alliances(self, make_alliance):
        alliance = make_alliance()
        assert record_page("assessment", 7, alliance) == reverse("assessment_result", args=[7])
        assert record_page("milestone", 7, alliance).startswith(alliance.get_absolute_url())
        assert record_page("next_step", 7, alliance).startswith(alliance.get_absolute_url())

    def test_every_kind_of_record_is_named_in_words(self, assessed_alliance, workspace):
        from dancecard.core.signals import Severity, Signal, Source
        from dancecard.core.timeline import RecordKind
        from dancecard.tracking.attention.services import Attention, with_records
        from dancecard.tracking.models import Commitment, HealthCheck, Milestone, RevenueShare, StageChange

        a, ws = assessed_alliance, workspace
        made = {
            "contact": Contact.objects.create(workspace=ws, alliance=a, side="partner", name="Raj", level="manager",
                                              left=TODAY),
            "interaction": Interaction.objects.create(workspace=ws, alliance=a, kind="video", date=TODAY),
            "milestone": Milestone.objects.create(workspace=ws, alliance=a, title="Pilot", due=TODAY),
            "commitment": Commitment.objects.create(workspace=ws, alliance=a, kind="mou", title="Scope",
                                                    started=TODAY),
            "health_check": HealthCheck.objects.create(workspace=ws, alliance=a, instrument_version="1.0",
                                                       opened=TODAY, closed=TODAY),
            "assessment": a.current_assessment,
            "next_step": NextStep.objects.create(workspace=ws, alliance=a, text="Call Raj"),
            "revenue_share": RevenueShare.objects.create(workspace=ws, alliance=a, date=TODAY, percent=31),
            "stage_change": StageChange.objects.filter(alliance=a).first(),
        }
        assert set(made) == {k.value for k in RecordKind}
        signal = Signal(code="x", severity=Severity.LOW, value=1, threshold=None, window_days=None,
                        record_kind=RecordKind.CONTACT, records=tuple(f"{k}:{r.pk}" for k, r in made.items()),
                        countermeasure="practice.reassess", source=Source("004_37010681c2ba077a.txt", "x"))
        (row,) = with_records([Attention(a, signal, {})])
        day = f"{TODAY.day} {TODAY:%b %Y}"
        assert [r.label for r in row.records] == [
            f"Raj (left {day})", f"Video call, {day}", f"Pilot (due {day})", "Memorandum of understanding (MoU) “Scope”",
            f"Health check of {day}", f"Assessment of {day}", "Call Raj", f"31.0% of revenue, {day}",
            f"Prospect, {day}"]
        assert all(r.url.startswith("/") for r in row.records)

    def test_a_signal_resting_on_no_record_links_to_its_alliance(self, client, make_alliance):
        alliance = neglected(make_alliance())
        html = client.get(URL).content.decode()
        assert f'nothing recorded yet — <a href="{alliance.get_absolute_url()}">see the alliance</a>' in html

    def test_an_ended_alliance_is_not_watched(self, client, make_alliance):
        neglected(make_alliance("Over", stage="ended"))
        neglected(make_alliance("Live", stage="active"))
        assert {name for name, _ in codes(client.get(URL))} == {"Live"}

    def test_the_page_is_in_the_top_navigation(self, client, make_alliance):
        assert f'href="{URL}"' in client.get("/").content.decode()
        assert 'aria-current="page">Needs attention' in client.get(URL).content.decode()

    def test_the_cli_and_the_page_read_the_same_signals(self, make_alliance, workspace):
        neglected(make_alliance("Alpha"))
        rows = open_signals(Access(workspace=workspace, role="viewer"))
        assert [(r.alliance.name, r.signal.code) for r in rows] == [("Alpha", "no_face_to_face"),
                                                                     ("Alpha", "next_step_none")]


class TestFilters:
    def test_by_severity(self, client, make_alliance):
        neglected(make_alliance("Alpha"))
        assert codes(client.get(URL, {"severity": "high"})) == [("Alpha", "no_face_to_face")]
        assert codes(client.get(URL, {"severity": "medium"})) == [("Alpha", "next_step_none")]

    def test_by_alliance_owner_or_nobody_named(self, client, make_alliance):
        neglected(make_alliance("Ann's", owner="Ann"))
        neglected(make_alliance("Bo's", owner="Bo"))
        neglected(make_alliance("Nobody's"))
        html = client.get(URL).content.decode()
        assert re.search(r'<option value="Ann"\s*>Ann</option>', html) and "Nobody named" in html
        assert {name for name, _ in codes(client.get(URL, {"owner": "Ann"}))} == {"Ann's"}
        assert {name for name, _ in codes(client.get(URL, {"owner": "-"}))} == {"Nobody's"}

    def test_unknown_values_are_ignored_never_an_error(self, client, make_alliance):
        neglected(make_alliance("Alpha"))
        response = client.get(URL, {"severity": "dire", "owner": "x" * 5000})
        assert response.status_code == 200 and len(codes(response)) == 2

    def test_a_filter_that_matches_nothing_says_so_and_offers_to_clear_it(self, client, make_alliance):
        neglected(make_alliance("Alpha"))
        html = client.get(URL, {"severity": "low"}).content.decode()
        assert "No signal matches these filters." in html and "Show every signal" in html


class TestPages:
    def test_a_long_list_comes_in_pages_in_the_same_order(self, client, make_alliance, monkeypatch):
        monkeypatch.setattr(views, "PAGE_SIZE", 3)
        for name in ("Alpha", "Beta", "Gamma"):
            neglected(make_alliance(name))
        first, second = client.get(URL), client.get(URL, {"page": "2"})
        assert codes(first) + codes(second) == [
            ("Alpha", "no_face_to_face"), ("Beta", "no_face_to_face"), ("Gamma", "no_face_to_face"),
            ("Alpha", "next_step_none"), ("Beta", "next_step_none"), ("Gamma", "next_step_none")]
        assert "Signals 1–3 of 6" in first.content.decode() and 'href="?page=2"' in first.content.decode()

    def test_the_filters_are_kept_from_page_to_page(self, client, make_alliance, monkeypatch):
        monkeypatch.setattr(views, "PAGE_SIZE", 1)
        for name in ("Alpha", "Beta"):
            neglected(make_alliance(name, owner="Ann"))
        html = client.get(URL, {"severity": "high", "owner": "Ann"}).content.decode()
        assert 'href="?severity=high&amp;owner=Ann&amp;page=2"' in html
        assert codes(client.get(URL, {"severity": "high", "owner": "Ann", "page": "2"})) == [("Beta", "no_face_to_face")]


class TestEmptyStates:
    def test_with_no_alliance_it_says_what_will_be_watched(self, client):
        html = client.get(URL).content.decode()
        assert "No alliances to watch yet" in html
        assert "No recent face-to-face contact" in html and "Champion or sponsor left" in html

    def test_with_quiet_alliances_it_says_nothing_needs_attention_and_what_is_watched(self, client, make_alliance):
        quiet(make_alliance())
        html = client.get(URL).content.decode()
        assert "Nothing needs attention" in html and "The one alliance Dancecard watches shows no warning sign" in html
        assert "Terms reopened" in html and "Decisions taken without you" in html


class TestCaching:
    def test_the_list_is_kept_until_a_record_changes(self, client, make_alliance):
        alliance = neglected(make_alliance("Alpha"))
        client.get(URL)
        with CaptureQueriesContext(connection) as warm:
            client.get(URL)
        assert not any("tracking_interaction" in q["sql"] for q in warm.captured_queries)
        Interaction.objects.create(workspace=alliance.workspace, alliance=alliance, kind="face_to_face", date=TODAY)
        assert [code for _, code in codes(client.get(URL))] == ["next_step_none"]

    def test_the_list_is_read_again_the_next_day(self, client, make_alliance, monkeypatch):
        neglected(make_alliance("Alpha"), days=100)
        assert "for 100 days" in client.get(URL).content.decode()
        monkeypatch.setattr(views, "today", lambda: TODAY + timedelta(days=1))
        monkeypatch.setattr("dancecard.tracking.life.today", lambda: TODAY + timedelta(days=1))
        assert "for 101 days" in client.get(URL).content.decode()

    def test_a_viewer_gets_the_list_too(self, make_alliance, bob):
        from django.test import Client

        neglected(make_alliance("Alpha"))
        viewer = Client()
        viewer.force_login(bob)
        assert len(codes(viewer.get(URL))) == 2


class TestQueries:
    def fill(self, workspace, make_alliance, alliances: int, interactions: int):
        for n in range(alliances):
            alliance = neglected(make_alliance(f"A{n:03}", owner=f"Owner {n % 3}"))
            Interaction.objects.bulk_create(
                Interaction(workspace=workspace, alliance=alliance, kind="call", date=TODAY - timedelta(days=d),
                            terms_reopened=d == 1) for d in range(1, interactions + 1))
            Contact.objects.create(workspace=workspace, alliance=alliance, side="partner", name=f"C{n}",
                                   unit="local_subsidiary", level="manager")

    @pytest.mark.parametrize("alliances, interactions", [(2, 1), (15, 12)])
    def test_they_do_not_grow_with_the_alliances_and_interactions(self, client, workspace, make_alliance,
                                                                  django_assert_max_num_queries, alliances,
                                                                  interactions):
        self.fill(workspace, make_alliance, alliances, interactions)
        client.get("/")  # the session and the user are read once before
        with django_assert_max_num_queries(22):
            response = client.get(URL)
        assert f"signals in {alliances} alliances of the {alliances} watched" in response.content.decode()

    def test_the_count_is_the_same_for_few_and_many(self, client, workspace, make_alliance):
        counts = []
        for alliances in (2, 12):
            self.fill(workspace, make_alliance, alliances, 5)
            with CaptureQueriesContext(connection) as cold:
                client.get(URL)
            counts.append(len(cold.captured_queries))
            Alliance.objects.all().delete()
        assert counts[0] == counts[1]
