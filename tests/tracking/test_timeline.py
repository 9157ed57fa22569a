"""The alliance's timeline: every dated record of its life on one page, newest first, grouped by
month, filtered by kind, paginated, in a number of queries that does not grow with the records."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dancecard.assessments.services import assess_now
from dancecard.core.wording import band_label
from dancecard.tracking.models import (
    Commitment,
    HealthCheck,
    Interaction,
    Milestone,
    NextStep,
    Postponement,
    RevenueShare,
    StageChange,
)
from dancecard.tracking.work.timeline import timeline
from dancecard.tracking.work.views import TIMELINE_PAGE
from tests.conftest import QUICK_STRONG

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def day(offset: int):
    return TODAY + timedelta(days=offset)


@pytest.fixture
def alliance(make_alliance):
    return make_alliance(stage="prospect")


def url(alliance, **params) -> str:
    query = "&".join(f"{k}={v}" for k, values in params.items()
                     for v in (values if isinstance(values, list) else [values]))
    return reverse("alliance_timeline", args=[alliance.pk]) + (f"?{query}" if query else "")


def life(alliance, n: int = 1) -> None:
    """n records of each kind, spread over the past year."""
    ws = alliance.workspace
    for i in range(n):
        when = day(-10 - 7 * i)
        Interaction.objects.create(workspace=ws, alliance=alliance, date=when, kind="face_to_face", note=f"Meeting {i}")
        m = Milestone.objects.create(workspace=ws, alliance=alliance, title=f"Module {i}", due=day(20 + i))
        Postponement.objects.create(workspace=ws, milestone=m, date=when, reason="Budget freeze",
                                    previous_due=day(10 + i), new_due=day(20 + i))
        Commitment.objects.create(workspace=ws, alliance=alliance, kind="mou", status="signed",
                                  started=when - timedelta(days=5), signed=when, expires=day(200))
        HealthCheck.objects.create(workspace=ws, alliance=alliance, instrument_version="1.0", opened=when,
                                   closed=when, ours=70, partner=55)
        RevenueShare.objects.create(workspace=ws, alliance=alliance, date=when, percent=12 + i)
        NextStep.objects.create(workspace=ws, alliance=alliance, text=f"Call Raj {i}", due=when)
        StageChange.objects.create(workspace=ws, alliance=alliance, date=when, stage="negotiating")


class TestWhatItShows:
    def test_every_kind_of_record_is_on_it_newest_first(self, client, alliance):
        ws = alliance.workspace
        Interaction.objects.create(workspace=ws, alliance=alliance, date=day(-40), kind="face_to_face",
                                   terms_reopened=True)
        pilot = Milestone.objects.create(workspace=ws, alliance=alliance, title="Pilot", due=day(-5),
                                         status="done", closed=day(-5))
        Postponement.objects.create(workspace=ws, milestone=pilot, date=day(-30), reason="Reorganisation",
                                    previous_due=day(-20), new_due=day(-5))
        Commitment.objects.create(workspace=ws, alliance=alliance, kind="mou", status="signed", started=day(-60),
                                  signed=day(-35), expires=day(20))
        HealthCheck.objects.create(workspace=ws, alliance=alliance, instrument_version="1.0", opened=day(-16),
                                   closed=day(-15), ours=72, partner=48)
        RevenueShare.objects.create(workspace=ws, alliance=alliance, date=day(-12), percent="22.5")
        NextStep.objects.create(workspace=ws, alliance=alliance, text="Send the proposal", due=day(7))
        assessment = assess_now(alliance, "quick", QUICK_STRONG)
        alliance.stage = "committed"
        alliance.save()

        entries = timeline(alliance)
        assert [e.date for e in entries] == sorted((e.date for e in entries), reverse=True)
        events = [e.event for e in entries]
        assert {"interaction", "milestone_postponed", "milestone_done", "commitment_drafted", "commitment_signed",
                "commitment_expires", "health_check_closed", "revenue_share", "next_step_due",
                "assessment_completed", "stage_change"} <= set(events)

        body = client.get(url(alliance)).content.decode()
        assert band_label(assessment.band) in body
        assert "ISO 44001 stage 5: Working together" in body
        assert "ours 72, partner&#x27;s 48 of 100" in body or "ours 72, partner's 48 of 100" in body
        assert "Reorganisation" in body and "22.5 % of our revenue" in body
        assert "They asked to reopen agreed terms" in body
        assert f'href="{assessment.get_absolute_url()}"' in body
        assert f'href="{alliance.get_absolute_url()}#milestone-{pilot.pk}"' in body

    def test_a_commitment_recorded_as_signed_is_not_also_shown_drafted(self, alliance):
        Commitment.objects.create(workspace=alliance.workspace, alliance=alliance, kind="mou", status="signed",
                                  started=day(-3), signed=day(-3))
        Commitment.objects.create(workspace=alliance.workspace, alliance=alliance, kind="nda", status="draft",
                                  started=day(-2))
        events = [e.event for e in timeline(alliance, kinds=["commitment"])]
        assert events == ["commitment_drafted", "commitment_signed"]  # the NDA drafted, the MoU signed

    def test_entries_are_grouped_by_month(self, client, alliance):
        ws = alliance.workspace
        first = TODAY.replace(day=1)
        last_month = first - timedelta(days=1)
        Interaction.objects.create(workspace=ws, alliance=alliance, date=first, kind="call")
        Interaction.objects.create(workspace=ws, alliance=alliance, date=last_month, kind="call")
        response = client.get(url(alliance, kind="interaction"))
        months = [month for month, _ in response.context["months"]]
        assert months == [first, last_month.replace(day=1)]
        body = response.content.decode()
        assert body.index(f"{first:%B %Y}") < body.index(f"{last_month:%B %Y}")

    def test_the_alliance_page_links_to_it(self, client, alliance):
        assert url(alliance) in client.get(alliance.get_absolute_url()).content.decode()

    def test_an_empty_life_says_so(self, client, make_alliance):
        alliance = make_alliance("Quiet one")
        StageChange.objects.filter(alliance=alliance).delete()
        assert "Nothing recorded yet" in client.get(url(alliance)).content.decode()


class TestFilters:
    def test_one_kind_shows_only_that_kind(self, client, alliance):
        life(alliance, 2)
        response = client.get(url(alliance, kind="milestone"))
        kinds = {e.kind for _, entries in response.context["months"] for e in entries}
        assert response.status_code == 200 and kinds == {"milestone"}

    def test_several_kinds_may_be_chosen(self, client, alliance):
        life(alliance, 1)
        response = client.get(url(alliance, kind=["commitment", "revenue_share"]))
        kinds = {e.kind for _, entries in response.context["months"] for e in entries}
        assert kinds == {"commitment", "revenue_share"}

    def test_an_unknown_kind_is_refused_with_a_clear_message(self, client, alliance):
        life(alliance, 1)
        response = client.get(url(alliance, kind="gossip"))
        assert response.status_code == 422
        assert "is not a kind of record on the timeline" in response.content.decode()
        assert response.context["total"] == len(timeline(alliance))  # everything, unfiltered


class TestPagination:
    def test_long_lives_are_paginated_and_the_filter_is_kept(self, client, alliance):
        life(alliance, 12)  # 12 interactions, 24 milestone entries, 36 commitment entries...
        first = client.get(url(alliance))
        assert first.context["page"].paginator.num_pages > 1
        assert len(first.context["page"].object_list) == TIMELINE_PAGE
        filtered = client.get(url(alliance, kind="commitment", page=2))
        body = filtered.content.decode()
        assert filtered.context["page"].number == 2 and "kind=commitment&amp;page=1" in body
        assert {e.kind for e in filtered.context["page"].object_list} == {"commitment"}

    def test_a_page_past_the_end_shows_the_last(self, client, alliance):
        life(alliance, 1)
        response = client.get(url(alliance, page="999"))
        assert response.status_code == 200 and response.context["page"].number == 1

    def test_the_query_count_does_not_grow_with_the_records(self, client, alliance, make_alliance,
                                                             django_assert_max_num_queries):
        small = make_alliance("Small")
        life(small, 3)
        client.get(url(small))  # warm the session and caches
        with CaptureQueriesContext(connection) as few:
            client.get(url(small))
        life(alliance, 40)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(url(alliance))
        assert response.context["total"] > 40 * 8


class TestWhoMay:
    def test_a_viewer_reads_it(self, bob, alliance):
        life(alliance, 1)
        viewer = Client()
        viewer.force_login(bob)
        assert viewer.get(url(alliance)).status_code == 200

    def test_a_meeting_links_to_its_form_for_editors_and_to_the_meetings_for_viewers(self, client, bob, alliance):
        meeting = Interaction.objects.create(workspace=alliance.workspace, alliance=alliance, date=day(-3),
                                             kind="call")
        assert f'href="{reverse("interaction_edit", args=[meeting.pk])}"' in client.get(url(alliance)).content.decode()
        viewer = Client()
        viewer.force_login(bob)
        body = viewer.get(url(alliance)).content.decode()
        assert reverse("interaction_edit", args=[meeting.pk]) not in body
        assert f'href="{reverse("interaction_list", args=[alliance.pk])}"' in body

    def test_an_outsider_meets_a_404(self, charlie, alliance):
        outsider = Client()
        outsider.force_login(charlie)
        assert outsider.get(url(alliance)).status_code == 404
