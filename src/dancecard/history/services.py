"""What happened to an alliance (or a partner), read from the records django-simple-history keeps.

Every save and delete of a partner, an alliance, a membership, an assessment, a team round or a record of the
alliance's life (a person, a meeting, a milestone, a commitment, a next step) leaves a historical record: the whole row as it was, who made the change ("+" created, "~" changed, "-" deleted). This
module turns those records into entries — when, who, what, and whether it can be undone — in codes
and field names; the templates say it in words (templatetags/history_words.py).

A draft's answers are saved at every step (and by htmx as you go): those saves are grouped into one
"answers edited" entry per assessment, person and day, so the history shows what people did, not
every keystroke. A respondent's answers in a team round are theirs alone (assessments/privacy.py):
they never appear here; a team round's opening, title edits, closing, reopening and deletion do (its deletion
takes the respondents and their answers with it, and its undo brings them all back).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.db.models import Count, Field, Model, Q
from django.utils.formats import date_format
from django.utils.timezone import localdate

from dancecard.assessments.models import Assessment, Status
from dancecard.core.signal_wording import code_label
from dancecard.portfolio.models import Alliance, AllianceMember, Partner
from dancecard.rounds.models import Respondent, Round, RoundStatus
from dancecard.rounds.services import ROUND_DELETED
from dancecard.tracking.models import Commitment, Contact, Interaction, Milestone, NextStep

# The kinds of record an entry (and an undo) can be about, as they appear in URLs.
MODELS: dict[str, type[Model]] = {
    "partner": Partner, "alliance": Alliance, "member": AllianceMember, "assessment": Assessment, "round": Round,
    # The alliance's life: its people, meetings, milestones (a milestone's postponements go and come back with
    # it), commitments and next steps.
    "contact": Contact, "interaction": Interaction, "milestone": Milestone, "commitment": Commitment,
    "next_step": NextStep,
}
LIFE = ("contact", "interaction", "milestone", "commitment", "next_step")

# Never shown as changes: bookkeeping every save moves on.
BOOKKEEPING = frozenset({"id", "workspace", "created", "updated", "revision"})
NOT_SHOWN = {
    "partner": frozenset(),
    "alliance": frozenset(),
    "member": frozenset({"alliance", "partner"}),  # a membership's alliance and partner never change
    # Answers are summed up as "answers edited"; the result and its copies change only on completion.
    "assessment": frozenset({"alliance", "instrument_name", "instrument_version", "answers", "result", "band",
                             "summary", "completed"}),
    # A round's title is edited (and undone) here; its closing and reopening are entries of their own, undone
    # with the round's Reopen and Close buttons; the rest follows from those or is the links' business.
    "round": frozenset({"alliance", "instrument_name", "instrument_version", "status", "consensus",
                        "closing_summary", "closed", "links_expire"}),
    "contact": frozenset({"alliance"}),
    "interaction": frozenset({"alliance", "created_by"}),  # who attended is not recorded (no m2m history)
    "milestone": frozenset({"alliance"}),
    "commitment": frozenset({"alliance"}),
    "next_step": frozenset({"alliance"}),
}
# Not read for the list: a draft saved a hundred times would otherwise load its answers a hundred times.
HEAVY = ("answers", "result", "summary")

# The start of the change reason a round's deletion leaves (the rest names the deletion).
ROUND_DELETED_PREFIX = ROUND_DELETED.split("{", 1)[0]

# The change reason recorded on what an undo saves or deletes (history_change_reason holds 100 characters).
UNDO_REASON = "undo {model}:{history_id}"

PAGE_SIZE = 30


class Kind(enum.StrEnum):
    CREATED = "created"  # a membership: the partner joined
    RESTORED = "restored"  # created again by an undo of its deletion
    CHANGED = "changed"
    DELETED = "deleted"  # a membership: the partner left
    ANSWERS = "answers"  # a draft's answers saved (grouped)
    COMPLETED = "completed"
    CLOSED = "closed"  # a team round closed
    REOPENED = "reopened"  # a team round reopened


class Blocked(enum.StrEnum):
    """Why a change cannot be undone (the undo refuses with the same code, and says it in words)."""

    CHANGED_SINCE = "changed_since"  # a field it changed has been changed again since
    GONE = "gone"  # the record has been deleted since
    BACK = "back"  # a deletion already undone: the record exists again
    FROZEN = "frozen"  # a completed assessment's answers and completion stay as they are
    IN_USE = "in_use"  # a partner alliances or assessments use cannot be deleted
    LAST_PARTNER = "last_partner"  # an alliance keeps at least one partner
    TARGET_GONE = "target_gone"  # it pointed at a record (an assessment) that has been deleted since
    ALLIANCE_GONE = "alliance_gone"
    PARTNER_GONE = "partner_gone"
    CONSENSUS = "consensus"  # a team round's consensus assessment stays while the round does
    NOT_KEPT = "not_kept"  # a deleted alliance no longer kept on the Data page
    REJECTED = "rejected"  # restoring a kept alliance was refused by the import's checks
    NOTHING = "nothing"  # nothing recorded before it, or no change to undo
    ROUND_PAGE = "round_page"  # a round's opening, closing and reopening are undone with its own page's buttons
    CONSENSUS_GONE = "consensus_gone"  # a deleted round's consensus assessment has been deleted since
    LINK_TAKEN = "link_taken"  # a deleted round's private link is another respondent's now


@dataclass(frozen=True)
class AssessmentRef:
    """Enough of an assessment to name it: "Quick assessment of 3 Dec 2026, about Oracle" (the day it was
    completed, else started; with the time it was started when another of the alliance's shares that day)."""

    pk: int
    label: str = ""
    created: datetime | None = None
    partner: str = ""
    completed: datetime | None = None
    clash: bool = False

    @property
    def day(self):
        when = self.completed or self.created
        return localdate(when) if when else None


@dataclass
class Change:
    model: str
    field: str  # the model field's name; for relations the value is the related id (or a ref, for display)
    old: Any
    new: Any


@dataclass
class Entry:
    model: str
    kind: Kind
    when: datetime
    user: str  # the username, or "" when nobody signed in made it (the CLI, an import, a migration)
    object_id: int
    history_id: int  # the record an undo of this entry acts on
    name: str = ""  # the partner's or alliance's name then; a membership's partner
    assessment: AssessmentRef | None = None
    changes: list[Change] = field(default_factory=list)
    role: str = ""  # a membership's role when the partner joined
    is_undo: bool = False  # this entry is itself an undo
    count: int = 1  # answer saves grouped into this entry
    blocked: str = ""  # why it cannot be undone ("" = it can)
    opened: datetime | None = None  # a team round's opening (it names a round without a title)
    respondents: int = 0  # a team round's deletion: the respondents that went with it

    @property
    def undoable(self) -> bool:
        return not self.blocked

    @property
    def deletes(self) -> bool:
        """Undoing it deletes a record (a creation): the page asks first."""
        return self.kind in (Kind.CREATED, Kind.RESTORED)


def history_model(key: str) -> type[Model]:
    return MODELS[key].history.model  # type: ignore[attr-defined]


def shown_fields(key: str) -> list[Field]:
    return [f for f in MODELS[key]._meta.concrete_fields if f.name not in BOOKKEEPING | NOT_SHOWN[key]]


def is_undo(record) -> bool:
    return (record.history_change_reason or "").startswith("undo ")


def diff(key: str, before, after) -> list[Change]:
    """The shown fields that differ between two records (or a record and a live object) of one row."""
    return [Change(key, f.name, getattr(before, f.attname), getattr(after, f.attname))
            for f in shown_fields(key) if getattr(before, f.attname) != getattr(after, f.attname)]


def completes(before, after) -> bool:
    return before.status != Status.COMPLETE and after.status == Status.COMPLETE


def answers_only(before, after) -> bool:
    """An assessment's change that only saved answers: grouped into one entry, never shown field by field."""
    return (before is not None and after.history_type == "~" and not completes(before, after)
            and not diff("assessment", before, after))


def same_sitting(a, b) -> bool:
    """Two answer saves that make one entry: the same person, the same day, and neither an undo."""
    return (a.history_user_id == b.history_user_id and localdate(a.history_date) == localdate(b.history_date)
            and not is_undo(a) and not is_undo(b))


def previous(record):
    """The record before this one of the same row (history ids grow in the order the records were made)."""
    return (type(record).objects.filter(id=record.id, history_id__lt=record.history_id)
            .order_by("-history_id").first())


def _by_object(records: Iterable) -> Iterable[tuple[Any, Any]]:
    """(record, the record before it of the same row) for records sorted by row, then history id."""
    before: dict[int, Any] = {}
    for record in sorted(records, key=lambda r: (r.id, r.history_id)):
        yield record, before.get(record.id)
        before[record.id] = record


def _entry(key: str, record, **fields) -> Entry:
    user = record.history_user.get_username() if record.history_user_id and record.history_user else ""
    kind = {"+": Kind.RESTORED if is_undo(record) else Kind.CREATED, "-": Kind.DELETED}.get(record.history_type,
                                                                                            Kind.CHANGED)
    return Entry(model=key, kind=kind, when=record.history_date, user=user, object_id=record.id,
                 history_id=record.history_id, is_undo=is_undo(record), **fields)


def _edits(key: str, record, before, now) -> tuple[list[Change], str]:
    """The changes a "~" record made, and why undoing them is blocked when `now` (the live row, or None) says so."""
    changes = diff(key, before, record)
    if now is None:
        return changes, Blocked.GONE
    for change in changes:
        if getattr(now, MODELS[key]._meta.get_field(change.field).attname) != change.new:
            return changes, Blocked.CHANGED_SINCE
    return changes, ""


# --- an alliance's history ----------------------------------------------------------------------------


def _respondents_answers(workspace) -> Q:
    """Team members' private answers, now or ever (a round's respondent rows are deleted with the round)."""
    return (Q(id__in=Respondent.objects.filter(workspace=workspace).values("assessment_id"))
            | Q(id__in=Respondent.history.filter(workspace=workspace).values("assessment_id")))


def is_respondents_answers(workspace, assessment_id: int) -> bool:
    return Assessment.history.filter(  # type: ignore[attr-defined]
        Q(id=assessment_id) & _respondents_answers(workspace)).exists()


def alliance_history(alliance: Alliance) -> list[Entry]:
    """Everything recorded about the alliance, its memberships, its assessments, its team rounds and its partners,
    newest first.

    A fixed number of queries however long the history: every record is read at once (without answers
    and results), and the live rows they are compared with too."""
    workspace = alliance.workspace_id

    def records(key: str, **filters):
        return list(history_model(key).objects.filter(workspace=workspace, **filters).select_related("history_user"))

    alliance_records = records("alliance", id=alliance.pk)
    member_records = records("member", alliance_id=alliance.pk)
    life_records = {key: records(key, alliance_id=alliance.pk) for key in LIFE}
    assessment_records = [r for r in (history_model("assessment").objects
                                      .filter(workspace=workspace, alliance_id=alliance.pk)
                                      .exclude(_respondents_answers(workspace))
                                      .defer(*HEAVY).select_related("history_user"))]
    members = {m.pk: m for m in AllianceMember.objects.filter(alliance=alliance)}
    assessments = {a.pk: a for a in Assessment.objects.filter(alliance=alliance).defer(*HEAVY)}
    member_partners = {r.partner_id for r in member_records} | {m.partner_id for m in members.values()}
    partner_ids = member_partners | {r.partner_id for r in assessment_records if r.partner_id}
    partner_ids |= {r.partner_id for r in life_records["contact"] if r.partner_id}
    partner_records = records("partner", id__in=partner_ids)
    partners = {p.pk: p for p in Partner.objects.filter(workspace=workspace, pk__in=partner_ids)}

    names = {r.id: r.name for r in sorted(partner_records, key=lambda r: r.history_id)}
    names.update({pk: p.name for pk, p in partners.items()})
    refs = _assessment_refs(assessment_records, assessments, names)

    entries = _alliance_entries(alliance, alliance_records, assessments, refs)
    entries += _member_entries(alliance, member_records, members, partners, names)
    entries += _assessment_entries(assessment_records, assessments, partners, refs)
    entries += _round_entries(alliance, workspace, assessments)
    entries += _life_entries(alliance, life_records, names)
    # A partner's own edits, from when it joined this alliance (or since the alliance began).
    joined = {}
    for r in sorted(member_records, key=lambda r: r.history_date):
        joined.setdefault(r.partner_id, r.history_date)
    for entry in _partner_entries(partner_records, partners):
        if (entry.kind == Kind.CHANGED and entry.object_id in member_partners
                and entry.when >= joined.get(entry.object_id, alliance.created)):
            entries.append(entry)
    return newest_first(entries)


def newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.when, e.history_id), reverse=True)


