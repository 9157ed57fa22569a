"""Milestones as modules of knowledge transfer: added, postponed (every postponement kept), done or
cancelled, and the open ones that would leave nothing if the alliance stopped here shown plainly."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dancecard.tracking.models import Milestone, Postponement
from dancecard.tracking.work import services

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def day(offset: int):
    return TODAY + timedelta(days=offset)


@pytest.fixture
def alliance(make_alliance):
    return make_alliance()


@pytest.fixture
def pilot(alliance):
    return Milestone.objects.create(workspace=alliance.workspace, alliance=alliance, title="Pilot at two sites",
                                    due=day(30), value_if_stopped="A working prototype we keep")


def page(client, alliance) -> str:
    return client.get(alliance.get_absolute_url()).content.decode()


class TestAddingAMilestone:
    def test_a_milestone_is_added_with_what_it_leaves_us(self, client, alliance):
        response = client.post(reverse("milestone_new", args=[alliance.pk]), {
            "title": "Integration with their platform", "due": day(60).isoformat(), "owner": "Ann",
            "value_if_stopped": "A certified connector we can sell to others", "status": "planned"})
        milestone = Milestone.objects.get()
        assert response.status_code == 302 and response.url.endswith(f"#milestone-{milestone.pk}")
        assert (milestone.alliance, milestone.workspace, milestone.status) == (alliance, alliance.workspace, "planned")
        assert "A certified connector" in page(client, alliance)

    def test_a_milestone_without_a_title_or_a_date_is_refused_and_nothing_is_stored(self, client, alliance):
        response = client.post(reverse("milestone_new", args=[alliance.pk]), {"title": "", "due": "not a date",
                                                                             "status": "planned"})
        assert response.status_code == 422
        assert response.context["form"].errors.keys() >= {"title", "due"}
        assert not Milestone.objects.exists()

    def test_control_characters_are_refused(self, client, alliance):
        response = client.post(reverse("milestone_new", args=[alliance.pk]), {
            "title": "Pilot\x07", "due": day(5).isoformat(), "status": "planned"})
        assert response.status_code == 422 and "title" in response.context["form"].errors

    def test_a_new_milestone_starts_out_planned_whatever_is_posted(self, client, alliance):
        response = client.post(reverse("milestone_new", args=[alliance.pk]), {
            "title": "Pilot", "due": day(5).isoformat(), "status": "postponed", "closed": day(0).isoformat()})
        assert response.status_code == 302
        assert Milestone.objects.values_list("status", "closed").get() == ("planned", None)

    def test_the_new_milestone_form_asks_no_status_nor_closing_date(self, client, alliance, pilot):
        new = client.get(reverse("milestone_new", args=[alliance.pk])).content.decode()
        assert 'name="status"' not in new and 'name="closed"' not in new
        edit = client.get(reverse("milestone_edit", args=[pilot.pk])).content.decode()
        assert 'name="status"' in edit and 'name="closed"' in edit

    def test_the_form_cites_modular_knowledge_transfer(self, client, alliance):
        body = client.get(reverse("milestone_new", args=[alliance.pk])).content.decode()
        assert "Modular knowledge transfer" in body and "HMD kept a working prototype" in body
        assert "Prashantham" in body


class TestPostponing:
    def postpone(self, client, milestone, new_due, reason="Budget freeze"):
        return client.post(reverse("milestone_postpone", args=[milestone.pk]),
                           {"new_due": new_due.isoformat(), "reason": reason})

    def test_postponing_keeps_the_date_the_reason_and_both_due_dates(self, client, pilot):
        response = self.postpone(client, pilot, day(60))
        assert response.status_code == 302
        pilot.refresh_from_db()
        assert (pilot.due, pilot.status) == (day(60), "postponed")
        kept = Postponement.objects.get()
        assert (kept.date, kept.reason, kept.previous_due, kept.new_due) == (TODAY, "Budget freeze", day(30), day(60))

    def test_postponing_to_an_earlier_date_is_refused(self, client, pilot):
        response = self.postpone(client, pilot, day(10))
        assert response.status_code == 422
        assert "must be later than the current one" in str(response.context["form"].errors["new_due"])
        pilot.refresh_from_db()
        assert pilot.due == day(30) and pilot.status == "planned" and not Postponement.objects.exists()

    def test_postponing_to_the_same_date_is_refused(self, client, pilot):
        assert self.postpone(client, pilot, day(30)).status_code == 422
        assert not Postponement.objects.exists()

    def test_a_postponement_needs_a_reason(self, client, pilot):
        response = self.postpone(client, pilot, day(60), reason="  ")
        assert response.status_code == 422 and "reason" in response.context["form"].errors
        assert not Postponement.objects.exists()

    def test_every_postponement_is_kept_in_order_and_shown(self, client, alliance, pilot):
        self.postpone(client, pilot, day(60), "Budget freeze")
        self.postpone(client, pilot, day(90), "Reorganisation")
        kept = list(pilot.postponements.all())
        assert [(p.reason, p.previous_due, p.new_due) for p in kept] == [
            ("Budget freeze", day(30), day(60)), ("Reorganisation", day(60), day(90))]
        when = services.fmt(TODAY)
        assert f"Postponed twice: {when} — Budget freeze; {when} — Reorganisation" in page(client, alliance)

    def test_a_milestone_done_or_cancelled_is_not_postponed(self, client, pilot):
        services.close(pilot, "done")
        response = self.postpone(client, pilot, day(60))
        assert response.status_code == 302 and not Postponement.objects.exists()
        assert client.get(reverse("milestone_postpone", args=[pilot.pk])).status_code == 302

    def test_editing_cannot_move_the_date_later_without_a_postponement(self, client, pilot):
        response = client.post(reverse("milestone_edit", args=[pilot.pk]), {
            "title": pilot.title, "due": day(45).isoformat(), "status": "planned"})
        assert response.status_code == 422 and "use Postpone" in str(response.context["form"].errors["due"])
        pilot.refresh_from_db()
        assert pilot.due == day(30)

    def test_editing_may_bring_the_date_forward(self, client, pilot):
        response = client.post(reverse("milestone_edit", args=[pilot.pk]), {
            "title": pilot.title, "due": day(20).isoformat(), "status": "planned"})
        assert response.status_code == 302
        pilot.refresh_from_db()
        assert pilot.due == day(20) and not Postponement.objects.exists()


class TestClosing:
    def test_done_sets_the_closing_date(self, client, pilot):
        client.post(reverse("milestone_close", args=[pilot.pk]), {"status": "done"})
        pilot.refresh_from_db()
        assert (pilot.status, pilot.closed) == ("done", TODAY)

    def test_cancelled_sets_the_closing_date(self, client, pilot):
        client.post(reverse("milestone_close", args=[pilot.pk]), {"status": "cancelled"})
        pilot.refresh_from_db()
        assert (pilot.status, pilot.closed) == ("cancelled", TODAY)

    def test_an_unknown_status_changes_nothing(self, client, pilot):
        response = client.post(reverse("milestone_close", args=[pilot.pk]), {"status": "planned"})
        assert response.status_code == 302
        pilot.refresh_from_db()
        assert (pilot.status, pilot.closed) == ("planned", None)

    def test_marking_it_done_in_the_form_dates_it_today(self, client, pilot):
        client.post(reverse("milestone_edit", args=[pilot.pk]), {"title": pilot.title, "due": pilot.due.isoformat(),
                                                                "status": "done"})
        pilot.refresh_from_db()
        assert (pilot.status, pilot.closed) == ("done", TODAY)

    def test_reopening_clears_the_closing_date(self, client, pilot):
        services.close(pilot, "cancelled")
        response = client.post(reverse("milestone_edit", args=[pilot.pk]), {
            "title": pilot.title, "due": pilot.due.isoformat(), "status": "planned", "closed": TODAY.isoformat()})
        assert response.status_code == 302
        pilot.refresh_from_db()
        assert (pilot.status, pilot.closed) == ("planned", None)

    def test_it_cannot_be_done_on_a_day_still_to_come(self, client, pilot):
        response = client.post(reverse("milestone_edit", args=[pilot.pk]), {
            "title": pilot.title, "due": pilot.due.isoformat(), "status": "done", "closed": day(3).isoformat()})
        assert response.status_code == 422 and "closed" in response.context["form"].errors


class TestWhatAMilestoneLeavesUs:
    def test_open_milestones_that_leave_nothing_are_named(self, client, alliance, pilot):
        for title in ("Joint roadmap", "Training their sales force"):
            Milestone.objects.create(workspace=alliance.workspace, alliance=alliance, title=title, due=day(10))
        Milestone.objects.create(workspace=alliance.workspace, alliance=alliance, title="Old kickoff", due=day(-50),
                                 status="done", closed=day(-50))
        body = page(client, alliance)
        assert "2 of 3 open milestones leave nothing if the alliance stops here" in body
        assert body.count("Leaves nothing if the alliance stops here.") == 2
        assert "Old kickoff</a>" not in body

    def test_an_overdue_milestone_says_how_late_it_is(self, client, alliance):
        Milestone.objects.create(workspace=alliance.workspace, alliance=alliance, title="Late one", due=day(-4))
        assert "4 days late" in page(client, alliance)


class TestDeleting:
    def test_deleting_asks_first_and_the_history_keeps_it(self, client, pilot):
        services.postpone(pilot, day(40), "Budget freeze")
        form = client.get(reverse("milestone_edit", args=[pilot.pk])).content.decode()
        assert '<details class="confirm" id="delete-milestone">' in form and "Yes, delete it" in form
        response = client.post(reverse("milestone_delete", args=[pilot.pk]))
        assert response.status_code == 302 and not Milestone.objects.exists() and not Postponement.objects.exists()
        assert Milestone.history.filter(id=pilot.pk, history_type="-").exists()
        assert Postponement.history.filter(history_type="-").exists()


class TestWhoMay:
    def test_a_viewer_sees_the_milestones_but_no_buttons(self, bob, alliance, pilot):
        viewer = Client()
        viewer.force_login(bob)
        body = viewer.get(alliance.get_absolute_url()).content.decode()
        assert "Pilot at two sites" in body
        assert "Add a milestone" not in body and "Postpone…" not in body
        assert viewer.get(reverse("milestone_postpone", args=[pilot.pk])).status_code == 403
