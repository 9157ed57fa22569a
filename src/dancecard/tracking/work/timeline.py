"""The alliance's life as one chronological story: every dated record, newest first.

One small reader per kind of record, one query each (postponements with their milestones in one),
so the page costs the same whatever the number of records. The words of kinds and events are the
core's (signal-words-en.toml: labels.record_kind, labels.timeline_event)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from dancecard.assessments.models import Assessment, Status
from dancecard.core import timeline as t
from dancecard.core.signal_wording import code_label
from dancecard.core.vocabulary import load_vocabulary
from dancecard.core.wording import band_label
from dancecard.portfolio.stages import iso_stage
from dancecard.tracking.life import today
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
from dancecard.tracking.work.services import commitment_name, fmt

# The kinds of record on the timeline, in the order of the filter.
KINDS = [str(k) for k in (t.RecordKind.INTERACTION, t.RecordKind.MILESTONE, t.RecordKind.COMMITMENT,
                          t.RecordKind.ASSESSMENT, t.RecordKind.HEALTH_CHECK, t.RecordKind.STAGE_CHANGE,
                          t.RecordKind.REVENUE_SHARE, t.RecordKind.NEXT_STEP)]
# The thesis's signs of opportunism an interaction can carry; their words are the model's field names.
FLAGS = ("decision_without_us", "cost_not_in_plan", "terms_reopened")
LEAVES_NOTHING = "Leaves nothing if the alliance stops here"


def kind_choices() -> list[tuple[str, str]]:
    return [(k, code_label("record_kind", k)) for k in KINDS]


@dataclass
class Entry:
    date: date
    kind: str  # a RecordKind
    event: str  # a code of labels.timeline_event
    title: str
    url: str
    detail: str = ""
    warning: str = ""
    order: int = 0  # ties on one day: a higher order first (a stage change heads its day), then by kind

    @property
    def label(self) -> str:
        return code_label("timeline_event", self.event)


@dataclass(frozen=True)
class Reading:
    alliance: object
    on: date
    page: str  # the alliance page: milestones, commitments and revenue shares have their place on it
    can_edit: bool


def _url(name: str, fallback: Callable[[int], str]) -> Callable[[int], str]:
    """A record's own page when that URL exists (pages of other parts of the app), else the fallback."""
    try:
        reverse(name, args=[1])
    except NoReverseMatch:
        return fallback
    return lambda pk: reverse(name, args=[pk])


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _interactions(r: Reading) -> Iterator[Entry]:
    # Editors open the meeting itself; viewers, who cannot open its form, the alliance's list of meetings.
    try:
        listing = reverse("interaction_list", args=[r.alliance.pk])  # type: ignore[attr-defined]
    except NoReverseMatch:
        listing = r.page
    url = _url("interaction_edit", lambda pk: listing) if r.can_edit else (lambda pk: listing)
    for i in Interaction.objects.filter(alliance=r.alliance).only("pk", "date", "kind", "note", *FLAGS):
        flags = [str(Interaction._meta.get_field(name).verbose_name) for name in FLAGS if getattr(i, name)]
        yield Entry(i.date, "interaction", "interaction", code_label("interaction_kind", i.kind), url(i.pk),
                    detail=_short(i.note), warning="; ".join(flags).capitalize())


def _milestones(r: Reading) -> Iterator[Entry]:
    def place(pk: int) -> str:
        return f"{r.page}#milestone-{pk}"

    for m in Milestone.objects.filter(alliance=r.alliance).only("pk", "title", "due", "status", "closed",
                                                                 "value_if_stopped"):
        status = t.MilestoneStatus(m.status)
        if status.is_open:
            yield Entry(m.due, "milestone", "milestone_due", m.title, place(m.pk),
                        warning="" if m.value_if_stopped.strip() else LEAVES_NOTHING)
        elif m.closed:
            yield Entry(m.closed, "milestone", f"milestone_{status}", m.title, place(m.pk))
    for p in (Postponement.objects.filter(milestone__alliance=r.alliance).select_related("milestone")
              .only("pk", "date", "reason", "previous_due", "new_due", "milestone__title")):
        moved = f"{fmt(p.previous_due)} → {fmt(p.new_due)}" + (f": {p.reason}" if p.reason else "")
        yield Entry(p.date, "milestone", "milestone_postponed", p.milestone.title, place(p.milestone_id), detail=moved)