def _assessment_refs(records, live: dict[int, Assessment], partner_names: dict[int, str]) -> dict[int, AssessmentRef]:
    refs = {}
    for r in sorted(records, key=lambda r: r.history_id):
        label = Assessment(instrument_name=r.instrument_name, instrument_version=r.instrument_version).instrument_label
        refs[r.id] = AssessmentRef(r.id, label, r.created, partner_names.get(r.partner_id, "") if r.partner_id else "",
                                   r.completed)
    for pk, a in live.items():
        refs[pk] = AssessmentRef(pk, a.instrument_label, a.created,
                                 partner_names.get(a.partner_id, "") if a.partner_id else "", a.completed)
    shown = {r.id for r in records}  # not team members' private answers (never in `records`)
    days = Counter((ref.label, ref.day) for pk, ref in refs.items() if pk in shown)
    return {pk: replace(ref, clash=days[(ref.label, ref.day)] > 1) for pk, ref in refs.items()}


def assessment_ref(row) -> AssessmentRef:
    """Name one assessment, from its row or one of its historical records (a query for its partner's name)."""
    partner = (Partner.objects.filter(pk=row.partner_id).values_list("name", flat=True).first() or ""
               if row.partner_id else "")
    label = Assessment(instrument_name=row.instrument_name, instrument_version=row.instrument_version).instrument_label
    ref = AssessmentRef(row.id, label, row.created, partner, row.completed)
    others = (Assessment.objects.filter(alliance_id=row.alliance_id, instrument_name=row.instrument_name)
              .filter(respondent_of__isnull=True).exclude(pk=row.id).values_list("completed", "created"))
    return replace(ref, clash=any(localdate(completed or created) == ref.day for completed, created in others))


