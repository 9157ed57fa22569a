"""Stored records read into the core's AllianceLife: every kind, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dancecard.core.timeline import InteractionKind, Stage
from dancecard.portfolio.models import Alliance
from dancecard.tracking.life import lives, signals_by_alliance
from dancecard.tracking.models import Commitment, Contact, Interaction, Milestone, NextStep, Postponement

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()  # alliances are "started" today: the clocks run from their creation


def fill(alliance, days_since_meeting=10):
    ws = alliance.workspace
    ann = Contact.objects.create(workspace=ws, alliance=alliance, side="ours", name="Ann", level="executive")
    raj = Contact.objects.create(workspace=ws, alliance=alliance, side="partner", name="Raj", unit="head_office",
                                 level="manager", role="champion", known_by=ann)
    meeting = Interaction.objects.create(workspace=ws, alliance=alliance, kind="face_to_face",
                                         date=TODAY - timedelta(days=days_since_meeting))
    meeting.ours.add(ann)
    meeting.theirs.add(raj)
    pilot = Milestone.objects.create(workspace=ws, alliance=alliance, title="Pilot", due=TODAY)
    Postponement.objects.create(workspace=ws, milestone=pilot, date=TODAY, previous_due=TODAY, new_due=TODAY)
    Commitment.objects.create(workspace=ws, alliance=alliance, kind="mou", status="signed", started=TODAY,
                              signed=TODAY)
    NextStep.objects.create(workspace=ws, alliance=alliance, text="Call Raj", due=TODAY + timedelta(days=7))


class TestReadingALife:
    def test_every_record_reaches_the_core_with_its_id(self, make_alliance):
        alliance = make_alliance()
        fill(alliance)
        life = lives([alliance], TODAY)[alliance.pk]
        assert {c.side for c in life.contacts} == {"ours", "partner"}
        (meeting,) = life.interactions
        assert meeting.kind == InteractionKind.FACE_TO_FACE and len(meeting.ours) == len(meeting.theirs) == 1
        assert len(life.milestones[0].postponements) == 1 and life.commitments[0].in_force(TODAY)
        assert life.next_steps[0].id.startswith("next_step:")

    def test_the_stage_is_dated_when_it_changes(self, make_alliance):
        alliance = make_alliance(stage="prospect")
        alliance.stage = "negotiating"
        alliance.save()
        stages = lives([alliance])[alliance.pk].stages
        assert [s.stage for s in stages] == [Stage.PROSPECT, Stage.NEGOTIATING]

    def test_a_recent_meeting_keeps_the_face_to_face_signal_quiet(self, make_alliance):
        quiet, late = make_alliance("Quiet"), make_alliance("Late")
        Alliance.objects.update(created=timezone.now() - timedelta(days=400))  # both known for over a year
        quiet.refresh_from_db()
        late.refresh_from_db()
        fill(quiet, days_since_meeting=10)
        fill(late, days_since_meeting=200)
        codes = {pk: {s.code for s in found} for pk, found in signals_by_alliance([quiet, late], TODAY).items()}
        assert "no_face_to_face" not in codes[quiet.pk] and "no_face_to_face" in codes[late.pk]

    def test_the_queries_do_not_grow_with_the_alliances(self, make_alliance, django_assert_num_queries):
        few = [make_alliance(f"A{i}") for i in range(2)]
        for a in few:
            fill(a)
        with django_assert_num_queries(12):
            lives(few, TODAY)
        many = few + [make_alliance(f"B{i}") for i in range(6)]
        for a in many[2:]:
            fill(a)
        everyone = list(Alliance.objects.all())
        with django_assert_num_queries(12):
            lives(everyone, TODAY)
