"""The demo alliances' lives, read by the early-warning signals as the case stories tell them.

What each story should raise was written from the seeds before looking at the output:

- Skelta (000, 'From Local Link to Global Visibility'): links on every level from Microsoft India up to
  Redmond, roadshows with field marketing, a fresh quarterly meeting and steady health checks. Nothing
  high; only the yearly ISV programme membership about to lapse.
- HMD Clinical (000, 'From Idea to Innovation'): the alliance has ended, so it raises nothing today. On
  the week Sun's US offices ended the project it raised the decision taken without HMD and the cancelled
  pilot, and the local-only links that left HMD exposed to the parent's decision (every contact at
  Linlithgow, nobody in the field, nothing signed but an NDA).
- Mitoken (000, (v) Spin-off support): dependence on Motorola grows (dependence answered 4), the board
  mentor (the sponsor) has left, and the Chicago contract lapsed while Motorola reopens its terms and
  the renewal waits unsigned.
- Aberdeen pilots (000, STAC): local links only (EDS and Motorola in Aberdeen), the offshore pilot
  postponed twice by the operator's agenda, a third pilot that leaves nothing if stopped, only an NDA
  signed while STAC drafts the agreement, and no next step planned: "collaboration is no one's day job".
- Firm B (004): one contact, at head office in San Diego; nobody in the field ("we need to get to Boise,
  Idaho, or New York"); no visit for months; a campaign decided without it ("the sales go on when
  you're not in the room"); costs nobody planned; its own view of the health falling, the check overdue;
  its risk rising between the quick and the full assessment; the trip to the field late.
"""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from dancecard.assessments.models import Assessment, Status
from dancecard.core.signals import load_signal_rules
from dancecard.portfolio.demo import load_demo
from dancecard.portfolio.models import Alliance
from dancecard.tracking.life import signals_by_alliance
from dancecard.tracking.models import Contact, HealthCheck, Interaction, Milestone, StageChange

EXPECTED = {
    "Skelta": {"commitment_expiring"},
    "HMD Clinical": set(),
    "Mitoken": {"champion_left", "commitment_expired", "terms_reopened", "commitment_unsigned", "dependence_growing"},
    "Aberdeen": {"no_boundary_spanning", "no_field_operations", "milestone_postponed", "milestones_not_modular",
                 "no_written_commitment", "next_step_none"},
    "Firm B": {"single_threaded", "no_field_operations", "no_face_to_face", "decisions_without_us", "costs_not_in_plan",
               "health_check_overdue", "health_declining", "risk_rising", "next_step_late"},
}
# HMD on the week Sun's US offices ended the project (360 days ago), before the alliance was closed (330).
HMD_DECISION_WEEK = 355
HMD_THEN = {"decisions_without_us", "milestone_cancelled", "no_boundary_spanning", "no_field_operations",
            "no_written_commitment"}


def by_story(workspace, on=None) -> dict[str, set[str]]:
    alliances = list(Alliance.objects.filter(workspace=workspace))
    raised = signals_by_alliance(alliances, on)
    return {story: {s.code for s in raised[next(a.pk for a in alliances if a.name.startswith(story))]}
            for story in EXPECTED}


@pytest.fixture
def demo(workspace):
    load_demo(workspace)
    return workspace


@pytest.mark.django_db
class TestTheDemoStoriesRaiseTheirSignals:
    def test_each_story_raises_what_its_case_tells(self, demo):
        assert by_story(demo) == EXPECTED

    def test_skelta_the_success_raises_nothing_high(self, demo):
        skelta = Alliance.objects.get(workspace=demo, name__startswith="Skelta")
        assert all(s.severity != "high" for s in signals_by_alliance([skelta])[skelta.pk])

    def test_hmd_raised_the_head_office_decision_the_week_it_came_and_is_quiet_once_ended(self, demo):
        today = timezone.localdate()
        assert by_story(demo, today - timedelta(days=HMD_DECISION_WEEK))["HMD Clinical"] == HMD_THEN
        assert by_story(demo)["HMD Clinical"] == set()

    def test_every_signal_kind_fires_for_some_story(self, demo):
        today = timezone.localdate()
        then = by_story(demo, today - timedelta(days=HMD_DECISION_WEEK))["HMD Clinical"]
        fired = set().union(*by_story(demo).values(), then)
        every = {rule.code for rule in load_signal_rules().rules}
        # milestone_cancelled fires only in HMD's past: an ended alliance raises nothing (signals settings.quiet_in).
        assert fired == every

    @pytest.mark.parametrize("loaded", ["2028-02-29", "2031-08-31"])
    def test_the_stories_read_the_same_whenever_the_demo_is_loaded(self, workspace, loaded):
        moment = timezone.make_aware(datetime.fromisoformat(f"{loaded}T09:30:00"))
        with mock.patch("django.utils.timezone.now", return_value=moment):
            load_demo(workspace)
            assert str(timezone.localdate()) == loaded
            assert by_story(workspace) == EXPECTED