def _ref(refs: dict[int, AssessmentRef], pk):
    return None if pk is None else refs.get(pk, AssessmentRef(pk))


def _alliance_entries(alliance, records, assessments, refs) -> list[Entry]:
    entries = []
    for record, before in _by_object(records):
        entry = _entry("alliance", record, name=record.name)
        if entry.kind == Kind.CHANGED:
            if before is None:
                continue  # the first record of a row made before history was kept: nothing to compare with
            entry.changes, entry.blocked = _edits("alliance", record, before, alliance)
            if not entry.changes:
                continue  # saved without a change
            for change in entry.changes:
                if change.field == "current_assessment":
                    old = assessments.get(change.old) if change.old else None
                    if change.old and not entry.blocked and (old is None or not old.is_complete):
                        entry.blocked = Blocked.TARGET_GONE
                    change.old, change.new = _ref(refs, change.old), _ref(refs, change.new)
        elif entry.kind in (Kind.CREATED, Kind.RESTORED):
            entry.blocked = ""  # the alliance is here: deleting it again is always possible (kept on Data)
        else:
            continue  # a deleted alliance has no page; its deletion is undone from the Data page
        entries.append(entry)
    return entries


def _member_entries(alliance, records, members, partners, names) -> list[Entry]:
    entries = []
    for record, before in _by_object(records):
        entry = _entry("member", record, name=names.get(record.partner_id, ""), role=record.role)
        now = members.get(record.id)
        if entry.kind == Kind.CHANGED:
            if before is None:
                continue
            entry.changes, entry.blocked = _edits("member", record, before, now)
            if not entry.changes:
                continue
        elif entry.kind == Kind.DELETED:
            if now is not None or any(m.partner_id == record.partner_id for m in members.values()):
                entry.blocked = Blocked.BACK
            elif record.partner_id not in partners:
                entry.blocked = Blocked.PARTNER_GONE
        elif now is None:
            entry.blocked = Blocked.GONE
        elif len(members) < 2:
            entry.blocked = Blocked.LAST_PARTNER
        entries.append(entry)
    return entries


