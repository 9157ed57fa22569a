"""The alliance's next step: planned, late or none (Odoo's neglect signal), set and closed from the alliance page."""

from datetime import timedelta

import pytest

from dancecard.tracking.life import signals_by_alliance, today
from dancecard.tracking.models import NextStep
from tests.tracking.people_fixtures import alliance  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def step(alliance, due_in=7, **fields):
    return NextStep.objects.create(workspace=alliance.workspace, alliance=alliance, text="Demo to field sales",
                                   due=today() + timedelta(days=due_in), **fields)


def page_of(client, alliance) -> str:
    return client.get(alliance.get_absolute_url()).content.decode()


def codes(alliance) -> set[str]:
    return {s.code for s in signals_by_alliance([alliance])[alliance.pk]}


class TestTheState:
    def test_none_when_nothing_is_planned_with_a_form_to_plan_it(self, client, alliance):
        page = page_of(client, alliance)
        assert 'class="state state-none">None<' in page and "No next step planned" in page
        assert f'action="/alliances/{alliance.pk}/next-step/"' in page and 'name="csrfmiddlewaretoken"' in page
        assert "next_step_none" in codes(alliance)

    def test_planned_with_its_due_date_and_owner(self, client, alliance):
        step(alliance, due_in=7, owner="Ann")
        page = page_of(client, alliance)
        assert 'class="state state-planned">Planned<' in page and "Demo to field sales" in page
        assert (today() + timedelta(days=7)).strftime("%-d %b %Y") in page and "in 7 days" in page and "Ann" in page
        assert not {"next_step_none", "next_step_late"} & codes(alliance)

    def test_late_once_its_day_has_passed(self, client, alliance):
        step(alliance, due_in=-3)
        page = page_of(client, alliance)
        assert 'class="state state-late">Late<' in page and "3 days ago" in page
        assert "next_step_late" in codes(alliance)

    def test_due_today_is_not_late_yet(self, client, alliance):
        step(alliance, due_in=0)
        assert 'state-planned' in page_of(client, alliance)

    def test_a_done_step_leaves_none(self, client, alliance):
        step(alliance, done=today())
        assert "state-none" in page_of(client, alliance)


class TestSettingIt:
    def test_it_is_set_from_the_alliance_page(self, client, alliance):
        due = today() + timedelta(days=10)
        response = client.post(f"/alliances/{alliance.pk}/next-step/",
                               {"text": "Send the pilot plan", "due": due.isoformat(), "owner": "Ann"})
        assert response.status_code == 302 and response.url.endswith("#next-step")
        saved = NextStep.objects.get()
        assert (saved.text, saved.due, saved.owner, saved.done, saved.workspace) == (
            "Send the pilot plan", due, "Ann", None, alliance.workspace)
        assert "Next step set" in client.get(response.url).content.decode()

    def test_the_owner_starts_as_the_alliance_owner(self, client, make_alliance):
        alliance = make_alliance(owner="Ann Owner")
        assert 'value="Ann Owner"' in client.get(f"/alliances/{alliance.pk}/next-step/").content.decode()
        assert 'value="Ann Owner"' in page_of(client, alliance)

    def test_changing_it_edits_the_open_step_and_keeps_history(self, client, alliance):
        open_step = step(alliance)
        later = today() + timedelta(days=30)
        page = client.get(f"/alliances/{alliance.pk}/next-step/").content.decode()
        assert "Change the next step" in page and "Demo to field sales" in page
        client.post(f"/alliances/{alliance.pk}/next-step/", {"text": "Demo, then dinner", "due": later.isoformat()})
        open_step.refresh_from_db()
        assert NextStep.objects.count() == 1 and (open_step.text, open_step.due) == ("Demo, then dinner", later)
        assert open_step.history.count() == 2

    @pytest.mark.parametrize("fields", [{"text": "", "due": "2030-01-01"}, {"text": "Call", "due": ""},
                                        {"text": "Call", "due": "someday"}, {"text": "Ca\x1bll", "due": "2030-01-01"},
                                        {"text": "x" * 301, "due": "2030-01-01"}])
    def test_it_needs_words_and_a_date(self, client, alliance, fields):
        response = client.post(f"/alliances/{alliance.pk}/next-step/", fields)
        assert response.status_code == 422 and not NextStep.objects.exists()
        if not fields["due"]:
            assert "without one it can never be late" in response.content.decode()


class TestClosingIt:
    def test_marking_done_dates_it_and_asks_for_the_next(self, client, alliance):
        open_step = step(alliance)
        response = client.post(f"/next-steps/{open_step.pk}/done/", follow=True)
        open_step.refresh_from_db()
        assert open_step.done == today()
        page = response.content.decode()
        assert "What is the next step?" in page and "state-none" in page

    def test_marking_done_twice_changes_nothing(self, client, alliance):
        open_step = step(alliance, done=today() - timedelta(days=5))
        client.post(f"/next-steps/{open_step.pk}/done/")
        open_step.refresh_from_db()
        assert open_step.done == today() - timedelta(days=5)

    def test_only_a_post_closes_it(self, client, alliance):
        open_step = step(alliance)
        assert client.get(f"/next-steps/{open_step.pk}/done/").status_code == 405
        open_step.refresh_from_db()
        assert open_step.done is None

    def test_unknown_and_foreign_steps_are_404(self, client, outsider):
        secret = NextStep.objects.create(workspace=outsider["workspace"], alliance=outsider["alliance"], text="s")
        assert client.post("/next-steps/424242/done/").status_code == 404
        assert client.post(f"/next-steps/{secret.pk}/done/").status_code == 404
        assert client.get(f"/alliances/{outsider['alliance'].pk}/next-step/").status_code == 404
        secret.refresh_from_db()
        assert secret.done is None

    def test_a_viewer_sees_the_step_but_no_buttons(self, alliance, bob):
        from django.test import Client

        step(alliance)
        viewer = Client()
        viewer.force_login(bob)
        page = viewer.get(alliance.get_absolute_url()).content.decode()
        assert "Demo to field sales" in page and "Mark done" not in page
        assert viewer.get(f"/alliances/{alliance.pk}/next-step/").status_code == 403


class TestAnEndedAlliance:
    def test_offers_no_next_step_nor_health_check_only_says_it_has_ended(self, client, alliance):
        from dancecard.portfolio.models import Alliance

        Alliance.objects.filter(pk=alliance.pk).update(stage="ended")
        alliance.refresh_from_db()
        page = page_of(client, alliance)
        assert "This alliance has ended." in page
        assert "No next step planned" not in page and f'action="/alliances/{alliance.pk}/next-step/"' not in page
        assert "Open a health check" not in page