@pytest.mark.django_db
class TestTheDemoStoriesHaveAHistory:
    def test_the_stages_are_dated_along_the_way_and_none_today(self, demo):
        today = timezone.localdate()
        for alliance in Alliance.objects.filter(workspace=demo):
            path = list(StageChange.objects.filter(alliance=alliance).order_by("date"))
            assert len(path) >= 2 and path[-1].stage == alliance.stage
            assert all(change.date < today for change in path)
            assert alliance.created.date() <= path[0].date
        hmd = Alliance.objects.get(workspace=demo, name__startswith="HMD")
        ended = StageChange.objects.get(alliance=hmd, stage="ended").date
        active = StageChange.objects.get(alliance=hmd, stage="active").date
        assert 150 <= (ended - active).days <= 240  # "about six months down the road"

    def test_every_story_has_people_on_both_sides_meetings_in_person_and_a_trend(self, demo):
        for alliance in Alliance.objects.filter(workspace=demo):
            sides = set(Contact.objects.filter(alliance=alliance).values_list("side", flat=True))
            assert sides == {"ours", "partner"}, alliance.name
            in_person = Interaction.objects.filter(alliance=alliance, kind__in=["face_to_face", "event"])
            assert in_person.count() >= 3, alliance.name
            span = Interaction.objects.filter(alliance=alliance).order_by("date").values_list("date", flat=True)
            assert 365 <= (span.last() - span.first()).days <= 3 * 365, alliance.name
            whole = Assessment.objects.filter(alliance=alliance, status=Status.COMPLETE, partner__isnull=True,
                                              respondent_of__isnull=True)
            assert len({a.completed.date() for a in whole}) >= 2, alliance.name
            assert HealthCheck.objects.filter(alliance=alliance, closed__isnull=False).exists(), alliance.name

    def test_skelta_grew_from_bangalore_to_head_office(self, demo):
        contacts = Contact.objects.filter(alliance__name__startswith="Skelta", side="partner")
        units = set(contacts.values_list("unit", flat=True))
        assert {"local_subsidiary", "other_subsidiary", "head_office", "field_operations"} <= units
        first_met_head_office = (Interaction.objects.filter(alliance__name__startswith="Skelta",
                                                            theirs__unit="head_office").order_by("date").first())
        first_met = Interaction.objects.filter(alliance__name__startswith="Skelta").order_by("date").first()
        assert first_met.theirs.filter(unit="local_subsidiary").exists()
        assert (first_met_head_office.date - first_met.date).days > 180

    def test_hmd_kept_what_each_module_left_when_sun_pulled_the_plug(self, demo):
        milestones = Milestone.objects.filter(alliance__name__startswith="HMD")
        done = milestones.filter(status="done")
        assert done.count() >= 2 and all(m.value_if_stopped for m in done)
        assert any("prototype" in m.value_if_stopped for m in done)
        cancelled = milestones.get(status="cancelled")
        decision = Interaction.objects.get(alliance__name__startswith="HMD", decision_without_us=True)
        assert cancelled.closed == decision.date

    def test_mitoken_has_its_sponsorship_on_paper(self, demo):
        mitoken = Alliance.objects.get(workspace=demo, name__startswith="Mitoken")
        sponsorship = mitoken.commitments.get(kind="mou")
        assert sponsorship.status == "signed" and "sponsor" in sponsorship.title.lower()


@pytest.mark.django_db
class TestTheDemoPagesOpen:
    def test_every_alliance_page_timeline_and_brief_and_the_needs_attention_page(self, client, demo):
        from django.urls import reverse

        for alliance in Alliance.objects.filter(workspace=demo):
            for url in (alliance.get_absolute_url(), reverse("alliance_timeline", args=[alliance.pk]),
                        reverse("brief", args=[alliance.pk])):
                assert client.get(url).status_code == 200, url
        attention = client.get(reverse("attention")).content.decode()
        assert "Firm B" in attention and "Decisions taken without you" in attention
