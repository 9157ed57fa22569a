"""Verb functions for team rounds: open, answer, submit, summarise, close, reopen, rename, delete; the private
links' lifetime (expiry, revoking, a new link)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from dancecard.assessments import services as assessment_services
from dancecard.assessments.models import Assessment
from dancecard.core.answers import dump_value, parse_answers
from dancecard.core.consensus import consensus_answers, item_spreads, rating_matrix
from dancecard.core.text import text_problem
from dancecard.core.errors import DancecardError
from dancecard.core.instruments import FACTOR_ORDER, get_instrument, parse_key
from dancecard.core.result import build_result
from dancecard.core.vocabulary import load_vocabulary
from dancecard.rounds import agreement
from dancecard.rounds.models import Respondent, Round, RoundStatus, new_token

MAX_RESPONDENTS = 30
AGENDA_LENGTH = 5
# How long respondents' private links work, in days, counted from opening (None: they never expire).
LINK_DAYS = (7, 30, 90, None)
DEFAULT_LINK_DAYS = 30
# The change reason on every record a round's deletion leaves (the round's, its respondents', their answers'):
# the round's id and its last record before the deletion, so an undo finds exactly what went with it.
ROUND_DELETED = "round-deleted {pk}:{after}"


class RoundError(DancecardError):
    """A round cannot do what was asked (bad respondents, closing too early, already closed)."""


def clean_names(raw: str | list[str]) -> list[str]:
    names = raw.splitlines() if isinstance(raw, str) else raw
    names = [" ".join(n.split()) for n in names if n and n.strip()]
    if len(names) < 2:
        raise RoundError("Name at least two respondents, one per line: a round compares several views.")
    if len(names) > MAX_RESPONDENTS:
        raise RoundError(f"A round takes at most {MAX_RESPONDENTS} respondents.")
    seen: set[str] = set()
    for name in names:
        if len(name) > 200:
            raise RoundError(f"The name “{name[:40]}…” is too long (200 characters at most).")
        if problem := text_problem(name):
            raise RoundError(f"A respondent's name {problem}.")
        if name.casefold() in seen:
            raise RoundError(f"“{name}” is listed twice: give each respondent a distinct name.")
        seen.add(name.casefold())
    return names


def parse_link_days(raw: str | int | None) -> int | None:
    """A lifetime chosen in a form ("7", "30", "90" or "never") as days, None for never; RoundError otherwise.

    Left out (an empty value): the default, 30 days."""
    if raw is None or not str(raw).strip():
        return DEFAULT_LINK_DAYS
    if str(raw).strip().lower() == "never":
        return None
    try:
        days = int(str(raw).strip())
    except ValueError:
        days = 0
    if days not in LINK_DAYS:
        raise RoundError("Choose how long the links work: 7, 30 or 90 days, or never expire.")
    return days


def _after(days: int | None, start=None):
    return None if days is None else (start or timezone.now()) + timedelta(days=days)


@transaction.atomic
def open_round(alliance, instrument_key: str, names: str | list[str], title: str = "",
               link_days: int | None = DEFAULT_LINK_DAYS) -> Round:
    if link_days not in LINK_DAYS:
        raise RoundError("Choose how long the links work: 7, 30 or 90 days, or never expire.")
    instrument = get_instrument(*parse_key(instrument_key))
    cleaned = clean_names(names)
    title = " ".join(title.split())[:200]
    if problem := text_problem(title):  # as rename_round: what an import would refuse is never stored
        raise RoundError(f"The title {problem}.")
    round_ = Round.objects.create(workspace=alliance.workspace, alliance=alliance, title=title,
                                  instrument_name=instrument.name, instrument_version=instrument.version,
                                  links_expire=_after(link_days))
    for name in cleaned:
        assessment = assessment_services.start_assessment(alliance, instrument.key, respondent=name)
        Respondent.objects.create(workspace=alliance.workspace, round=round_, name=name, assessment=assessment)
    return round_


@transaction.atomic
def submit(respondent: Respondent) -> Respondent:
    if not respondent.link_works:
        raise RoundError("This link no longer works: answers can no longer be submitted through it.")
    if not respondent.round.is_open:
        raise RoundError("This round is closed: answers can no longer be submitted.")
    if respondent.has_submitted:
        return respondent
    assessment_services.complete_assessment(respondent.assessment, make_current=False)
    respondent.submitted = timezone.now()
    respondent.save(update_fields=["submitted"])
    return respondent


def _submitted(round_: Round) -> list[Respondent]:
    return [r for r in round_.respondents.select_related("assessment") if r.has_submitted]


def summarise(round_: Round) -> dict[str, Any] | None:
    """Consensus, spread and agreement over the submitted answers; None before two have submitted."""
    submitted = _submitted(round_)
    if len(submitted) < 2:
        return None
    instrument = get_instrument(round_.instrument_name, round_.instrument_version)
    answer_sets = [parse_answers(instrument, r.assessment.answers) for r in submitted]
    consensus = build_result(instrument, consensus_answers(instrument, answer_sets))
    individual = [r.assessment.result or build_result(instrument, a) for r, a in zip(submitted, answer_sets)]
    spreads = item_spreads(instrument, answer_sets)
    factors = {}
    for factor in FACTOR_ORDER:
        key = factor.value
        scores = [res["factors"][key]["score"] for res in individual]
        known = [s for s in scores if s is not None]
        value = agreement.alpha(rating_matrix(instrument, answer_sets, key))
        factors[key] = {
            "label": load_vocabulary().label(key),
            "consensus": consensus["factors"][key]["score"],
            "spread": round(max(known) - min(known), 1) if len(known) > 1 else 0.0,
            "alpha": None if value is None else round(value, 3),
            "reading": agreement.reading(value),
        }
    overall = agreement.alpha(rating_matrix(instrument, answer_sets))
    disputed = sorted((s for s in spreads if s.known >= 2 and s.spread > 0),
                      key=lambda s: (-s.spread, -s.item.weight, s.item.id))
    return {
        "instrument": instrument.key,
        "submitted": len(submitted),
        "invited": round_.respondents.count(),
        "respondents": [{"name": r.name, "factors": {k: res["factors"][k]["score"] for k in res["factors"]},
                         "band": res["verdict"]["band"]} for r, res in zip(submitted, individual)],
        "factors": factors,
        "alpha": None if overall is None else round(overall, 3),
        "reading": agreement.reading(overall),
        "agenda": [s.to_dict() for s in disputed[:AGENDA_LENGTH]],
        "items": [s.to_dict() for s in spreads],
        "consensus": consensus,
    }


@transaction.atomic
def close_round(round_: Round) -> Assessment:
    """Freeze the round: its consensus becomes the alliance's current assessment; individual answers stay."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise RoundError("This round is already closed.")
    summary = summarise(round_)
    if summary is None:
        raise RoundError("At least two respondents must submit before the round can be closed.")
    instrument = get_instrument(round_.instrument_name, round_.instrument_version)
    submitted = _submitted(round_)
    answers = consensus_answers(instrument, [parse_answers(instrument, r.assessment.answers) for r in submitted])
    raw = {item_id: {"value": dump_value(a.value), "note": a.note} for item_id, a in answers.items()}
    assessment = assessment_services.start_assessment(
        round_.alliance, instrument.key, respondent=f"Team consensus ({summary['submitted']} of {summary['invited']})")
    assessment_services.save_answers(assessment, raw)
    assessment_services.complete_assessment(assessment)
    round_.status = RoundStatus.CLOSED
    round_.closed = timezone.now()
    round_.consensus = assessment
    round_.closing_summary = {k: v for k, v in summary.items() if k != "consensus"}
    round_.save()
    return assessment