def _assessment_entries(records, assessments, partners, refs) -> list[Entry]:
    entries: list[Entry] = []
    latest = {}
    for record in records:
        latest[record.id] = max(latest.get(record.id, 0), record.history_id)
    # Per assessment: the answers entry being grown, and the record that last grew it (a save right after
    # it, by the same person on the same day, joins it).
    sitting: dict[int, tuple[Entry, Any]] = {}
    for record, before in _by_object(records):
        now = assessments.get(record.id)
        entry = _entry("assessment", record, assessment=_ref(refs, record.id))
        if entry.kind == Kind.CHANGED:
            if before is None:
                continue
            if completes(before, record):
                entry.kind, entry.blocked = Kind.COMPLETED, Blocked.FROZEN
            elif answers_only(before, record):
                grown = sitting.get(record.id)
                if grown and grown[1] is before and same_sitting(before, record):
                    grown[0].count += 1
                    grown[0].when, grown[0].history_id = record.history_date, record.history_id
                    entry = grown[0]
                else:
                    entry.kind = Kind.ANSWERS
                    entries.append(entry)
                sitting[record.id] = (entry, record)
                entry.blocked = _answers_blocked(entry, now, latest[record.id])
                continue
            else:
                entry.changes, entry.blocked = _edits("assessment", record, before, now)
                for change in entry.changes:
                    if change.field == "partner":
                        change.old = refs_partner(partners, change.old)
                        change.new = refs_partner(partners, change.new)
        elif entry.kind == Kind.DELETED:
            if now is not None:
                entry.blocked = Blocked.BACK
            elif record.partner_id and record.partner_id not in partners:
                entry.blocked = Blocked.PARTNER_GONE
        elif now is None:
            entry.blocked = Blocked.GONE
        entries.append(entry)
    return entries


