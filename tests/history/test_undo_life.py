"""The alliance's life on its History page, and its undo: people, meetings, milestones (with their postponements),
commitments and next steps. Their delete pages promise the History page can bring them back: it does."""

from datetime import date

import pytest
from django.urls import reverse

from dancecard.history.services import alliance_history
from dancecard.tracking.models import Commitment, Contact, Interaction, Milestone, NextStep, Postponement
from dancecard.tracking.work.services import postpone
from tests.history.conftest import messages_of, record, undo, undo_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance(make_alliance):
    return make_alliance()


@pytest.fixture
def life(alliance, workspace):
    ws = {"workspace": workspace, "alliance": alliance}
    ann = Contact.objects.create(**ws, name="Ann Lee", side="ours", level="executive")
    raj = Contact.objects.create(**ws, name="Raj Patel", side="partner", known_by=ann)
    meeting = Interaction.objects.create(**ws, date=date(2026, 3, 12), kind="face_to_face", note="Pricing talk",
                                         terms_reopened=True, initiated_by="partner")
    meeting.ours.add(ann)
    meeting.theirs.add(raj)
    milestone = Milestone.objects.create(**ws, title="Pilot live", due=date(2026, 5, 1), owner="Ann")
    commitment = Commitment.objects.create(**ws, kind="mou", title="Pilot", started=date(2026, 1, 10))
    step = NextStep.objects.create(**ws, text="Send the draft MoU", due=date(2026, 4, 1))
    return {"ann": ann, "raj": raj, "meeting": meeting, "milestone": milestone, "commitment": commitment,
            "step": step}


def page(client, alliance) -> str:
    return client.get(reverse("alliance_history", args=[alliance.pk])).content.decode()


class TestLifeDeletionsUndone:
    def test_a_contact_comes_back_and_is_known_again(self, client, alliance, life):
        raj = life["raj"]
        response = client.post(reverse("contact_delete", args=[raj.pk]), follow=True)
        assert "History page can bring them back" in messages_of(response)[-1]
        ann = life["ann"]
        client.post(reverse("contact_delete", args=[ann.pk]))
        assert "Person <strong>Ann Lee</strong> deleted" in page(client, alliance)

        undo(client, "contact", record("contact", raj.pk, "-"))
        response = undo(client, "contact", record("contact", ann.pk, "-"))
        assert messages_of(response)[-1].startswith("Ann Lee is back.")
        back = Contact.objects.get(pk=raj.pk)
        assert (back.name, back.side, back.known_by_id) == ("Raj Patel", "partner", ann.pk)
        assert Contact.objects.get(pk=ann.pk).level == "executive"

    def test_a_meeting_comes_back_without_its_attendees_and_says_so(self, client, alliance, life):
        meeting = life["meeting"]
        created = meeting.created
        response = client.post(reverse("interaction_delete", args=[meeting.pk]), follow=True)
        assert "History page can bring it back" in messages_of(response)[-1]
        assert "Face-to-face meeting on 12 Mar 2026</strong> deleted" in page(client, alliance)

        response = undo(client, "interaction", record("interaction", meeting.pk, "-"))
        assert messages_of(response)[-1] == ("Face-to-face meeting on 12 Mar 2026 restored; who attended was not "
                                             "kept: tick them again.")
        back = Interaction.objects.get(pk=meeting.pk)
        assert (back.date, back.kind, back.note, back.terms_reopened, back.initiated_by, back.created) == (
            date(2026, 3, 12), "face_to_face", "Pricing talk", True, "partner", created)
        assert not back.ours.exists() and not back.theirs.exists()

    def test_a_milestone_comes_back_with_its_postponements(self, client, alliance, life):
        milestone = life["milestone"]
        postpone(milestone, date(2026, 6, 1), "Budget freeze")
        postpone(milestone, date(2026, 7, 1), "Reorganisation")
        response = client.post(reverse("milestone_delete", args=[milestone.pk]), follow=True)
        assert "History page can bring it back, with its postponements" in messages_of(response)[-1]
        assert not Postponement.objects.filter(milestone_id=milestone.pk).exists()

        response = undo(client, "milestone", record("milestone", milestone.pk, "-"))
        assert messages_of(response)[-1] == "Milestone “Pilot live” is back, with its 2 postponements."
        back = Milestone.objects.get(pk=milestone.pk)
        assert (back.due, back.status) == (date(2026, 7, 1), "postponed")
        assert list(back.postponements.values_list("reason", flat=True)) == ["Budget freeze", "Reorganisation"]

    def test_a_commitment_comes_back(self, client, alliance, life):
        commitment = life["commitment"]
        client.post(reverse("commitment_delete", args=[commitment.pk]))
        response = undo(client, "commitment", record("commitment", commitment.pk, "-"))
        assert messages_of(response)[-1] == "Memorandum of understanding (MoU) “Pilot” is back."
        assert Commitment.objects.get(pk=commitment.pk).started == date(2026, 1, 10)

    def test_a_next_step_comes_back(self, client, alliance, life):
        step = life["step"]
        pk = step.pk
        step.delete()
        assert "Next step “Send the draft MoU”</strong> deleted" in page(client, alliance)
        response = undo(client, "next_step", record("next_step", pk, "-"))
        assert messages_of(response)[-1] == "Next step “Send the draft MoU” is back."
        assert NextStep.objects.get(pk=pk).due == date(2026, 4, 1)

    def test_a_deletion_already_undone_is_not_undone_twice(self, client, alliance, life):
        commitment = life["commitment"]
        client.post(reverse("commitment_delete", args=[commitment.pk]))
        deleted = record("commitment", commitment.pk, "-")
        undo(client, "commitment", deleted)
        response = undo(client, "commitment", deleted)
        assert messages_of(response)[-1] == "Not undone: it is already back."
        assert Commitment.objects.filter(pk=commitment.pk).count() == 1


