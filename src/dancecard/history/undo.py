"""Undo one recorded change: an edit goes back to the values before it, a deletion brings the record back,
a creation deletes it again. The undo is itself a change, recorded with the reason "undo <model>:<id>",
so it shows in the history and can be undone in turn.

An undo never overwrites a later change: an edit is undone only while every field it changed still holds
the value it gave (else UndoRefused CHANGED_SINCE), and a draft's answers only while nobody saved them
since. Deleting goes through the same verbs as the pages (a partner still in use stays; an alliance is
kept on the Data page; deleting the current assessment makes the previous one current).

A team round's deletion comes back whole: the round, its respondents (the same private links, answers and
submitted times) and its consensus link. Its opening, closing and reopening have no undo here: the round's own
page deletes, reopens and closes it (UndoRefused ROUND_PAGE says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from dancecard.assessments.models import Assessment, Status
from dancecard.assessments.services import CURRENT_REPLACED, AssessmentInUse, delete_assessment
from dancecard.exchange.importing import ImportRejected
from dancecard.exchange.models import DeletedAlliance
from dancecard.exchange.trash import KEPT_REASON, delete_alliance, restore_alliance
from dancecard.history.services import (
    LIFE, MODELS, ROUND_DELETED_PREFIX, UNDO_REASON, Blocked, Kind, answers_only, completes, diff, history_model,
    is_undo, previous, same_sitting,
)
from dancecard.portfolio.models import Alliance, AllianceMember, Partner
from dancecard.portfolio.services import PartnerInUse, claim_revision, delete_partner
from dancecard.rounds.models import Respondent, Round, RoundStatus
from dancecard.tracking.models import Contact, Postponement


class UndoRefused(Exception):
    """The change cannot be undone; `code` (a Blocked) says why, `details` what the message needs."""

    def __init__(self, code: Blocked, **details: Any):
        super().__init__(code)
        self.code = code
        self.details = details


@dataclass
class Undone:
    action: str  # "reverted", "restored" or "deleted"
    model: str
    obj: Any = None  # the record as it is now (deleted: as it was)
    alliance_id: int | None = None  # a restored alliance's new id
    fields: tuple[str, ...] = ()  # the fields an edit's undo put back
    count: int = 0  # a restored round's respondents; a restored milestone's postponements


def undo(key: str, record, user=None) -> Undone:
    """Undo the change `record` (a historical record of MODELS[key]) made; UndoRefused changes nothing."""
    reason = UNDO_REASON.format(model=key, history_id=record.history_id)
    with transaction.atomic():
        if key == "round" and record.history_type == "+":
            raise UndoRefused(Blocked.ROUND_PAGE, kind=Kind.RESTORED if is_undo(record) else Kind.CREATED)
        if record.history_type == "+":
            return _uncreate(key, record, reason, user)
        if record.history_type == "-":
            return _restore(key, record, reason, user)
        return _revert(key, record, reason, user)


def _mark(obj, reason: str, user) -> None:
    obj._change_reason = reason
    if user is not None and user.is_authenticated:
        obj._history_user = user


def _locked(key: str, pk: int):
    return MODELS[key].objects.select_for_update().filter(pk=pk).first()


# --- an edit: the values before it --------------------------------------------------------------------


def _revert(key: str, record, reason: str, user) -> Undone:
    before = previous(record)
    if before is None:
        raise UndoRefused(Blocked.NOTHING)
    if key == "round" and before.status != record.status:
        raise UndoRefused(Blocked.ROUND_PAGE, kind=Kind.CLOSED if record.status == RoundStatus.CLOSED
                          else Kind.REOPENED)
    if key == "assessment":
        if completes(before, record):
            raise UndoRefused(Blocked.FROZEN)
        if answers_only(before, record):
            return _revert_answers(record, reason, user)
    changes = diff(key, before, record)
    if not changes:
        raise UndoRefused(Blocked.NOTHING)
    obj = _locked(key, record.id)
    if obj is None:
        raise UndoRefused(Blocked.GONE)
    meta = MODELS[key]._meta
    for change in changes:
        now = getattr(obj, meta.get_field(change.field).attname)
        if now != change.new:
            raise UndoRefused(Blocked.CHANGED_SINCE, model=key, field=change.field, now=now, obj=obj)
    if key == "alliance":
        _check_current(obj, next((c.old for c in changes if c.field == "current_assessment"), None))
    if key == "assessment":
        _check_partner(next((c.old for c in changes if c.field == "partner"), None))
    if key in ("partner", "alliance"):
        claim_revision(obj, None)  # an edit form opened before the undo is now stale, as after any edit
    if key == "contact":
        _check_people(obj, changes)
    for change in changes:
        setattr(obj, meta.get_field(change.field).attname, change.old)
    _mark(obj, reason, user)
    obj.save()
    if key == "milestone":
        _unpostpone(obj, changes, reason, user)
    return Undone("reverted", key, obj, fields=tuple(c.field for c in changes))


def _check_people(contact: Contact, changes) -> None:
    """A contact's edit puts back a partner or a colleague who knew them: only while they are still here."""
    for change in changes:
        if change.field == "partner":
            _check_partner(change.old)
        if change.field == "known_by" and change.old is not None and not Contact.objects.filter(
                pk=change.old, alliance_id=contact.alliance_id).exists():
            raise UndoRefused(Blocked.GONE)