def _round_entries(alliance, workspace, assessments: dict[int, Assessment]) -> list[Entry]:
    """A round's opening, title edits, closing, reopening and deletion (three queries however many rounds)."""
    records = list(history_model("round").objects.filter(workspace=workspace, alliance_id=alliance.pk)
                   .defer("closing_summary").select_related("history_user"))
    rounds = {r.pk: r for r in Round.objects.filter(alliance=alliance).defer("closing_summary")}
    went = dict(Respondent.history.filter(  # type: ignore[attr-defined]
        workspace=workspace, history_type="-", history_change_reason__startswith=ROUND_DELETED_PREFIX,
        round_id__in=history_model("round").objects.filter(workspace=workspace, alliance_id=alliance.pk,
                                                           history_type="-").values("id"),
    ).values_list("history_change_reason").annotate(n=Count("history_id")))
    entries = []
    for record, before in _by_object(records):
        now = rounds.get(record.id)
        entry = _entry("round", record, name=record.title, opened=record.created)
        if entry.kind == Kind.CHANGED:
            if before is None:
                continue
            if before.status != record.status:
                entry.kind = Kind.CLOSED if record.status == RoundStatus.CLOSED else Kind.REOPENED
                entry.blocked = (Blocked.GONE if now is None else Blocked.ROUND_PAGE if now.status == record.status
                                 else Blocked.CHANGED_SINCE)
            else:
                entry.changes, entry.blocked = _edits("round", record, before, now)
                if not entry.changes:
                    continue  # the links extended, or saved without a change
        elif entry.kind == Kind.DELETED:
            reason = record.history_change_reason or ""
            if not reason.startswith(ROUND_DELETED_PREFIX):
                continue  # it went with its alliance, and comes back with it (Data page)
            entry.respondents = went.get(reason, 0)
            if now is not None:
                entry.blocked = Blocked.BACK
            elif record.consensus_id and record.consensus_id not in assessments:
                entry.blocked = Blocked.CONSENSUS_GONE
        else:
            entry.blocked = Blocked.GONE if now is None else Blocked.ROUND_PAGE
        entries.append(entry)
    return entries


def refs_partner(partners: dict[int, Partner], pk) -> str | None:
    return None if pk is None else (partners[pk].name if pk in partners else f"#{pk}")


