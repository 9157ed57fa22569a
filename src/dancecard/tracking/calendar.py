"""The dates an alliance owner must not miss, as a list and as an iCalendar feed.

Three kinds of date: an open milestone's due date, the day a signed commitment lapses, and the day
the next health check is due. The last is the day the `health_check_overdue` signal starts to fire
(the last closed check, or the day the alliance was committed, plus its cadence in whole months), so
the calendar and the needs-attention page never disagree. Reminders (reminders.py) read the same list.

Ended alliances have no dates: nothing is left to save. Five queries, whatever the number of alliances."""

from __future__ import annotations

import calendar as _calendar
import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone

from django.db.models import Count, Max, Min
from django.utils import timezone
from icalendar import Calendar, Event

from dancecard.accounts.tokens import digest, new_secret
from dancecard.core import timeline as t
from dancecard.core.signal_wording import code_label
from dancecard.core.signals import load_signal_rules
from dancecard.portfolio.models import Alliance
from dancecard.portfolio.stages import Stage
from dancecard.tracking.life import today
from dancecard.tracking.models import CalendarFeed, Commitment, HealthCheck, Milestone, StageChange
from dancecard.workspaces.access import Access, Permission
from dancecard.workspaces.models import Membership

HEALTH_RULE = "health_check_overdue"
PRODID = "-//Dancecard//Alliance dates//EN"


class Kind(enum.StrEnum):
    MILESTONE = "milestone"
    COMMITMENT = "commitment"
    HEALTH_CHECK = "health_check"


@dataclass(frozen=True)
class DueDate:
    kind: Kind
    # Stable across fetches and date changes (a postponed milestone moves, it is not a new event).
    key: str
    date: date
    alliance_id: int
    alliance_name: str
    title: str
    detail: str

    @property
    def summary(self) -> str:
        return f"{self.alliance_name}: {self.title}"


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def months_after(start: date, months: int) -> date:
    """The first day on which `months` whole months have passed since `start`.

    The same count the health-check signal makes: 31 January plus one month is 1 March, since
    28 February is not yet a whole month on."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if start.day <= _calendar.monthrange(year, month)[1]:
        return date(year, month, start.day)
    return date(year, month, _calendar.monthrange(year, month)[1]) + timedelta(days=1)


def health_check_due(started: date, reached: date | None, last_check: date | None, cadence_months: int) -> date:
    """When the next health check is due: the cadence counted from the last check, or from the day the
    alliance reached the stage where checks begin (never before it was first recorded)."""
    start = max(started, reached) if reached else started
    since = max(start, last_check) if last_check else start
    return months_after(since, cadence_months)


def _later_stages(stage: t.Stage) -> list[str]:
    return [s.value for s in t.Stage if s.rank >= stage.rank]


def due_dates(workspace, alliance_id: int | None = None, on: date | None = None) -> list[DueDate]:
    """Every date of the workspace's alliances that have not ended (or of one alliance), soonest first."""
    on = on or today()
    alliances = Alliance.objects.filter(workspace=workspace).exclude(stage=Stage.ENDED)
    if alliance_id is not None:
        alliances = alliances.filter(pk=alliance_id)
    by_pk = {a.pk: a for a in alliances.only("pk", "name", "owner", "stage", "created", "health_cadence_months")}
    # The records are filtered through their alliance in the database, not by a list of ids:
    # a list of a thousand ids is a thousand query parameters.
    of_these = {"alliance__workspace": workspace}
    if alliance_id is not None:
        of_these["alliance_id"] = alliance_id
    found: list[DueDate] = []

    open_statuses = [s.value for s in t.MilestoneStatus if s.is_open]
    for m in (Milestone.objects.filter(status__in=open_statuses, **of_these).annotate(times=Count("postponements"))
              .only("pk", "alliance_id", "title", "due", "owner", "status")):
        alliance = by_pk.get(m.alliance_id)
        if alliance is None:
            continue
        notes = [f"Status: {code_label('milestone_status', m.status)}."]
        if m.times:
            notes.append(f"Postponed {m.times} time{'s' if m.times != 1 else ''} so far.")
        if m.owner:
            notes.append(f"Who sees to it: {m.owner}.")
        found.append(DueDate(Kind.MILESTONE, f"milestone:{m.pk}", m.due, alliance.pk, alliance.name,
                             f"milestone “{m.title}” due", " ".join(notes)))

    for c in (Commitment.objects.filter(status=t.CommitmentStatus.SIGNED, expires__isnull=False, **of_these)
              .only("pk", "alliance_id", "kind", "title", "expires", "signed", "renewal")):
        alliance = by_pk.get(c.alliance_id)
        if alliance is None:
            continue
        what = code_label("commitment_kind", c.kind) + (f" “{c.title}”" if c.title else "")
        notes = [f"The last day the signed {code_label('commitment_kind', c.kind)} is in force."]
        if c.renewal:
            notes.append(f"Renewal: {code_label('renewal', c.renewal)}.")
        found.append(DueDate(Kind.COMMITMENT, f"commitment:{c.pk}", c.expires, alliance.pk, alliance.name,
                             f"{what} lapses", " ".join(notes)))

    found += _health_checks_due(workspace, by_pk, of_these, on)
    return sorted(found, key=lambda d: (d.date, d.alliance_name.casefold(), d.alliance_id, d.key))


