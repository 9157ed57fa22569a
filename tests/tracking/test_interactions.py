"""Logging meetings with the partner, and "last interaction" / "last face-to-face" as facts of their own (issue 10)."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.utils import timezone

from dancecard.portfolio.models import Alliance, AllianceMember
from dancecard.tracking.life import signals_by_alliance, today
from dancecard.tracking.models import Contact, Interaction
from tests.tracking.people_fixtures import alliance, ann, person, raj  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def log(client, alliance, **fields):
    data = {"date": today().isoformat(), "kind": "face_to_face"} | fields
    return client.post(f"/alliances/{alliance.pk}/log/", data)


def meeting(alliance, days_ago=0, kind="face_to_face", **fields):
    return Interaction.objects.create(workspace=alliance.workspace, alliance=alliance, kind=kind,
                                      date=today() - timedelta(days=days_ago), **fields)


def page_of(client, alliance) -> str:
    return client.get(alliance.get_absolute_url()).content.decode()


class TestTheLogPage:
    def test_it_opens_on_today_and_a_face_to_face_meeting(self, client, alliance, ann, raj):
        page = client.get(f"/alliances/{alliance.pk}/log/").content.decode()
        assert f'value="{today().isoformat()}"' in page
        assert re.search(r'<input type="radio" name="kind" value="face_to_face"[^>]* checked>', page)
        assert "Ann Ours" in page and "Raj Theirs" in page
        assert "thesis 4.4.3" in page and "thesis 4.4.2" in page and "(2.8.2; 5.2.2)" in page

    def test_it_logs_a_meeting_and_goes_back_to_the_alliance_with_a_message(self, client, alliance, ann, raj, alice):
        response = log(client, alliance, ours=[ann.pk], theirs=[raj.pk], initiated_by="partner", note="Lunch in Pune")
        assert response.status_code == 302 and response.url == alliance.get_absolute_url()
        logged = Interaction.objects.get()
        assert (list(logged.ours.all()), list(logged.theirs.all())) == ([ann], [raj])
        assert (logged.kind, logged.date, logged.initiated_by, logged.created_by) == (
            "face_to_face", today(), "partner", alice)
        page = client.get(response.url).content.decode()
        assert "Face-to-face meeting on" in page and "logged." in page and "Lunch in Pune" in page

    def test_only_people_still_there_are_offered(self, client, alliance, person, raj):
        person("Gone Guy", unit="head_office", left=today() - timedelta(days=1))
        page = client.get(f"/alliances/{alliance.pk}/log/").content.decode()
        assert "Raj Theirs" in page and "Gone Guy" not in page

    def test_another_alliances_people_are_refused(self, client, alliance, make_alliance, workspace):
        other = make_alliance("Other")
        stranger = Contact.objects.create(workspace=workspace, alliance=other, side="partner", name="Stranger")
        ours_elsewhere = Contact.objects.create(workspace=workspace, alliance=other, side="ours", name="Elsewhere")
        for fields in ({"theirs": [stranger.pk]}, {"ours": [ours_elsewhere.pk]}):
            response = log(client, alliance, **fields)
            assert response.status_code == 422 and "Select a valid choice" in response.content.decode()
        assert not Interaction.objects.exists()

    def test_another_workspaces_people_are_refused(self, client, alliance, outsider):
        secret = Contact.objects.create(workspace=outsider["workspace"], alliance=outsider["alliance"],
                                        side="partner", name="Secret")
        assert log(client, alliance, theirs=[secret.pk]).status_code == 422
        assert not Interaction.objects.exists()

    def test_people_must_be_ticked_on_their_own_side(self, client, alliance, ann, raj):
        assert log(client, alliance, theirs=[ann.pk]).status_code == 422
        assert log(client, alliance, ours=[raj.pk]).status_code == 422
        assert not Interaction.objects.exists()

    def test_a_day_that_has_not_come_is_refused(self, client, alliance):
        response = log(client, alliance, date=(today() + timedelta(days=1)).isoformat())
        assert response.status_code == 422 and "set a meeting you plan as the next step" in response.content.decode()
        assert not Interaction.objects.exists()

    @pytest.mark.parametrize("fields", [{"date": ""}, {"date": "2025-02-30"}, {"kind": "telepathy"},
                                        {"initiated_by": "martians"}, {"note": "bad\x00note"}, {"ours": ["x"]}])
    def test_bad_input_is_a_form_error_and_nothing_is_saved(self, client, alliance, fields):
        assert log(client, alliance, **fields).status_code == 422
        assert not Interaction.objects.exists()

    def test_it_can_be_logged_with_nobody_recorded_yet(self, client, alliance):
        page = client.get(f"/alliances/{alliance.pk}/log/").content.decode()
        assert "Nobody of theirs recorded yet" in page
        assert log(client, alliance, kind="call").status_code == 302

    def test_the_three_warning_signs_raise_their_signals(self, client, alliance):
        log(client, alliance, decision_without_us="on", cost_not_in_plan="on", terms_reopened="on")
        codes = {s.code for s in signals_by_alliance([alliance])[alliance.pk]}
        assert {"decisions_without_us", "costs_not_in_plan", "terms_reopened"} <= codes
        page = page_of(client, alliance)
        assert "A decision was taken without us" in page and "They asked to reopen agreed terms" in page


class TestEditingAndDeleting:
    def test_editing_keeps_someone_who_has_left_since(self, client, alliance, ann, raj):
        logged = meeting(alliance, days_ago=30)
        logged.theirs.add(raj)
        Contact.objects.filter(pk=raj.pk).update(left=today() - timedelta(days=1))
        page = client.get(f"/interactions/{logged.pk}/edit/").content.decode()
        assert "Raj Theirs" in page
        response = client.post(f"/interactions/{logged.pk}/edit/", {
            "date": logged.date.isoformat(), "kind": "call", "theirs": [raj.pk], "ours": [ann.pk]})
        assert response.status_code == 302
        logged.refresh_from_db()
        assert logged.kind == "call" and list(logged.theirs.all()) == [raj] and list(logged.ours.all()) == [ann]

    def test_deleting_asks_first(self, client, alliance):
        logged = meeting(alliance)
        page = client.get(f"/interactions/{logged.pk}/edit/").content.decode()
        assert "<details" in page and "Yes, delete it" in page
        assert client.get(f"/interactions/{logged.pk}/delete/").status_code == 405
        assert client.post(f"/interactions/{logged.pk}/delete/").status_code == 302
        assert not Interaction.objects.exists()
        assert Interaction.history.filter(id=logged.pk, history_type="-").exists()

    def test_unknown_and_foreign_meetings_are_404(self, client, outsider):
        secret = Interaction.objects.create(workspace=outsider["workspace"], alliance=outsider["alliance"],
                                            date=today())
        assert client.get("/interactions/424242/edit/").status_code == 404
        assert client.get(f"/interactions/{secret.pk}/edit/").status_code == 404
        assert client.post(f"/interactions/{secret.pk}/delete/").status_code == 404
        assert client.get(f"/alliances/{outsider['alliance'].pk}/log/").status_code == 404
        assert client.get(f"/alliances/{outsider['alliance'].pk}/meetings/").status_code == 404
        assert Interaction.objects.filter(pk=secret.pk).exists()


class TestTheAlliancePage:
    def test_it_shows_the_latest_ten_with_a_link_to_all(self, client, alliance):
        for n in range(12):
            meeting(alliance, days_ago=n, note=f"Note number {n:02}")
        page = page_of(client, alliance)
        assert "Note number 09" in page and "Note number 10" not in page
        assert f"/alliances/{alliance.pk}/meetings/" in page
        everything = client.get(f"/alliances/{alliance.pk}/meetings/").content.decode()
        assert "Note number 11" in everything

    def test_last_interaction_and_last_face_to_face_are_facts_of_their_own(self, client, alliance):
        meeting(alliance, days_ago=40, kind="face_to_face")
        meeting(alliance, days_ago=3, kind="call")
        page = page_of(client, alliance)
        assert "(3 days ago)" in page and "(40 days ago)" in page
        assert "over the 90-day warning threshold" not in page.lower()

    def test_editing_the_alliance_does_not_make_a_meeting(self, client, alliance):
        meeting(alliance, days_ago=120)
        alliance.name = "Renamed"
        alliance.save()
        page = page_of(client, alliance)
        assert "(120 days ago)" in page and "Over the 90-day warning threshold" in page

    def test_informal_meetings_and_events_count_as_in_person(self, client, alliance):
        meeting(alliance, days_ago=5, kind="informal")
        meeting(alliance, days_ago=2, kind="email")
        page = page_of(client, alliance)
        assert "(5 days ago)" in page and "(2 days ago)" in page

    def test_a_meeting_dated_after_today_does_not_count_yet(self, client, alliance):
        meeting(alliance, days_ago=-7)  # imported, say: the log page refuses such dates
        assert page_of(client, alliance).count("None logged yet") == 2

    def test_nothing_logged_says_so(self, client, alliance):
        assert page_of(client, alliance).count("None logged yet") == 2


class TestTheDashboard:
    def test_each_row_says_when_we_last_met_and_last_spoke(self, client, alliance):
        meeting(alliance, days_ago=12, kind="face_to_face")
        meeting(alliance, days_ago=1, kind="call")
        page = client.get("/").content.decode()
        assert "Met 12 days ago" in page and "last contact yesterday" in page

    def test_an_alliance_without_meetings_says_so(self, client, alliance):
        assert "No meeting logged" in client.get("/").content.decode()

    def test_the_cached_rows_move_on_with_the_date(self, client, alliance, monkeypatch):
        meeting(alliance, days_ago=0)
        assert "Met today" in client.get("/").content.decode()
        tomorrow, real = today() + timedelta(days=1), timezone.localdate
        monkeypatch.setattr(timezone, "localdate", lambda value=None, tz=None: tomorrow if value is None
                            else real(value, tz))
        assert "Met yesterday" in client.get("/").content.decode()

    def test_the_dashboard_makes_as_many_queries_for_30_meetings_as_for_2(self, client, workspace, make_partner):
        partner = make_partner()
        alliances = Alliance.objects.bulk_create(
            Alliance(workspace=workspace, name=f"Alliance {n}", purpose="p") for n in range(3))
        AllianceMember.objects.bulk_create(AllianceMember(workspace=workspace, alliance=a, partner=partner)
                                           for a in alliances)

        def count() -> int:
            client.get("/")
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/").status_code == 200
            return len(queries)

        for a in alliances:
            for n in range(2):
                meeting(a, days_ago=n)
        few = count()
        for a in alliances:
            for n in range(28):
                meeting(a, days_ago=n, kind="call")
        assert count() == few