@transaction.atomic
def reopen_round(round_: Round) -> Round:
    """Open a closed round again. Respondents who had not submitted can answer again (if their links work).

    The consensus assessment made at closing stays in the alliance's history, and the alliance's
    current assessment is left as it is; closing the round again makes a new consensus, which then
    becomes current. `round_.consensus` keeps pointing at the last consensus until then.
    """
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.is_open:
        raise RoundError("This round is already open: there is nothing to reopen.")
    locked.status = RoundStatus.OPEN
    locked.closed = None
    locked.save(update_fields=["status", "closed"])
    round_.status, round_.closed = locked.status, locked.closed
    return round_


@transaction.atomic
def rename_round(round_: Round, title: str) -> Round:
    """A new title (empty: the round is called after its alliance)."""
    title = " ".join(title.split())
    if len(title) > 200:
        raise RoundError("A round's title is at most 200 characters.")
    if problem := text_problem(title):
        raise RoundError(f"The title {problem}.")
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.title != title:
        locked.title = title
        locked.save(update_fields=["title"])
    round_.title = title
    return round_


@transaction.atomic
def delete_round(round_: Round) -> int:
    """Delete the round with its respondents (their private links stop working) and their answers; returns how
    many respondents went. The consensus made at closing stays, one of the alliance's assessments.

    Every record deleted carries one change reason (ROUND_DELETED), so the alliance's history can undo the whole
    deletion at once (history/undo.py): respondents first, so the round's cascade finds none left to delete
    without it."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    last = locked.history.order_by("-history_id").values_list("history_id", flat=True).first()
    reason = ROUND_DELETED.format(pk=locked.pk, after=last or 0)
    respondents = list(locked.respondents.select_related("assessment"))
    for respondent in respondents:
        answers = respondent.assessment
        respondent._change_reason = reason  # type: ignore[attr-defined]
        respondent.delete()
        answers._change_reason = reason  # type: ignore[attr-defined]
        answers.delete()
    locked._change_reason = reason  # type: ignore[attr-defined]
    locked.delete()
    return len(respondents)


@transaction.atomic
def extend_links(round_: Round, days: int | None) -> Round:
    """Let the round's links work `days` longer (counted from today if they have expired), or for ever (None)."""
    if days not in LINK_DAYS:
        raise RoundError("Choose how long the links work: 7, 30 or 90 days, or never expire.")
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.links_expire is None and days is not None:
        raise RoundError("These links never expire: there is nothing to extend.")
    if days is None:
        locked.links_expire = None
    else:
        now = timezone.now()
        start = locked.links_expire if locked.links_expire and locked.links_expire > now else now
        locked.links_expire = _after(days, start)
    locked.save(update_fields=["links_expire"])
    round_.links_expire = locked.links_expire
    return round_