def _unpostpone(milestone, changes, reason: str, user) -> None:
    """Undoing a postponement (the due date it moved) takes its record away too: the count of postponements is
    a warning sign, and it should not count one that was undone."""
    due = next((c for c in changes if c.field == "due"), None)
    if due is None:
        return
    kept = (Postponement.objects.filter(milestone=milestone, previous_due=due.old, new_due=due.new)
            .order_by("-pk").first())
    if kept is not None:
        _mark(kept, reason, user)
        kept.delete()


def _check_current(alliance: Alliance, assessment_id) -> None:
    if assessment_id is not None and not Assessment.objects.filter(
            pk=assessment_id, alliance=alliance, status=Status.COMPLETE).exists():
        raise UndoRefused(Blocked.TARGET_GONE)


def _check_partner(partner_id) -> None:
    if partner_id is not None and not Partner.objects.filter(pk=partner_id).exists():
        raise UndoRefused(Blocked.PARTNER_GONE)


def _revert_answers(record, reason: str, user) -> Undone:
    """A draft's answers as they were before this sitting's saves (the entry the history page shows)."""
    records = list(type(record).objects.filter(id=record.id, history_id__lte=record.history_id)
                   .order_by("-history_id")[:2000])
    sitting = 1
    while (not is_undo(record) and sitting + 1 < len(records)
           and answers_only(records[sitting + 1], records[sitting]) and same_sitting(records[sitting], record)):
        sitting += 1
    if sitting >= len(records):
        raise UndoRefused(Blocked.NOTHING)
    before = records[sitting]
    assessment = _locked("assessment", record.id)
    if assessment is None:
        raise UndoRefused(Blocked.GONE)
    if assessment.is_complete:
        raise UndoRefused(Blocked.FROZEN)
    latest = type(record).objects.filter(id=record.id).order_by("-history_id").values_list("history_id", flat=True)
    if latest.first() != record.history_id:
        raise UndoRefused(Blocked.CHANGED_SINCE, model="assessment", field="answers")
    assessment.answers = before.answers
    _mark(assessment, reason, user)
    assessment.save(update_fields=["answers", "updated"])
    return Undone("reverted", "assessment", assessment, fields=("answers",))


# --- a deletion: the record back ---------------------------------------------------------------------


def _restore(key: str, record, reason: str, user) -> Undone:
    if key == "alliance":
        return _restore_alliance(record)
    if key == "round":
        return _restore_round(record, reason, user)
    if MODELS[key].objects.filter(pk=record.id).exists():
        raise UndoRefused(Blocked.BACK)
    if key == "member":
        if not Alliance.objects.filter(pk=record.alliance_id).exists():
            raise UndoRefused(Blocked.ALLIANCE_GONE)
        _check_partner(record.partner_id)
        if AllianceMember.objects.filter(alliance_id=record.alliance_id, partner_id=record.partner_id).exists():
            raise UndoRefused(Blocked.BACK)
    if key == "assessment":
        if not Alliance.objects.filter(pk=record.alliance_id).exists():
            raise UndoRefused(Blocked.ALLIANCE_GONE)
        _check_partner(record.partner_id)
    if key in LIFE:
        return _restore_life(key, record, reason, user)
    obj = record.instance  # the row as it was deleted, with its id
    _mark(obj, reason, user)
    obj.save(force_insert=True)
    if hasattr(obj, "created"):  # auto_now_add stamped the moment of the restore: keep the first one
        type(obj).objects.filter(pk=obj.pk).update(created=record.created)
        restored = history_model(key).objects.filter(id=obj.pk).latest("history_id")
        type(restored).objects.filter(history_id=restored.history_id).update(created=record.created)
        obj.created = record.created
    if key == "assessment":
        _current_again(obj, reason, user)
    return Undone("restored", key, obj)