class TestLifeEditsUndone:
    def test_an_edit_is_shown_in_words_and_undone(self, client, alliance, life):
        commitment = life["commitment"]
        commitment.status, commitment.signed = "signed", date(2026, 2, 1)
        commitment.save()
        text = page(client, alliance)
        assert "Draft → <strong>Signed</strong>" in text and "— → <strong>1 Feb 2026</strong>" in text

        response = undo(client, "commitment", record("commitment", commitment.pk, "~"))
        commitment.refresh_from_db()
        assert (commitment.status, commitment.signed) == ("draft", None)
        assert "are back as they were" in messages_of(response)[-1]

    def test_undoing_a_postponement_takes_its_record_away(self, client, alliance, life):
        milestone = life["milestone"]
        postpone(milestone, date(2026, 6, 1), "Budget freeze")
        undo(client, "milestone", record("milestone", milestone.pk, "~"))
        milestone.refresh_from_db()
        assert (milestone.due, milestone.status) == (date(2026, 5, 1), "planned")
        assert not milestone.postponements.exists()

    def test_a_stale_undo_is_refused_and_changes_nothing(self, client, alliance, life):
        step = life["step"]
        step.text = "Send the MoU"
        step.save()
        first = record("next_step", step.pk, "~")
        step.text = "Send the signed MoU"
        step.save()

        response = undo(client, "next_step", first)
        step.refresh_from_db()
        assert step.text == "Send the signed MoU"
        assert messages_of(response)[-1] == ("Not undone: Text has been changed again since "
                                             "(it is now “Send the signed MoU”). Undo the later change first.")

    def test_undoing_a_creation_deletes_it_and_that_can_be_undone(self, client, alliance, life):
        meeting = life["meeting"]
        assert "Face-to-face meeting on 12 Mar 2026</strong> logged" in page(client, alliance)
        response = undo(client, "interaction", record("interaction", meeting.pk, "+"))
        assert not Interaction.objects.filter(pk=meeting.pk).exists()
        assert "Its undo is in the alliance's history" in messages_of(response)[-1]
        undo(client, "interaction", record("interaction", meeting.pk, "-"))
        assert Interaction.objects.filter(pk=meeting.pk).exists()
        entries = alliance_history(alliance)
        assert (entries[0].model, entries[0].kind, entries[0].is_undo) == ("interaction", "restored", True)


class TestLifeUndoAccess:
    @pytest.mark.parametrize("key", ["contact", "interaction", "milestone", "commitment", "next_step"])
    def test_a_viewer_gets_403_and_another_workspace_404(self, as_bob, as_charlie, life, key):
        obj = life[{"contact": "raj", "interaction": "meeting", "next_step": "step"}.get(key, key)]
        pk = obj.pk
        obj.delete()
        deleted = record(key, pk, "-")
        assert as_bob.post(undo_url(key, deleted)).status_code == 403
        assert as_charlie.post(undo_url(key, deleted)).status_code == 404
        assert not type(obj).objects.filter(pk=pk).exists()


class TestAssessmentNames:
    def test_an_assessment_is_named_by_the_day_it_was_completed_and_twins_by_their_start(self, client, alliance):
        from datetime import datetime, timezone as tz

        from django.utils.formats import date_format
        from django.utils.timezone import localtime

        from dancecard.assessments.models import Assessment
        from dancecard.assessments.services import assess_now
        from tests.conftest import QUICK_STRONG

        first = assess_now(alliance, "quick", QUICK_STRONG)
        Assessment.objects.filter(pk=first.pk).update(created=datetime(2026, 1, 5, 9, 30, tzinfo=tz.utc))
        first.refresh_from_db()
        day = date_format(localtime(first.completed), "j M Y")
        response = client.post(reverse("assessment_delete", args=[first.pk]), follow=True)
        assert messages_of(response)[-1].startswith(f"Quick assessment of {day} deleted")

        one, two = assess_now(alliance, "quick", QUICK_STRONG), assess_now(alliance, "quick", QUICK_STRONG)
        text = page(client, alliance)
        for twin in (one, two):
            assert f"Quick assessment of {day} (started {date_format(localtime(twin.created), 'H:i')})" in text
