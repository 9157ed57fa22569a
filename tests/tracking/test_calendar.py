"""Dates in the owner's calendar (issue 10): due milestones, lapsing commitments and health checks, as a
private iCalendar feed that a calendar app can read without signing in."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from dancecard.core.signals import evaluate
from dancecard.core.timeline import AllianceLife, NextStep, Stage, StageChange as CoreStageChange
from dancecard.portfolio.models import Alliance
from dancecard.tracking.calendar import due_dates, health_check_due, make_feed, months_after
from dancecard.tracking.models import CalendarFeed, Commitment, HealthCheck, Milestone, Postponement, StageChange
from dancecard.workspaces.access import Access
from dancecard.workspaces.models import Membership

TODAY = timezone.localdate()
PAGE = "/account/calendar/"


class TestTheHealthCheckDay:
    @pytest.mark.parametrize("start, months, due", [
        (date(2025, 3, 15), 6, date(2025, 9, 15)),
        (date(2025, 1, 31), 1, date(2025, 3, 1)),  # 28 February is not yet a whole month on
        (date(2024, 2, 29), 12, date(2025, 3, 1)),
        (date(2025, 11, 30), 3, date(2026, 3, 1)),
        (date(2025, 12, 1), 1, date(2026, 1, 1)),
    ])
    def test_it_is_whole_months_after_the_start(self, start, months, due):
        assert months_after(start, months) == due

    @pytest.mark.parametrize("start", [date(2025, 1, 31), date(2025, 3, 15), date(2024, 2, 29), date(2025, 8, 31)])
    @pytest.mark.parametrize("cadence", [1, 6, 12])
    def test_it_is_the_day_the_overdue_signal_starts(self, start, cadence):
        def fires(day: date) -> bool:
            life = AllianceLife(today=day, started=start, health_cadence_months=cadence,
                                stages=(CoreStageChange(id="stage_change:1", date=start, stage=Stage.COMMITTED),),
                                next_steps=(NextStep(id="next_step:1"),))
            return "health_check_overdue" in {s.code for s in evaluate(life)}

        due = health_check_due(start, start, None, cadence)
        assert fires(due) and not fires(due - timedelta(days=1))

    def test_it_counts_from_the_last_check_or_else_from_the_stage_where_checks_begin(self):
        started, committed, checked = date(2024, 1, 10), date(2024, 5, 2), date(2024, 9, 20)
        assert health_check_due(started, committed, None, 6) == date(2024, 11, 2)
        assert health_check_due(started, committed, checked, 6) == date(2025, 3, 20)
        assert health_check_due(started, None, None, 6) == date(2024, 7, 10)


def committed_long_ago(alliance, days=400):
    Alliance.objects.filter(pk=alliance.pk).update(created=timezone.now() - timedelta(days=days))
    StageChange.objects.filter(alliance=alliance).update(date=TODAY - timedelta(days=days))
    alliance.refresh_from_db()
    return alliance


@pytest.fixture
def dated(make_alliance):
    """An active alliance with a milestone, a lapsing contract and a health check; and a quiet prospect."""
    alliance = committed_long_ago(make_alliance("Mitoken spin-off", stage="active", health_cadence_months=3))
    ws = alliance.workspace
    pilot = Milestone.objects.create(workspace=ws, alliance=alliance, title="Pilot", due=TODAY + timedelta(days=5))
    Postponement.objects.create(workspace=ws, milestone=pilot, date=TODAY, previous_due=TODAY, new_due=pilot.due)
    Milestone.objects.create(workspace=ws, alliance=alliance, title="Kick-off", due=TODAY - timedelta(days=90),
                             status="done", closed=TODAY - timedelta(days=90))
    Commitment.objects.create(workspace=ws, alliance=alliance, kind="contract", title="Reseller", status="signed",
                              started=TODAY - timedelta(days=300), signed=TODAY - timedelta(days=300),
                              expires=TODAY + timedelta(days=40))
    Commitment.objects.create(workspace=ws, alliance=alliance, kind="mou", status="draft",
                              started=TODAY - timedelta(days=10), expires=TODAY + timedelta(days=50))
    HealthCheck.objects.create(workspace=ws, alliance=alliance, instrument_version="1.0",
                               opened=TODAY - timedelta(days=35), closed=TODAY - timedelta(days=30))
    prospect = make_alliance("Skelta ISV", stage="prospect")
    Milestone.objects.create(workspace=ws, alliance=prospect, title="First demo", due=TODAY + timedelta(days=2))
    return {"alliance": alliance, "prospect": prospect, "pilot": pilot}


@pytest.mark.django_db
class TestDueDates:
    def test_open_milestones_signed_commitments_and_health_checks_soonest_first(self, dated, workspace):
        dates = due_dates(workspace)
        assert [(d.alliance_name, d.title) for d in dates] == [
            ("Skelta ISV", "milestone “First demo” due"),
            ("Mitoken spin-off", "milestone “Pilot” due"),
            ("Mitoken spin-off", "Contract “Reseller” lapses"),
            ("Mitoken spin-off", "health check due"),
        ]
        health = dates[-1]
        assert health.date == months_after(TODAY - timedelta(days=30), 3)
        assert "Every 3 months" in health.detail
        assert "Postponed 1 time so far." in dates[1].detail

    def test_the_default_cadence_comes_from_the_signal_rules(self, make_alliance, workspace):
        alliance = committed_long_ago(make_alliance(stage="committed"), days=30)
        (health,) = due_dates(workspace)
        assert health.date == months_after(TODAY - timedelta(days=30), 6) and alliance.health_cadence_months is None

    def test_an_ended_alliance_has_no_dates(self, dated, workspace):
        Alliance.objects.filter(pk=dated["alliance"].pk).update(stage="ended")
        assert {d.alliance_name for d in due_dates(workspace)} == {"Skelta ISV"}

    def test_one_alliance_only(self, dated, workspace):
        assert {d.alliance_name for d in due_dates(workspace, dated["prospect"].pk)} == {"Skelta ISV"}

    def test_the_queries_do_not_grow_with_the_alliances(self, dated, workspace, make_alliance,
                                                        django_assert_max_num_queries):
        for n in range(8):
            committed_long_ago(make_alliance(f"More {n}", stage="active"))
        with django_assert_max_num_queries(5):
            due_dates(workspace)


def parse(response) -> Calendar:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, tuple[date, str]]:
    return {str(e["uid"]): (e.decoded("dtstart"), str(e["summary"])) for e in calendar.walk("VEVENT")}


def make_link(client, **data) -> str:
    response = client.post(PAGE, data)
    assert response.status_code == 200, response
    link = response.context["link"]
    assert link.startswith("http") and link.endswith(".ics")
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


@pytest.mark.django_db
class TestTheFeed:
    def test_the_ics_parses_back_with_the_expected_events(self, client, dated, anonymous_client):
        path = make_link(client)
        calendar = parse(anonymous_client.get(path))  # a calendar app: no session, no sign-in
        assert anonymous_client.head(path).status_code == 200  # some apps look before they fetch
        found = events(calendar)
        pilot = found[f"milestone-{dated['pilot'].pk}@dancecard"]
        assert pilot == (dated["pilot"].due, "Mitoken spin-off: milestone “Pilot” due")
        assert len(found) == 4 and str(calendar["x-wr-calname"]) == "My firm (Dancecard)"
        (event,) = [e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("milestone-")
                    and "Pilot" in str(e["summary"])]
        assert str(event["url"]).endswith(f"/alliances/{dated['alliance'].pk}/")
        assert event.decoded("dtend") == dated["pilot"].due + timedelta(days=1)  # an all-day event

    def test_an_alliances_link_holds_that_alliances_dates_only(self, client, dated, anonymous_client):
        path = make_link(client, alliance=dated["prospect"].pk)
        calendar = parse(anonymous_client.get(path))
        assert [summary for _, summary in events(calendar).values()] == ["Skelta ISV: milestone “First demo” due"]

    def test_only_a_hash_of_the_secret_is_stored_and_the_link_is_shown_once(self, client, dated):
        path = make_link(client)
        secret = path.rsplit("/", 1)[1].removesuffix(".ics")
        feed = CalendarFeed.objects.get()
        assert secret not in (feed.digest, feed.prefix) and secret.startswith(feed.prefix)
        listed = client.get(PAGE).content.decode()
        assert secret not in listed and f"{feed.prefix}…" in listed

    def test_a_revoked_link_is_a_404(self, client, dated, anonymous_client):
        path = make_link(client)
        feed = CalendarFeed.objects.get()
        page = client.get(PAGE).content.decode()
        assert "<details><summary" in page and "Revoke this link" in page  # asks first
        client.post(PAGE, {"revoke": feed.pk})
        assert anonymous_client.get(path).status_code == 404

    def test_an_unknown_link_is_a_404(self, dated, anonymous_client):
        assert anonymous_client.get("/calendar/dcf_not-a-real-secret.ics").status_code == 404

    def test_it_stops_when_its_user_leaves_the_workspace(self, client, dated, alice, anonymous_client):
        path = make_link(client)
        Membership.objects.filter(user=alice).delete()
        assert anonymous_client.get(path).status_code == 404

    def test_it_stops_when_its_user_is_deactivated(self, client, dated, alice, anonymous_client):
        path = make_link(client)
        alice.is_active = False
        alice.save()
        assert anonymous_client.get(path).status_code == 404

    def test_a_viewer_may_have_a_link_too(self, dated, bob, anonymous_client):
        viewer = Client()
        viewer.force_login(bob)
        assert len(events(parse(anonymous_client.get(make_link(viewer))))) == 4

    def test_it_shows_only_the_workspace_of_whoever_made_it(self, dated, charlie, outsider, anonymous_client):
        Milestone.objects.create(workspace=outsider["workspace"], alliance=outsider["alliance"], title="Their pilot",
                                 due=TODAY + timedelta(days=3))
        theirs = Client()
        theirs.force_login(charlie)
        found = events(parse(anonymous_client.get(make_link(theirs))))
        assert [s for _, s in found.values()] == ["Secret alliance: milestone “Their pilot” due"]

    def test_another_workspaces_alliance_cannot_be_chosen(self, client, dated, outsider):
        response = client.post(PAGE, {"alliance": outsider["alliance"].pk})
        assert response.status_code == 404 and not CalendarFeed.objects.exists()

    def test_an_outsider_cannot_revoke_someone_elses_link(self, dated, alice, charlie, workspace):
        feed, _ = make_feed(Access(workspace=workspace, role="owner", user=alice))
        theirs = Client()
        theirs.force_login(charlie)
        theirs.post(PAGE, {"revoke": feed.pk})
        feed.refresh_from_db()
        assert feed.revoked is None

    def test_a_deleted_alliance_takes_its_links_with_it(self, client, dated, anonymous_client):
        from dancecard.exchange.trash import delete_alliance

        path = make_link(client, alliance=dated["prospect"].pk)
        delete_alliance(dated["prospect"])
        assert anonymous_client.get(path).status_code == 404

    def test_using_the_feed_does_not_retire_the_workspaces_cached_pages(self, client, dated, workspace,
                                                                      anonymous_client):
        path = make_link(client)
        workspace.refresh_from_db()
        before = workspace.version
        anonymous_client.get(path)
        workspace.refresh_from_db()
        assert workspace.version == before

    def test_the_alliance_page_offers_a_link_for_its_dates(self, client, dated):
        alliance = dated["alliance"]
        href = f"{PAGE}?alliance={alliance.pk}"
        assert href in client.get(alliance.get_absolute_url()).content.decode()
        assert f'<option value="{alliance.pk}" selected>' in client.get(href).content.decode()