def _restore_life(key: str, record, reason: str, user) -> Undone:
    """A person, a meeting, a milestone (with the postponements deleted with it), a commitment or a next step back.

    What it pointed at and is gone since is left empty (a contact's partner and who knew them, a meeting's
    author); who attended a meeting is not in its history and does not come back."""
    if not Alliance.objects.filter(pk=record.alliance_id).exists():
        raise UndoRefused(Blocked.ALLIANCE_GONE)
    if key == "contact":
        if record.partner_id and not Partner.objects.filter(pk=record.partner_id).exists():
            record.partner_id = None
        if record.known_by_id and not Contact.objects.filter(pk=record.known_by_id).exists():
            record.known_by_id = None
    if key == "interaction" and record.created_by_id and not get_user_model().objects.filter(
            pk=record.created_by_id).exists():
        record.created_by_id = None
    obj = _insert(record, reason, user, keep=("created",))
    count = 0
    if key == "milestone":
        count = _restore_postponements(obj, reason, user)
    if key == "contact":
        _known_again(obj, reason, user)
    return Undone("restored", key, obj, count=count)


def _restore_postponements(milestone, reason: str, user) -> int:
    """The postponements deleted with the milestone (they are never deleted on their own), from their own history."""
    latest: dict[int, Any] = {}
    records = Postponement.history.filter(milestone_id=milestone.pk)  # type: ignore[attr-defined]
    for historical in records.order_by("history_id"):
        latest[historical.id] = historical
    gone = [h for h in latest.values() if h.history_type == "-"]
    present = set(Postponement.objects.filter(pk__in=[h.id for h in gone]).values_list("pk", flat=True))
    restored = 0
    for historical in sorted(gone, key=lambda h: h.id):
        if historical.id not in present:
            _insert(historical, reason, user)
            restored += 1
    return restored


def _known_again(contact: Contact, reason: str, user) -> None:
    """Colleagues whose "known by" pointed at the contact (emptied by its deletion, unrecorded) point at it again.

    A colleague restored while it was gone came back without it: their record before that restore says."""
    for other in Contact.objects.filter(alliance_id=contact.alliance_id, known_by__isnull=True).exclude(pk=contact.pk):
        records = Contact.history.filter(id=other.pk)  # type: ignore[attr-defined]
        last = (records.exclude(history_type="+", history_change_reason__startswith="undo ")
                .order_by("-history_id").first())
        if last is not None and last.known_by_id == contact.pk:
            other.known_by = contact
            _mark(other, reason, user)
            other.save(update_fields=["known_by"])


def _current_again(assessment: Assessment, reason: str, user) -> None:
    """Deleting it made another assessment current: if that still stands, this one is current again."""
    replaced = (history_model("alliance").objects
                .filter(id=assessment.alliance_id, history_change_reason=CURRENT_REPLACED.format(pk=assessment.pk))
                .order_by("-history_id").first())
    if replaced is None or not assessment.is_complete:
        return
    alliance = _locked("alliance", assessment.alliance_id)
    if alliance.current_assessment_id == replaced.current_assessment_id:
        alliance.current_assessment = assessment
        _mark(alliance, reason, user)
        alliance.save(update_fields=["current_assessment", "updated"])


def _insert(record, reason: str, user, keep: tuple[str, ...] = ()):
    """The row as this historical record has it, with its id, saved again; `keep`: times (auto_now, auto_now_add)
    the save stamps anew, set back to the record's, on the row and on the history record the save made."""
    obj = record.instance
    _mark(obj, reason, user)
    obj.save(force_insert=True)
    if keep:
        values = {name: getattr(record, name) for name in keep}
        type(obj).objects.filter(pk=obj.pk).update(**values)
        made = type(record).objects.filter(id=obj.pk).latest("history_id")
        type(record).objects.filter(history_id=made.history_id).update(**values)
        for name, value in values.items():
            setattr(obj, name, value)
    return obj


