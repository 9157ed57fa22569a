"""What needs attention now, shared by the page, the CLI and the reminders; and logging a meeting.

Every open signal of the workspace's alliances that have not ended, read through tracking/life.py (the
same signals the alliance page shows), in words (core/signal_wording.py), with the records each rests on
named and linked. A fixed number of queries, whatever the number of alliances and records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from dancecard.assessments.models import Assessment
from dancecard.core import timeline as t
from dancecard.core.errors import DancecardError
from dancecard.core.signal_wording import code_label, present_signal, signal_words
from dancecard.core.signals import Severity, Signal, load_signal_rules
from dancecard.core.text import text_problem
from dancecard.portfolio.models import Alliance
from dancecard.portfolio.stages import Stage
from dancecard.tracking.life import signals_by_alliance, today
from dancecard.tracking.models import (
    Commitment,
    Contact,
    HealthCheck,
    Interaction,
    Milestone,
    NextStep,
    RevenueShare,
    StageChange,
)
from dancecard.workspaces.access import Access, Permission
from dancecard.workspaces.cache import TTL_SECONDS
from dancecard.workspaces.models import Workspace

# The owner filter's value for alliances that name no owner (an owner's name is free text).
NOBODY = "-"


@dataclass(frozen=True)
class Record:
    """A record a signal rests on, named in words, with its page (or the alliance's when it has none)."""

    id: str
    label: str
    url: str


@dataclass(frozen=True)
class Attention:
    """One open signal of one alliance, with its words."""

    alliance: Alliance
    signal: Signal
    words: dict[str, Any]
    records: list[Record] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What a reminder remembers having told: this signal, of this alliance."""
        return f"signal:{self.alliance.pk}:{self.signal.code}"

    def as_data(self) -> dict[str, Any]:
        """Codes, numbers and words, as the CLI's JSON gives them."""
        return {
            "alliance": {"id": self.alliance.pk, "name": self.alliance.name, "owner": self.alliance.owner,
                         "stage": self.alliance.stage},
            "code": self.signal.code,
            "severity": self.signal.severity.value,
            "value": self.signal.value,
            "threshold": self.signal.threshold,
            "window_days": self.signal.window_days,
            "records": list(self.signal.records),
            "title": self.words["title"],
            "reason": self.words["reason"],
            "countermeasure": self.words["countermeasure"],
            "citation": self.words["source"]["citation"],
            "source": self.words["source"],
        }


def watched(workspace):
    """The alliances whose signals are watched: every one that has not ended."""
    return (Alliance.objects.filter(workspace=workspace).exclude(stage=Stage.ENDED)
            .only("pk", "workspace_id", "name", "owner", "stage", "created", "health_cadence_months"))


def owners(workspace) -> list[str]:
    """The alliance owners named in the workspace's watched alliances (for the filter), by name."""
    names = set(watched(workspace).order_by().values_list("owner", flat=True).distinct()) - {""}
    return sorted(names, key=str.casefold)


def open_signals(access: Access, severity: str = "", owner: str = "", on: date | None = None,
                 with_records: bool = False) -> list[Attention]:
    """Every open signal, most severe first, then by alliance; optionally of one severity or one owner."""
    access.require(Permission.VIEW)
    rows = all_open_signals(access.workspace, on or today())
    if owner:
        rows = [r for r in rows if r.alliance.owner == ("" if owner == NOBODY else owner)]
    if severity:
        rows = [r for r in rows if r.signal.severity == severity]
    return with_records(rows) if with_records else rows


def all_open_signals(workspace, on: date) -> list[Attention]:
    """Every open signal of the workspace on a day, kept in the cache until its records change or the day does.

    Reading a thousand alliances' lives takes a second or two; the page's filters and pages, the CLI and
    the reminders then share one reading. The version is read afresh: a caller's Workspace may be stale."""
    version, created = Workspace.objects.filter(pk=workspace.pk).values_list("version", "created").get()
    key = f"attention:{workspace.pk}:{created.timestamp()}:{version}:{on.isoformat()}"
    rows = cache.get(key)
    if rows is None:
        alliances = list(watched(workspace))
        found = signals_by_alliance(alliances, on)
        rows = [Attention(a, s, present_signal(s)) for a in alliances for s in found[a.pk]]
        rows.sort(key=lambda r: (r.signal.severity.rank, r.alliance.name.casefold(), r.alliance.pk, r.signal.code))
        cache.set(key, rows, TTL_SECONDS)
    return rows


def watched_signals() -> list[dict[str, str]]:
    """What Dancecard watches for, in words: each signal of the rules in force, by severity."""
    words = signal_words()
    rules = sorted(load_signal_rules().rules, key=lambda r: (r.severity.rank, r.code))
    return [{"code": r.code, "severity": r.severity.value,
             "severity_label": words["severity"].get(r.severity.value, r.severity.value),
             "title": words["signals"].get(r.code, {}).get("title", r.code)} for r in rules]


def severity_choices() -> list[tuple[str, str]]:
    words = signal_words()["severity"]
    return [(s.value, words.get(s.value, s.value)) for s in Severity]


# --- the records a signal rests on ------------------------------------------------------------------

def _day(d: date | None) -> str:
    return f"{d.day} {d:%b %Y}" if d else "no date"


# Record kind → (model, fields read, its words). One query per kind that some signal names.
_RECORDS = {
    t.RecordKind.CONTACT: (Contact, ("name", "left"),
                           lambda r: r.name + (f" (left {_day(r.left)})" if r.left else "")),
    t.RecordKind.INTERACTION: (Interaction, ("date", "kind"),
                               lambda r: f"{code_label('interaction_kind', r.kind)}, {_day(r.date)}"),
    t.RecordKind.MILESTONE: (Milestone, ("title", "due"), lambda r: f"{r.title} (due {_day(r.due)})"),
    t.RecordKind.COMMITMENT: (Commitment, ("kind", "title"),
                              lambda r: code_label("commitment_kind", r.kind) + (f" “{r.title}”" if r.title else "")),
    t.RecordKind.HEALTH_CHECK: (HealthCheck, ("opened", "closed"),
                                lambda r: f"Health check of {_day(r.closed or r.opened)}"),
    t.RecordKind.ASSESSMENT: (Assessment, ("completed",),
                              lambda r: f"Assessment of {_day(timezone.localdate(r.completed) if r.completed else None)}"),
    t.RecordKind.NEXT_STEP: (NextStep, ("text", "due"), lambda r: r.text + (f" (due {_day(r.due)})" if r.due else "")),
    t.RecordKind.REVENUE_SHARE: (RevenueShare, ("date", "percent"), lambda r: f"{r.percent}% of revenue, {_day(r.date)}"),
    t.RecordKind.STAGE_CHANGE: (StageChange, ("date", "stage"), lambda r: f"{Stage(r.stage).label}, {_day(r.date)}"),
}
# Where each kind of record is shown: its own page, or a page listing its alliance's records of that
# kind, else its section of the alliance page (the anchors of tracking/people and tracking/work).
_PAGES = {
    t.RecordKind.ASSESSMENT: ("assessment_result", "pk", ""),
    t.RecordKind.HEALTH_CHECK: ("health_check", "pk", ""),
    t.RecordKind.INTERACTION: ("interaction_list", "alliance_pk", ""),
    t.RecordKind.MILESTONE: ("alliance", "alliance", "#milestone-{pk}"),
    t.RecordKind.COMMITMENT: ("alliance", "alliance", "#commitment-{pk}"),
    t.RecordKind.CONTACT: ("alliance", "alliance", "#people"),
    t.RecordKind.NEXT_STEP: ("alliance", "alliance", "#next-step"),
    t.RecordKind.REVENUE_SHARE: ("alliance", "alliance", "#revenue-share"),
}


def record_page(kind: str, pk: int, alliance: Alliance) -> str:
    """The page that shows a record a signal rests on (the alliance's page when there is none)."""
    name, argument, anchor = _PAGES.get(t.RecordKind(kind), ("alliance", "alliance", ""))
    kwargs = {"pk": pk} if argument == "pk" else \
        {"alliance_pk": alliance.pk} if argument == "alliance_pk" else {"pk": alliance.pk}
    try:
        return reverse(name, kwargs=kwargs) + anchor.format(pk=pk)
    except NoReverseMatch:  # a page that is gone: the alliance still shows its records
        return alliance.get_absolute_url()


def with_records(rows: list[Attention]) -> list[Attention]:
    """The rows with the records their signals rest on, named and linked: one query per kind of record."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        for record in row.signal.records:
            kind, _, pk = record.partition(":")
            if pk.isdigit():
                wanted[kind].add(int(pk))
    named: dict[str, str] = {}
    for kind, pks in wanted.items():
        model, fields, words = _RECORDS[t.RecordKind(kind)]
        # The ids came from the workspace's own records; the workspace filter says so again.
        workspace = rows[0].alliance.workspace_id
        for obj in model.objects.filter(pk__in=pks, workspace_id=workspace).only("pk", *fields):
            named[f"{kind}:{obj.pk}"] = words(obj)
    done = []
    for row in rows:
        records = []
        for record in row.signal.records:
            kind, _, pk = record.partition(":")
            if record in named:
                records.append(Record(record, named[record], record_page(kind, int(pk), row.alliance)))
        done.append(Attention(row.alliance, row.signal, row.words, records))
    return done


# --- logging a meeting (the CLI's `dancecard log`) --------------------------------------------------

class BadInteraction(DancecardError):
    """An interaction that cannot be recorded, with the reason in plain words."""


def interaction_kinds() -> list[tuple[str, str]]:
    return [(k.value, code_label("interaction_kind", k.value)) for k in t.InteractionKind]


def log_interaction(access: Access, alliance: Alliance, kind: str, on: date, note: str = "", *,
                    decision_without_us: bool = False, cost_not_in_plan: bool = False,
                    terms_reopened: bool = False, user=None) -> Interaction:
    """Record a meeting, call or message with the partner (its history is kept, so it can be undone)."""
    access.require(Permission.EDIT)
    if alliance.workspace_id != access.workspace.pk:
        raise BadInteraction("That alliance is not in this workspace.")
    if kind not in {k.value for k in t.InteractionKind}:
        known = ", ".join(f"{value} ({label})" for value, label in interaction_kinds())
        raise BadInteraction(f"unknown kind {kind!r}; one of: {known}")
    note = note.strip()
    problem = text_problem(note, multiline=True)
    if problem:
        raise BadInteraction(f"the note {problem}")
    with transaction.atomic():
        return Interaction.objects.create(
            workspace=access.workspace, alliance=alliance, kind=kind, date=on, note=note,
            decision_without_us=decision_without_us, cost_not_in_plan=cost_not_in_plan,
            terms_reopened=terms_reopened, created_by=user)
