"""Reminder digests (issue 10): one email per owner and editor, with only what is new to them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dancecard.tracking import reminders
from dancecard.tracking.models import Interaction, Milestone, NextStep, ReminderSent
from dancecard.tracking.reminders import send_reminders
from dancecard.workspaces.models import Membership
from tests.conftest import make_member
from tests.tracking.test_attention import neglected

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def team(workspace, alice, bob):
    """alice (owner) and erin (editor) get digests; bob (viewer) and dan (editor, no email) do not."""
    erin = make_member(workspace, "erin", "editor")
    dan = make_member(workspace, "dan", "editor")
    dan.email = ""
    dan.save()
    return {"alice": alice, "erin": erin, "bob": bob, "dan": dan}


def sent_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


class TestADigest:
    def test_each_owner_and_editor_with_an_email_gets_one(self, team, workspace, make_alliance):
        neglected(make_alliance("Mitoken spin-off"))
        send_reminders(workspace)
        assert sent_to() == ["alice@example.org", "erin@example.org"]
        message = mail.outbox[0]
        assert message.subject == "[Dancecard] My firm: 2 new warning signals"
        assert "No recent face-to-face contact" in message.body and "No next step planned" in message.body
        assert "Next step: Face-to-face contact." in message.body
        assert "/attention/" in message.body and "/alliances/" in message.body

    def test_it_holds_the_dates_due_in_the_next_14_days(self, team, workspace, make_alliance):
        alliance = make_alliance("Quiet one")
        NextStep.objects.create(workspace=workspace, alliance=alliance, text="Call", due=TODAY + timedelta(days=30))
        Milestone.objects.create(workspace=workspace, alliance=alliance, title="Pilot", due=TODAY + timedelta(days=14),
                                 value_if_stopped="A prototype")
        Milestone.objects.create(workspace=workspace, alliance=alliance, title="Rollout", value_if_stopped="x",
                                 due=TODAY + timedelta(days=15))
        send_reminders(workspace)
        body = mail.outbox[0].body
        assert mail.outbox[0].subject == "[Dancecard] My firm: 1 date in the next 14 days"
        assert "milestone “Pilot” due" in body and "Rollout" not in body

    def test_nothing_new_no_email(self, team, workspace, make_alliance):
        neglected(make_alliance())
        send_reminders(workspace)
        mail.outbox.clear()
        outcomes = send_reminders(workspace)
        assert mail.outbox == [] and not any(o.sent for o in outcomes)

    def test_only_what_is_new_goes_out_the_next_time(self, team, workspace, make_alliance):
        alliance = neglected(make_alliance("Mitoken spin-off"))
        send_reminders(workspace)
        mail.outbox.clear()
        Interaction.objects.create(workspace=workspace, alliance=alliance, kind="call", date=TODAY,
                                   decision_without_us=True)
        send_reminders(workspace)
        assert sent_to() == ["alice@example.org", "erin@example.org"]
        body = mail.outbox[0].body
        assert "Decisions taken without you" in body and "No recent face-to-face contact" not in body

    def test_a_signal_that_clears_and_comes_back_is_news_again(self, team, workspace, make_alliance):
        alliance = neglected(make_alliance())
        send_reminders(workspace)
        step = NextStep.objects.create(workspace=workspace, alliance=alliance, text="Call", due=TODAY)
        send_reminders(workspace)  # next_step_none cleared: forgotten
        assert not ReminderSent.objects.filter(key__endswith=":next_step_none").exists()
        mail.outbox.clear()
        step.done = TODAY
        step.save()
        send_reminders(workspace)
        assert len(mail.outbox) == 2 and "No next step planned" in mail.outbox[0].body

    def test_a_new_member_gets_everything_open_in_their_first_digest(self, team, workspace, make_alliance):
        neglected(make_alliance())
        send_reminders(workspace)
        mail.outbox.clear()
        make_member(workspace, "fay", "owner")
        send_reminders(workspace)
        assert sent_to() == ["fay@example.org"] and "2 new warning signals" in mail.outbox[0].subject

    def test_a_member_who_left_gets_nothing(self, team, workspace, make_alliance):
        neglected(make_alliance())
        Membership.objects.filter(user=team["erin"]).delete()
        send_reminders(workspace)
        assert sent_to() == ["alice@example.org"]

    def test_another_workspace_is_its_own_business(self, team, workspace, charlie, outsider, make_alliance):
        neglected(make_alliance("Ours"))
        send_reminders(outsider["workspace"])
        assert sent_to() == ["charlie@example.org"]
        assert "Ours" not in mail.outbox[0].body and "Secret alliance" in mail.outbox[0].body


class TestADryRun:
    def test_it_sends_and_remembers_nothing(self, team, workspace, make_alliance):
        neglected(make_alliance())
        outcomes = send_reminders(workspace, dry_run=True)
        assert mail.outbox == [] and not ReminderSent.objects.exists()
        assert [len(o.digest.signals) for o in outcomes] == [2, 2]
        send_reminders(workspace)
        assert len(mail.outbox) == 2  # still all new


class TestAFailedEmail:
    def test_it_is_tried_again_the_next_time_and_the_others_still_go(self, team, workspace, make_alliance,
                                                                      monkeypatch):
        neglected(make_alliance())
        real = reminders.send_mail

        def flaky(subject, body, sender, to):
            if to == ["alice@example.org"]:
                raise OSError("connection refused")
            return real(subject, body, sender, to)

        monkeypatch.setattr(reminders, "send_mail", flaky)
        outcomes = send_reminders(workspace)
        assert sent_to() == ["erin@example.org"] and [o.error for o in outcomes] == ["connection refused", ""]
        monkeypatch.setattr(reminders, "send_mail", real)
        mail.outbox.clear()
        send_reminders(workspace)
        assert sent_to() == ["alice@example.org"]
