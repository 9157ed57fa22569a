"""Reminder digests: one email to each owner and editor of a workspace with what is new since the last.

What is new: a warning signal open now that this member was not told about (the same signals as the
needs-attention page), and a date due in the next DAYS_AHEAD days (calendar.py) not mailed to them yet.
What was told is remembered (ReminderSent) until it is no longer open or due, so a signal that clears
and comes back is news again, and a postponed milestone's new date is news too. Nothing new: no email.

`dancecard remind` runs this once, or over and over with --loop (or from cron)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from dancecard.tracking.attention.services import Attention, open_signals
from dancecard.tracking.calendar import DueDate, due_dates
from dancecard.tracking.life import today
from dancecard.tracking.models import ReminderSent
from dancecard.web.links import absolute_url
from dancecard.workspaces.access import Access
from dancecard.workspaces.models import Membership, Role, Workspace

log = logging.getLogger(__name__)
DAYS_AHEAD = 14
# Who gets digests: the members who can act on a signal.
ROLES = (Role.OWNER, Role.EDITOR)


def due_key(due: DueDate) -> str:
    return f"due:{due.key}:{due.date.isoformat()}"


@dataclass
class Digest:
    """What one member is told in one email."""

    workspace: Workspace
    user: object
    email: str
    signals: list[Attention] = field(default_factory=list)
    dates: list[DueDate] = field(default_factory=list)
    on: date | None = None
    # What this member was told that is no longer open or due: forgotten, so if it comes back it is news.
    stale: set[str] = field(default_factory=set)

    @property
    def is_empty(self) -> bool:
        return not self.signals and not self.dates

    @property
    def keys(self) -> set[str]:
        return {s.key for s in self.signals} | {due_key(d) for d in self.dates}

    @property
    def subject(self) -> str:
        parts = []
        if self.signals:
            parts.append(f"{len(self.signals)} new warning signal{'s' if len(self.signals) != 1 else ''}")
        if self.dates:
            parts.append(f"{len(self.dates)} date{'s' if len(self.dates) != 1 else ''} in the next {DAYS_AHEAD} days")
        return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{self.workspace.name}: {' and '.join(parts)}"

    def text(self) -> str:
        def link(pk: int) -> str:
            return absolute_url(reverse("alliance", args=[pk]))

        return render_to_string("tracking/attention/reminder_email.txt", {
            "digest": self, "days": DAYS_AHEAD, "user": self.user,
            "signals": [(row, link(row.alliance.pk)) for row in self.signals],
            "dates": [(due, link(due.alliance_id)) for due in self.dates],
            "attention_url": absolute_url(reverse("attention")),
            "calendar_url": absolute_url(reverse("calendar_links")),
        })


@dataclass
class Outcome:
    digest: Digest
    sent: bool = False
    error: str = ""


def recipients(workspace: Workspace) -> list[Membership]:
    """Owners and editors with an email address, whose account is active."""
    return list(Membership.objects.filter(workspace=workspace, role__in=ROLES, user__is_active=True)
                .exclude(user__email="").select_related("user").order_by("user__username", "pk"))


def digests(workspace: Workspace, on: date | None = None) -> list[Digest]:
    """Each recipient's digest of what is new to them."""
    on = on or today()
    # Reading for the reminder job: it tells each recipient only what their own role lets them read.
    rows = open_signals(Access(workspace=workspace, role=Role.OWNER), on=on)
    ahead = [d for d in due_dates(workspace, on=on) if on <= d.date <= on + timedelta(days=DAYS_AHEAD)]
    current = {r.key for r in rows} | {due_key(d) for d in ahead}
    members = recipients(workspace)
    told: dict[int, set[str]] = {}
    for user_id, key in ReminderSent.objects.filter(workspace=workspace, user__in=[m.user for m in members]) \
            .values_list("user_id", "key"):
        told.setdefault(user_id, set()).add(key)
    found = []
    for m in members:
        seen = told.get(m.user_id, set())
        found.append(Digest(workspace, m.user, m.user.email, [r for r in rows if r.key not in seen],
                            [d for d in ahead if due_key(d) not in seen], on, seen - current))
    return found


def send_reminders(workspace: Workspace, on: date | None = None, dry_run: bool = False) -> list[Outcome]:
    """Mail each recipient their digest if it holds anything new; remember what was told.

    A dry run builds the digests and sends and remembers nothing. A failed email is remembered as
    not told, so the next run tries again."""
    outcomes = []
    for digest in digests(workspace, on):
        outcome = Outcome(digest)
        outcomes.append(outcome)
        if dry_run:
            continue
        if not digest.is_empty:
            try:
                send_mail(digest.subject, digest.text(), None, [digest.email])
            except Exception as exc:  # an SMTP server down must not stop the other members' digests
                log.exception("reminder to %s failed", digest.email)
                outcome.error = str(exc) or exc.__class__.__name__
                continue
            outcome.sent = True
        _remember(workspace, digest)
    return outcomes


def _remember(workspace: Workspace, digest: Digest) -> None:
    now = timezone.now()
    with transaction.atomic():
        if digest.stale:
            ReminderSent.objects.filter(workspace=workspace, user=digest.user, key__in=digest.stale).delete()
        ReminderSent.objects.bulk_create(
            [ReminderSent(workspace=workspace, user=digest.user, key=key, sent=now) for key in sorted(digest.keys)],
            ignore_conflicts=True)
