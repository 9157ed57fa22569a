"""Verb functions for team rounds: open, answer, submit, summarise, close."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from dancecard.assessments import services as assessment_services
from dancecard.assessments.models import Assessment
from dancecard.core.answers import dump_value, parse_answers
from dancecard.core.consensus import consensus_answers, item_spreads, rating_matrix
from dancecard.core.errors import DancecardError
from dancecard.core.instruments import FACTOR_ORDER, get_instrument, parse_key
from dancecard.core.result import build_result
from dancecard.core.vocabulary import load_vocabulary
from dancecard.rounds import agreement
from dancecard.rounds.models import Respondent, Round, RoundStatus

MAX_RESPONDENTS = 30
AGENDA_LENGTH = 5


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
        if name.casefold() in seen:
            raise RoundError(f"“{name}” is listed twice: give each respondent a distinct name.")
        seen.add(name.casefold())
    return names


@transaction.atomic
def open_round(alliance, instrument_key: str, names: str | list[str], title: str = "") -> Round:
    instrument = get_instrument(*parse_key(instrument_key))
    cleaned = clean_names(names)
    round_ = Round.objects.create(workspace=alliance.workspace, alliance=alliance, title=title.strip()[:200],
                                  instrument_name=instrument.name, instrument_version=instrument.version)
    for name in cleaned:
        assessment = assessment_services.start_assessment(alliance, instrument.key, respondent=name)
        Respondent.objects.create(workspace=alliance.workspace, round=round_, name=name, assessment=assessment)
    return round_


@transaction.atomic
def submit(respondent: Respondent) -> Respondent:
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