def _answers_blocked(entry: Entry, now, latest_history_id: int) -> str:
    if now is None:
        return Blocked.GONE
    if now.is_complete:
        return Blocked.FROZEN
    if entry.history_id != latest_history_id:
        return Blocked.CHANGED_SINCE
    return ""


# --- a partner's history, and the partners deleted lately ------------------------------------------


def _partner_entries(records, partners: dict[int, Partner], uses: dict[int, dict] | None = None) -> list[Entry]:
    entries = []
    for record, before in _by_object(records):
        now = partners.get(record.id)
        entry = _entry("partner", record, name=record.name)
        if entry.kind == Kind.CHANGED:
            if before is None:
                continue
            entry.changes, entry.blocked = _edits("partner", record, before, now)
            if not entry.changes:
                continue
        elif entry.kind == Kind.DELETED:
            entry.blocked = Blocked.BACK if now is not None else ""
        elif now is None:
            entry.blocked = Blocked.GONE
        elif uses is not None and uses.get(record.id):
            entry.blocked = Blocked.IN_USE
        entries.append(entry)
    return entries


def partner_history(partner: Partner) -> list[Entry]:
    """Everything recorded about the partner's profile, newest first."""
    from dancecard.portfolio.services import partner_uses

    records = (history_model("partner").objects.filter(workspace=partner.workspace_id, id=partner.pk)
               .select_related("history_user"))
    return newest_first(_partner_entries(records, {partner.pk: partner}, {partner.pk: partner_uses(partner)}))


def deleted_partners(workspace, limit: int = 20) -> list[Entry]:
    """The partners deleted lately and not restored since, newest first, each with its deletion to undo."""
    records = (history_model("partner").objects.filter(workspace=workspace, history_type="-")
               .exclude(id__in=Partner.objects.filter(workspace=workspace).values("pk"))
               .select_related("history_user").order_by("-history_date", "-history_id")[:limit * 5])
    seen: set[int] = set()
    entries = []
    for record in records:
        if record.id not in seen:
            seen.add(record.id)
            entries.append(_entry("partner", record, name=record.name))
    return entries[:limit]


# --- the alliance's life: people, meetings, milestones, commitments, next steps ---------------------------


def life_name(key: str, row) -> str:
    """A life record as a sentence names it, from its row or one of its historical records."""
    if key == "contact":
        return row.name
    if key == "interaction":
        return f"{code_label('interaction_kind', row.kind)} on {date_format(row.date, 'j M Y')}"
    if key == "milestone":
        return f"Milestone “{row.title}”"
    if key == "commitment":
        kind = code_label("commitment_kind", row.kind)
        return f"{kind} “{row.title}”" if row.title else kind
    return f"Next step “{row.text}”"


def _life_entries(alliance, life_records: dict[str, list], partner_names: dict[int, str]) -> list[Entry]:
    """Created, changed and deleted life records (one query per kind for the live rows)."""
    entries = []
    contact_names = {r.id: r.name for r in sorted(life_records["contact"], key=lambda r: r.history_id)}
    for key in LIFE:
        live = {o.pk: o for o in MODELS[key].objects.filter(alliance=alliance)}
        if key == "contact":
            contact_names.update({pk: c.name for pk, c in live.items()})
        for record, before in _by_object(life_records[key]):
            now = live.get(record.id)
            entry = _entry(key, record, name=life_name(key, record))
            if entry.kind == Kind.CHANGED:
                if before is None:
                    continue
                entry.changes, entry.blocked = _edits(key, record, before, now)
                if not entry.changes:
                    continue  # saved without a change (an interaction's attendees, say: not recorded)
                for change in entry.changes:
                    if change.field in ("partner", "known_by"):
                        found = partner_names if change.field == "partner" else contact_names
                        change.old, change.new = (None if pk is None else found.get(pk, f"#{pk}")
                                                  for pk in (change.old, change.new))
            elif entry.kind == Kind.DELETED:
                if now is not None:
                    entry.blocked = Blocked.BACK
            elif now is None:
                entry.blocked = Blocked.GONE
            entries.append(entry)
    return entries