def _restore_round(record, reason: str, user) -> Undone:
    """The round deleted from its page back whole: the records its deletion left all carry the same reason."""
    if Round.objects.filter(pk=record.id).exists():
        raise UndoRefused(Blocked.BACK)
    if not Alliance.objects.filter(pk=record.alliance_id).exists():
        raise UndoRefused(Blocked.ALLIANCE_GONE)
    tag = record.history_change_reason or ""
    if not tag.startswith(ROUND_DELETED_PREFIX):
        raise UndoRefused(Blocked.NOTHING)  # not deleted from its page (never listed): nothing of it to bring back
    if record.consensus_id is not None and not Assessment.objects.filter(
            pk=record.consensus_id, alliance_id=record.alliance_id).exists():
        raise UndoRefused(Blocked.CONSENSUS_GONE)
    respondents = list(Respondent.history.filter(  # type: ignore[attr-defined]
        round_id=record.id, history_type="-", history_change_reason=tag).order_by("id"))
    answers = list(Assessment.history.filter(  # type: ignore[attr-defined]
        id__in=[r.assessment_id for r in respondents], history_type="-", history_change_reason=tag).order_by("id"))
    if len(answers) != len(respondents):
        raise UndoRefused(Blocked.NOTHING)  # an incomplete record: nothing half restored
    if (Respondent.objects.filter(Q(pk__in=[r.id for r in respondents])
                                  | Q(assessment_id__in=[a.id for a in answers])).exists()
            or Assessment.objects.filter(pk__in=[a.id for a in answers]).exists()):
        raise UndoRefused(Blocked.BACK)
    taken = set(Respondent.objects.filter(token__in=[r.token for r in respondents]).values_list("token", flat=True))
    if taken:
        raise UndoRefused(Blocked.LINK_TAKEN, names=[r.name for r in respondents if r.token in taken])
    round_ = _insert(record, reason, user, keep=("created",))
    for historical in answers:
        _insert(historical, reason, user, keep=("created", "updated"))
    for historical in respondents:
        _insert(historical, reason, user)
    return Undone("restored", "round", round_, count=len(respondents))


def _restore_alliance(record) -> Undone:
    reason = record.history_change_reason or ""
    prefix = KEPT_REASON.split("{", 1)[0]
    kept_pk = reason[len(prefix):] if reason.startswith(prefix) else ""
    deleted = (DeletedAlliance.objects.filter(workspace_id=record.workspace_id, pk=int(kept_pk)).first()
               if kept_pk.isdigit() else None)
    if deleted is None:
        raise UndoRefused(Blocked.NOT_KEPT, name=record.name)
    try:
        summary = restore_alliance(deleted)
    except ImportRejected as exc:
        raise UndoRefused(Blocked.REJECTED, name=record.name, problems=exc.problems) from None
    return Undone("restored", "alliance", alliance_id=summary.alliance_ids[0])


# --- a creation: the record deleted again ---------------------------------------------------------------


def _uncreate(key: str, record, reason: str, user) -> Undone:
    obj = _locked(key, record.id)
    if obj is None:
        raise UndoRefused(Blocked.GONE)
    _mark(obj, reason, user)
    if key == "partner":
        try:
            delete_partner(obj, change_reason=reason)
        except PartnerInUse as exc:
            raise UndoRefused(Blocked.IN_USE, name=obj.name, uses=exc.uses) from None
    elif key == "alliance":
        delete_alliance(obj)  # kept on the Data page, like any deleted alliance; its history names the copy
    elif key == "member":
        if AllianceMember.objects.filter(alliance_id=obj.alliance_id).count() < 2:
            raise UndoRefused(Blocked.LAST_PARTNER)
        obj.delete()
    elif key in LIFE:
        obj.delete()  # a milestone takes its postponements with it; undoing this deletion brings them back
    else:
        try:
            delete_assessment(obj, change_reason=reason)
        except AssessmentInUse:
            raise UndoRefused(Blocked.CONSENSUS) from None
    return Undone("deleted", key, obj)