@transaction.atomic
def revoke_link(respondent: Respondent) -> Respondent:
    """The respondent's private link stops working at once; their answers stay theirs."""
    locked = Respondent.objects.select_for_update().get(pk=respondent.pk)
    if locked.revoked is not None:
        raise RoundError(f"{locked.name}'s link is already revoked. Make a new link to let them answer again.")
    locked.revoked = timezone.now()
    locked.save(update_fields=["revoked"])
    respondent.revoked = locked.revoked
    return respondent


@transaction.atomic
def renew_link(respondent: Respondent) -> Respondent:
    """A fresh private link for the same respondent (same answers, draft or submitted); the old one stops working."""
    locked = Respondent.objects.select_for_update().get(pk=respondent.pk)
    locked.token = new_token()
    locked.revoked = None
    locked.save(update_fields=["token", "revoked"])
    respondent.token, respondent.revoked = locked.token, locked.revoked
    return respondent


def find_by_token(token: str) -> tuple[Respondent | None, str]:
    """The respondent a private link belongs to, and the link's state.

    (respondent, "valid" | "revoked" | "expired") for a link in use; (respondent, "replaced") for one
    that a new link replaced (found in the respondents' history); (None, "unknown") otherwise.
    """
    respondent = (Respondent.objects.select_related("round__alliance", "assessment").filter(token=token).first()
                  if token else None)
    if respondent is not None:
        return respondent, respondent.link_state
    past = Respondent.history.filter(token=token).order_by("-history_date").values_list("id", flat=True).first()
    if past is not None:
        respondent = Respondent.objects.select_related("round__alliance").filter(pk=past).first()
        if respondent is not None:
            return respondent, "replaced"
    return None, "unknown"


def round_runner(round_: Round):
    """The member who opened the round (from its history), or None when unknown (imported, made by the CLI)."""
    first = round_.history.order_by("history_date", "history_id").select_related("history_user").first()
    return first.history_user if first is not None else None