def _commitments(r: Reading) -> Iterator[Entry]:
    for c in Commitment.objects.filter(alliance=r.alliance):
        place, name = f"{r.page}#commitment-{c.pk}", commitment_name(c)
        if c.signed != c.started:  # one recorded as signed, with no drafting date, was not seen drafted
            yield Entry(c.started, "commitment", "commitment_drafted", name, place)
        if c.signed:
            yield Entry(c.signed, "commitment", "commitment_signed", name, place,
                        detail=f"Kept in {c.document}" if c.document else "")
        if c.expires and c.status in (t.CommitmentStatus.SIGNED, t.CommitmentStatus.EXPIRED):
            yield Entry(c.expires, "commitment", "commitment_expires" if c.expires >= r.on else "commitment_expired",
                        name, place)


def _assessments(r: Reading) -> Iterator[Entry]:
    for a in (Assessment.objects.filter(alliance=r.alliance, status=Status.COMPLETE, respondent_of__isnull=True)
              .select_related("partner").only("pk", "status", "completed", "band", "instrument_name",
                                              "instrument_version", "partner__name")):
        about = f" about {a.partner.name}" if a.partner_id else ""
        yield Entry(timezone.localdate(a.completed), "assessment", "assessment_completed",
                    f"{a.instrument_label}{about}", a.get_absolute_url(), detail=band_label(a.band))


def _health_checks(r: Reading) -> Iterator[Entry]:
    url = _url("health_check", lambda pk: f"{r.page}#health")
    for h in HealthCheck.objects.filter(alliance=r.alliance, closed__isnull=False).only("pk", "closed", "ours",
                                                                                         "partner"):
        scores = [f"{side} {score:.0f}" for side, score in (("ours", h.ours), ("partner's", h.partner))
                  if score is not None]
        yield Entry(h.closed, "health_check", "health_check_closed", "Health check", url(h.pk),
                    detail=f"Scores: {', '.join(scores)} of 100" if scores else "No answers")


def _stage_changes(r: Reading) -> Iterator[Entry]:
    vocabulary = load_vocabulary()
    for s in StageChange.objects.filter(alliance=r.alliance):
        try:
            iso = iso_stage(s.stage)
        except (ValueError, KeyError):
            iso = ""
        yield Entry(s.date, "stage_change", "stage_change", vocabulary.label(f"stage.{s.stage}"), r.page,
                    detail=iso, order=1)


def _revenue_shares(r: Reading) -> Iterator[Entry]:
    for share in RevenueShare.objects.filter(alliance=r.alliance):
        yield Entry(share.date, "revenue_share", "revenue_share", f"{share.percent:g} % of our revenue",
                    f"{r.page}#revenue-share")


def _next_steps(r: Reading) -> Iterator[Entry]:
    place = f"{r.page}#next-step"
    for n in NextStep.objects.filter(alliance=r.alliance).only("pk", "text", "due", "done", "created"):
        if n.done:
            yield Entry(n.done, "next_step", "next_step_done", n.text, place)
        elif n.due:
            yield Entry(n.due, "next_step", "next_step_due", n.text, place, warning="Late" if n.due < r.on else "")
        else:
            yield Entry(timezone.localdate(n.created), "next_step", "next_step_planned", n.text, place)


READERS: dict[str, Callable[[Reading], Iterator[Entry]]] = {
    "interaction": _interactions, "milestone": _milestones, "commitment": _commitments,
    "assessment": _assessments, "health_check": _health_checks, "stage_change": _stage_changes,
    "revenue_share": _revenue_shares, "next_step": _next_steps,
}


def timeline(alliance, kinds: list[str] | None = None, on: date | None = None, can_edit: bool = False) -> list[Entry]:
    """Every dated event of the alliance's life, newest first: one query per kind, whatever the number of records."""
    reading = Reading(alliance=alliance, on=on or today(), page=alliance.get_absolute_url(), can_edit=can_edit)
    entries = [entry for kind in KINDS if kind in set(kinds or KINDS) for entry in READERS[kind](reading)]
    entries.sort(key=lambda e: (e.date, e.order, -KINDS.index(e.kind)), reverse=True)
    return entries


def by_month(entries: list[Entry]) -> list[tuple[date, list[Entry]]]:
    """Consecutive entries grouped under the first day of their month."""
    groups: list[tuple[date, list[Entry]]] = []
    for entry in entries:
        month = entry.date.replace(day=1)
        if groups and groups[-1][0] == month:
            groups[-1][1].append(entry)
        else:
            groups.append((month, [entry]))
    return groups