def _health_checks_due(workspace, by_pk: dict[int, Alliance], of_these: dict, on: date) -> list[DueDate]:
    rule = load_signal_rules().rule(HEALTH_RULE)
    if rule is None:  # an organisation's rules may drop the signal, and with it the reminder
        return []
    from_stage = rule.from_stage or t.Stage.PROSPECT
    watched = {pk: a for pk, a in by_pk.items() if t.Stage(a.stage).rank >= from_stage.rank}
    if not watched:
        return []
    last = dict(HealthCheck.objects.filter(closed__isnull=False, closed__lte=on, **of_these)
                .values_list("alliance_id").annotate(last=Max("closed")).order_by())
    reached = dict(StageChange.objects.filter(stage__in=_later_stages(from_stage), date__lte=on, **of_these)
                   .values_list("alliance_id").annotate(first=Min("date")).order_by())
    found = []
    for pk, alliance in watched.items():
        cadence = alliance.health_cadence_months or int(rule.threshold or 6)
        due = health_check_due(timezone.localdate(alliance.created), reached.get(pk), last.get(pk), cadence)
        since = f"the last check on {day_text(last[pk])}" if pk in last else \
            f"the day it reached the stage “{Stage(from_stage.value).label}”"
        found.append(DueDate(Kind.HEALTH_CHECK, f"health_check:{pk}", due, pk, alliance.name, "health check due",
                             f"Every {cadence} month{'s' if cadence != 1 else ''}, counted from {since}: "
                             "run it with your team and the partner's people."))
    return found


def build_calendar(dates: list[DueDate], name: str, link_of, stamp: datetime | None = None) -> bytes:
    """An iCalendar file of all-day events; `link_of(alliance_id)` gives each event's URL."""
    stamp = stamp or datetime.now(dt_timezone.utc)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # An X- property is written as given: a line break kept in an older record's name would end the line there
    # (a property of the attacker's choosing) or stop the feed. Every event text below is escaped by icalendar.
    cal.add("x-wr-calname", " ".join(name.split()))
    # How often a calendar app should look again (RFC 7986, and the older Microsoft name).
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    for due in dates:
        event = Event()
        event.add("uid", f"{due.key.replace(':', '-')}@dancecard")
        event.add("dtstamp", stamp)
        event.add("dtstart", due.date)
        event.add("dtend", due.date + timedelta(days=1))
        event.add("summary", due.summary)
        link = link_of(due.alliance_id)
        event.add("description", f"{due.detail}\n{link}")
        event.add("url", link)
        event.add("categories", [due.kind.replace("_", " ")])
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not make anyone busy
        cal.add_component(event)
    return cal.to_ical()


# --- private feed links ---------------------------------------------------------------------------

FEED_PREFIX = "dcf_"


class FeedError(Exception):
    """A feed link that cannot be made, with the reason in plain words."""


def make_feed(access, alliance: Alliance | None = None) -> tuple[CalendarFeed, str]:
    """A new private feed link for the access's user: the secret is returned once and never stored."""
    if access is None or access.user is None:
        raise FeedError("Join or create a workspace first: a calendar link shows one workspace's dates.")
    access.require(Permission.VIEW)
    if alliance is not None and alliance.workspace_id != access.workspace.pk:
        raise FeedError("That alliance is not in this workspace.")
    secret = new_secret(FEED_PREFIX)
    feed = CalendarFeed.objects.create(user=access.user, workspace=access.workspace, alliance=alliance,
                                       prefix=secret[: len(FEED_PREFIX) + 4], digest=digest(secret))
    return feed, secret


def revoke_feed(user, feed_id: int) -> CalendarFeed | None:
    feed = CalendarFeed.objects.filter(user=user, pk=feed_id, revoked__isnull=True).first()
    if feed is not None:
        feed.revoked = timezone.now()
        feed.save(update_fields=["revoked"])
    return feed


def feed_access(secret: str) -> tuple[CalendarFeed, Access] | None:
    """The feed and what it may read now: its user's current role in its workspace; None if nothing."""
    feed = (CalendarFeed.objects.select_related("user", "workspace", "alliance")
            .filter(digest=digest(secret), revoked__isnull=True).first())
    if feed is None or not feed.user.is_active:
        return None
    role = Membership.objects.filter(user=feed.user, workspace=feed.workspace).values_list("role", flat=True).first()
    if role is None:
        return None  # they left the workspace: its dates are no longer theirs to see
    now = timezone.now()
    if feed.last_used is None or now - feed.last_used > timedelta(minutes=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used=now)  # at most once a minute
    return feed, Access(workspace=feed.workspace, role=role, user=feed.user)
