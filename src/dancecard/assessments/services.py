"""Verb functions for assessments, shared by the pages, the API and the CLI."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from dancecard.assessments.models import Assessment, Status
from dancecard.core.answers import dump_value, parse_answers
from dancecard.core.errors import AssessmentClosed
from dancecard.core.instruments import get_instrument, parse_key
from dancecard.core.result import build_result


def start_assessment(alliance, instrument_key: str = "quick", respondent: str = "", partner=None) -> Assessment:
    instrument = get_instrument(*parse_key(instrument_key))
    return Assessment.objects.create(
        workspace=alliance.workspace, alliance=alliance, partner=partner, respondent=respondent,
        instrument_name=instrument.name, instrument_version=instrument.version,
    )


def save_answers(assessment: Assessment, raw: dict[str, Any]) -> Assessment:
    """Validate and merge answers into a draft. InvalidAnswers (listing every problem) leaves it unchanged.

    The merge is made on the stored row, read again under a lock inside one transaction, never on
    the caller's copy: two saves of the same draft at once (two tabs, a team member's autosave)
    both keep their answers. PostgreSQL: `select_for_update` holds the row; SQLite: transactions
    begin IMMEDIATE (settings), so the second writer waits for the first instead of reading stale
    answers. The caller's object is brought up to date with what was stored.
    """
    if assessment.is_complete:
        raise AssessmentClosed("This assessment is complete; start a new one to change answers.")
    parsed = parse_answers(assessment.instrument, raw)
    with transaction.atomic():
        stored_row = _locked(assessment)
        if stored_row.is_complete:
            raise AssessmentClosed("This assessment is complete; start a new one to change answers.")
        merged = dict(stored_row.answers)
        for item_id, answer in parsed.items():
            stored: Any = dump_value(answer.value)
            if answer.note or answer.evidence:
                stored = {"value": stored, "note": answer.note, "evidence": answer.evidence}
            merged[item_id] = stored
        stored_row.answers = merged
        stored_row.save(update_fields=["answers", "updated"])
    _refresh_from(assessment, stored_row)
    return assessment


def clear_answer(assessment: Assessment, item_id: str) -> None:
    """Remove one answer from a draft; like `save_answers`, on the stored row under a lock."""
    if assessment.is_complete:
        raise AssessmentClosed("This assessment is complete.")
    with transaction.atomic():
        stored_row = _locked(assessment)
        if stored_row.is_complete:
            raise AssessmentClosed("This assessment is complete.")
        if stored_row.answers.pop(item_id, None) is not None:
            stored_row.save(update_fields=["answers", "updated"])
    _refresh_from(assessment, stored_row)


def _locked(assessment: Assessment) -> Assessment:
    """The assessment's row as stored now, locked until the surrounding transaction ends."""
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


def _refresh_from(assessment: Assessment, stored_row: Assessment) -> None:
    assessment.answers = stored_row.answers
    assessment.status = stored_row.status
    assessment.updated = stored_row.updated


def score(assessment: Assessment) -> dict[str, Any]:
    """The result for the answers as they stand (stored result once complete)."""
    if assessment.is_complete and assessment.result:
        return assessment.result
    instrument = assessment.instrument
    return build_result(instrument, parse_answers(instrument, assessment.answers))


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    """What lists, consortia and programmes' cohorts read, so that none loads whole results."""
    from dancecard.core.cohort import profile_of

    return {
        "band": result["verdict"]["band"],
        "factors": {key: {k: f[k] for k in ("score", "low", "high", "coverage")} for key, f in result["factors"].items()},
        "profile": profile_of(result),
    }


@transaction.atomic
def complete_assessment(assessment: Assessment, make_current: bool = True) -> Assessment:
    """Score and freeze the assessment.

    A whole-alliance assessment then becomes the alliance's current assessment (unless
    make_current is False, as for a team member's answers). One about a single partner of a
    consortium never does by itself: it would silently replace the whole's picture on the
    alliance page, the portfolio and the brief. `mark_current` makes any completed one current on purpose.
    """
    if assessment.is_complete:
        return assessment
    result = score(assessment)
    assessment.result = result
    assessment.summary = summarise(result)
    assessment.band = result["verdict"]["band"]
    assessment.status = Status.COMPLETE
    assessment.completed = timezone.now()
    assessment.save()
    if make_current and assessment.partner_id is None:
        mark_current(assessment)
    return assessment


def mark_current(assessment: Assessment) -> Assessment:
    """Make a completed assessment its alliance's current picture (the one the portfolio and the brief show)."""
    if not assessment.is_complete:
        raise ValueError("Only a completed assessment can be the alliance's current assessment.")
    alliance = assessment.alliance
    if alliance.current_assessment_id != assessment.pk:
        alliance.current_assessment = assessment
        alliance.save(update_fields=["current_assessment", "updated"])
    return assessment


def assess_now(alliance, instrument_key: str, raw: dict[str, Any], respondent: str = "", partner=None) -> Assessment:
    """Create, answer and complete in one step (the API and imports); nothing is stored if the answers are invalid.

    As with `complete_assessment`, only a whole-alliance assessment (partner None) becomes current.
    """
    instrument = get_instrument(*parse_key(instrument_key))
    parse_answers(instrument, raw)  # raises before anything is written
    with transaction.atomic():
        assessment = start_assessment(alliance, instrument_key, respondent, partner)
        save_answers(assessment, raw)
        return complete_assessment(assessment)


class AssessmentInUse(Exception):
    """An assessment a team round rests on (its consensus) is not deleted: the round would lose it for good."""


# The reason recorded on the alliance when deleting its current assessment made another one current:
# undoing the deletion (history.undo) reads it to make the restored assessment current again.
CURRENT_REPLACED = "current-deleted {pk}"


@transaction.atomic
def delete_assessment(assessment: Assessment, change_reason: str = "") -> Assessment | None:
    """Delete an assessment; its history keeps it, so the deletion can be undone (history.undo).

    If it was the alliance's current picture, the latest other completed whole-alliance assessment
    becomes current (or none), recorded in the alliance's history. Returns the one that became current
    in its place (None if it was not current, or no other could be)."""
    from dancecard.portfolio.models import Alliance
    from dancecard.rounds.models import Round

    if Round.objects.filter(consensus=assessment).exists():
        raise AssessmentInUse("This assessment is a team round's consensus.")
    alliance = Alliance.objects.select_for_update().get(pk=assessment.alliance_id)
    current = None
    if alliance.current_assessment_id == assessment.pk:
        current = (alliance.assessments.filter(status=Status.COMPLETE, partner__isnull=True,
                                               respondent_of__isnull=True)
                   .exclude(pk=assessment.pk).defer("answers", "result").order_by("-completed", "-pk").first())
        alliance.current_assessment = current
        alliance._change_reason = CURRENT_REPLACED.format(pk=assessment.pk)  # type: ignore[attr-defined]
        alliance.save(update_fields=["current_assessment", "updated"])
    if change_reason:
        assessment._change_reason = change_reason  # type: ignore[attr-defined]
    assessment.delete()
    return current
