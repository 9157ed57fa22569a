"""Verb functions for health checks: open one, add people, answer, submit, compare, close, reopen; the
private links (revoke, a new link); how often checks are due and when the next one is.

The maths is the core's (core/health.py); this module reads and writes the records. A response's
answers are stored as {item id: {"value": 1..5 or "dont_know", "note": "..."}}, the same shape as an
assessment's, and `answer_values` gives the core the plain {item id: value} it scores.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import msgspec
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from dancecard.core import timeline as t
from dancecard.core.errors import DancecardError, InvalidAnswers, UnknownInstrument
from dancecard.core.health import (
    DONT_KNOW,
    HealthAction,
    HealthComparison,
    HealthInstrument,
    compare_sides,
    load_health_check,
    parse_health_answers,
    score_side,
)
from dancecard.core.signal_wording import code_label, present_health_action
from dancecard.core.signals import evaluate, load_signal_rules
from dancecard.core.text import text_problem
from dancecard.tracking.models import Contact, HealthCheck, HealthResponse, StageChange, new_token

MAX_PEOPLE = 30  # per side
NAME_MAX = 200
NOTE_MAX = 1000
# The cadences an alliance can choose on its page, in months (empty: the signal rules' default).
CADENCES = (3, 6, 12)
OVERDUE = "health_check_overdue"


class HealthCheckError(DancecardError):
    """A health check cannot do what was asked (no respondents, already closed, one already open...)."""


# --- opening ---------------------------------------------------------------------------------------


def clean_names(raw: str | Iterable[str], who: str) -> list[str]:
    """One name per line, trimmed, each once; HealthCheckError names the first problem."""
    names = raw.splitlines() if isinstance(raw, str) else list(raw)
    names = [" ".join(n.split()) for n in names if n and n.strip()]
    if len(names) > MAX_PEOPLE:
        raise HealthCheckError(f"{who}: at most {MAX_PEOPLE} people per side.")
    seen: set[str] = set()
    for name in names:
        if len(name) > NAME_MAX:
            raise HealthCheckError(f"{who}: the name “{name[:40]}…” is too long ({NAME_MAX} characters at most).")
        problem = text_problem(name)
        if problem:
            raise HealthCheckError(f"{who}: a name {problem}.")
        if name.casefold() in seen:
            raise HealthCheckError(f"{who}: “{name}” is listed twice; give each person a distinct name.")
        seen.add(name.casefold())
    return names


def people_on_record(alliance) -> dict[str, str]:
    """The alliance's people who have not left, one name per line per side: who to ask, to start with."""
    names: dict[str, list[str]] = {side.value: [] for side in t.Side}
    for side, name in Contact.objects.filter(alliance=alliance, left__isnull=True).values_list("side", "name"):
        if side in names and name not in names[side]:
            names[side].append(name)
    return {side: "\n".join(found[:MAX_PEOPLE]) for side, found in names.items()}


def open_check_of(alliance) -> HealthCheck | None:
    return alliance.health_checks.filter(closed__isnull=True).first()


@transaction.atomic
def open_check(alliance, ours: str | Iterable[str], partner: str | Iterable[str] = "",
               on: date | None = None) -> HealthCheck:
    """A new health check on the alliance, with a private link for each named person.

    Our team answers it; the partner's people are optional. One check is open at a time."""
    our_names = clean_names(ours, "Your team")
    partner_names = clean_names(partner, "The partner's people")
    if not our_names:
        raise HealthCheckError("Your team: name at least one person, one per line.")
    if open_check_of(alliance) is not None:
        raise HealthCheckError("A health check is already open on this alliance: close it before opening another.")
    check = HealthCheck.objects.create(workspace_id=alliance.workspace_id, alliance=alliance,
                                       instrument_version=load_health_check().version, opened=on or today())
    _add(check, t.Side.OURS, our_names)
    _add(check, t.Side.PARTNER, partner_names)
    return check


def _add(check: HealthCheck, side: t.Side, names: list[str]) -> list[HealthResponse]:
    return [HealthResponse.objects.create(workspace_id=check.workspace_id, health_check=check, side=side, name=name)
            for name in names]


@transaction.atomic
def add_people(check: HealthCheck, side: str, raw: str | Iterable[str]) -> list[HealthResponse]:
    """More people on one side of an open check, each with their own link."""
    locked = HealthCheck.objects.select_for_update().get(pk=check.pk)
    if locked.closed is not None:
        raise HealthCheckError("This health check is closed: reopen it to add people.")
    try:
        side = t.Side(side)
    except ValueError:
        raise HealthCheckError("Choose a side: your team or the partner's people.") from None
    who = "Your team" if side == t.Side.OURS else "The partner's people"
    names = clean_names(raw, who)
    if not names:
        raise HealthCheckError(f"{who}: name at least one person, one per line.")
    taken = {r.name.casefold() for r in locked.responses.filter(side=side)}
    twice = next((n for n in names if n.casefold() in taken), None)
    if twice:
        raise HealthCheckError(f"{who}: “{twice}” is already asked in this check.")
    if len(taken) + len(names) > MAX_PEOPLE:
        raise HealthCheckError(f"{who}: at most {MAX_PEOPLE} people per side.")
    return _add(locked, side, names)


# --- answers ---------------------------------------------------------------------------------------


def instrument_of(check: HealthCheck) -> HealthInstrument:
    """The version the check was opened with; the newest if that one is not shipped (an imported check)."""
    try:
        return load_health_check(check.instrument_version)
    except UnknownInstrument:
        return load_health_check()


def _value(stored: Any) -> Any:
    return stored.get("value") if isinstance(stored, Mapping) else stored


def answer_values(stored: Mapping[str, Any] | None) -> dict[str, Any]:
    """The plain {item id: 1..5 or "dont_know"} the core scores, from a response's stored answers."""
    values = {}
    for item_id, answer in (stored or {}).items():
        value = _value(answer)
        values[item_id] = "dont_know" if value is None or value in DONT_KNOW else value
    return values


def _usable(check: HealthInstrument, stored: Mapping[str, Any] | None) -> dict[str, Any]:
    """The answers the core can score: statements of this version with a value it reads. Anything else
    (an imported answer of another version, a value out of range) is left out, like an unanswered one."""
    usable = {}
    for item_id, value in answer_values(stored).items():
        try:
            usable.update(parse_health_answers(check, {item_id: value}))
        except InvalidAnswers:
            continue
    return usable


def answered_count(stored: Mapping[str, Any] | None) -> int:
    return len(stored or {})


@transaction.atomic
def save_answers(response: HealthResponse, answers: Mapping[str, Mapping[str, Any]], submit: bool = False) -> HealthResponse:
    """Replace the response's answers with checked ones ({item: {"value", "note"}}), and submit if asked.

    Refused (HealthCheckError) when the link no longer works, the check is closed or the answers were
    already submitted: nothing is written then."""
    # The core's check too (InvalidAnswers lists every problem), for callers other than the page's form.
    parse_health_answers(instrument_of(response.health_check), {k: a.get("value") for k, a in answers.items()})
    locked = HealthResponse.objects.select_for_update().select_related("health_check").get(pk=response.pk)
    if locked.revoked is not None or locked.token != response.token:
        raise HealthCheckError("This link no longer works: answers can no longer be given through it.")
    if locked.health_check.closed is not None:
        raise HealthCheckError("This health check is closed: answers can no longer be given.")
    if locked.submitted is not None:
        raise HealthCheckError("Your answers are already submitted; they can no longer be changed.")
    locked.answers = {item_id: {"value": "dont_know" if a["value"] is None else a["value"], "note": a.get("note", "")}
                      for item_id, a in answers.items()}
    fields = ["answers"]
    if submit:
        locked.submitted = timezone.now()
        fields.append("submitted")
    locked.save(update_fields=fields)
    response.answers, response.submitted = locked.answers, locked.submitted
    return response


# --- the comparison --------------------------------------------------------------------------------


def compare(check: HealthCheck, responses: Iterable[HealthResponse] | None = None) -> HealthComparison:
    """Both sides' scores and the gaps between them, from the submitted answers."""
    instrument = instrument_of(check)
    responses = list(check.responses.all() if responses is None else responses)
    ours = [_usable(instrument, r.answers) for r in responses if r.submitted and r.side == t.Side.OURS]
    theirs = [_usable(instrument, r.answers) for r in responses if r.submitted and r.side == t.Side.PARTNER]
    return compare_sides(instrument, score_side(instrument, *ours), score_side(instrument, *theirs))


@dataclass(frozen=True)
class Tally:
    """Who was asked and who has submitted, per side."""

    ours_invited: int
    ours_submitted: int
    partner_invited: int
    partner_submitted: int

    @property
    def picture_ready(self) -> bool:
        """One person per side has answered (or one of ours, if the partner's people were not asked)."""
        return self.ours_submitted >= 1 and (self.partner_invited == 0 or self.partner_submitted >= 1)

    @property
    def can_close(self) -> bool:
        return self.ours_submitted + self.partner_submitted >= 1


def tally(responses: Iterable[HealthResponse]) -> Tally:
    responses = list(responses)
    side = {s: [r for r in responses if r.side == s] for s in t.Side}
    return Tally(len(side[t.Side.OURS]), sum(1 for r in side[t.Side.OURS] if r.submitted),
                 len(side[t.Side.PARTNER]), sum(1 for r in side[t.Side.PARTNER] if r.submitted))


def comparison_summary(comparison: HealthComparison, counts: Tally) -> dict[str, Any]:
    """What a closed check keeps: the comparison as codes and numbers, and how many were asked."""
    summary = msgspec.to_builtins(comparison)
    summary["invited"] = {"ours": counts.ours_invited, "partner": counts.partner_invited}
    return summary


def present_actions(summary: Mapping[str, Any] | None, check: HealthInstrument) -> list[dict[str, Any]]:
    """The actions of a stored or fresh comparison, in words (signal-words-en.toml)."""
    actions = []
    for raw in (summary or {}).get("actions", []):
        try:
            action = msgspec.convert(raw, HealthAction)
        except msgspec.ValidationError:  # a summary from a future version: skip what cannot be read
            continue
        actions.append(present_health_action(action, check) | {"kind_label": code_label("health_action_kind",
                                                                                           action.kind.value)})
    return actions


@transaction.atomic
def close_check(check: HealthCheck, on: date | None = None) -> HealthCheck:
    """Freeze the check: each side's overall score, the comparison, and the day it closed."""
    locked = HealthCheck.objects.select_for_update().get(pk=check.pk)
    if locked.closed is not None:
        raise HealthCheckError("This health check is already closed.")
    responses = list(locked.responses.all())
    counts = tally(responses)
    if not counts.can_close:
        raise HealthCheckError("Nobody has submitted answers yet: the check can close once someone has.")
    comparison = compare(locked, responses)
    locked.ours, locked.partner = comparison.ours.score, comparison.partner.score
    locked.closed = on or today()
    locked.summary = comparison_summary(comparison, counts)
    locked.save(update_fields=["ours", "partner", "closed", "summary"])
    check.ours, check.partner, check.closed, check.summary = locked.ours, locked.partner, locked.closed, locked.summary
    return check


@transaction.atomic
def reopen_check(check: HealthCheck) -> HealthCheck:
    """Open a closed check again: people who had not submitted can answer; its scores are worked out again
    when it closes. The closed version stays in the check's history."""
    locked = HealthCheck.objects.select_for_update().get(pk=check.pk)
    if locked.closed is None:
        raise HealthCheckError("This health check is open: there is nothing to reopen.")
    other = locked.alliance.health_checks.filter(closed__isnull=True).exclude(pk=locked.pk).first()
    if other is not None:
        raise HealthCheckError(f"Another health check (opened {other.opened:%d %b %Y}) is open on this alliance: "
                               "close it first.")
    locked.closed = locked.ours = locked.partner = locked.summary = None
    locked.save(update_fields=["ours", "partner", "closed", "summary"])
    check.ours, check.partner, check.closed, check.summary = None, None, None, None
    return check


# --- private links ---------------------------------------------------------------------------------


@transaction.atomic
def revoke_link(response: HealthResponse) -> HealthResponse:
    locked = HealthResponse.objects.select_for_update().get(pk=response.pk)
    if locked.revoked is not None:
        raise HealthCheckError(f"{locked.name}'s link is already revoked. Make a new link to let them answer again.")
    locked.revoked = timezone.now()
    locked.save(update_fields=["revoked"])
    response.revoked = locked.revoked
    return response


@transaction.atomic
def renew_link(response: HealthResponse) -> HealthResponse:
    """A fresh link for the same person (same answers); the old one stops working."""
    locked = HealthResponse.objects.select_for_update().get(pk=response.pk)
    locked.token, locked.revoked = new_token(), None
    locked.save(update_fields=["token", "revoked"])
    response.token, response.revoked = locked.token, locked.revoked
    return response


def find_by_token(token: str) -> tuple[HealthResponse | None, str]:
    """The response a private link belongs to, and the link's state: "valid", "revoked", "closed" (the
    check is closed), "replaced" (a new link replaced it) or "unknown" (no such link: None)."""
    if not token or len(token) > 64:
        return None, "unknown"
    response = (HealthResponse.objects.select_related("health_check__alliance", "workspace")
                .filter(token=token).first())
    if response is not None:
        if response.revoked is not None:
            return response, "revoked"
        if response.health_check.closed is not None:
            return response, "closed"
        return response, "valid"
    past = HealthResponse.history.filter(token=token).order_by("-history_date").values_list("id", flat=True).first()
    if past is not None:
        response = HealthResponse.objects.select_related("health_check__alliance", "workspace").filter(pk=past).first()
        if response is not None:
            return response, "replaced"
    return None, "unknown"


def check_runner(check: HealthCheck):
    """The member who opened the check (from its history), or None when unknown."""
    first = check.history.order_by("history_date", "history_id").select_related("history_user").first()
    return first.history_user if first is not None else None


# --- cadence and the next check --------------------------------------------------------------------


def today() -> date:
    return timezone.localdate()


def default_cadence() -> int:
    """The signal rules' cadence (months), used when an alliance sets none."""
    rule = load_signal_rules().rule(OVERDUE)
    return int(rule.threshold) if rule and rule.threshold else 6


def parse_cadence(raw: str | None) -> int | None:
    """A cadence chosen in a form: "" for the default (None), else one of CADENCES; HealthCheckError otherwise."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if raw.isdigit() and int(raw) in CADENCES:
        return int(raw)
    raise HealthCheckError("Choose how often: every " + ", ".join(str(c) for c in CADENCES[:-1])
                           + f" or {CADENCES[-1]} months, or the default.")


def set_cadence(alliance, months: int | None) -> None:
    if months is not None and months not in CADENCES:
        raise HealthCheckError("Choose every 3, 6 or 12 months, or the default.")
    alliance.health_cadence_months = months
    alliance.save(update_fields=["health_cadence_months", "updated"])


def months_after(start: date, months: int) -> date:
    """The first day on which `months` whole months have passed since `start` (as the overdue signal counts
    them: 31 January + 1 month is 1 March, since 28 February is not yet a whole month)."""
    total = start.month - 1 + months
    year, month = start.year + total // 12, total % 12 + 1
    if start.day <= calendar.monthrange(year, month)[1]:
        return date(year, month, start.day)
    return date(year + month // 12, month % 12 + 1, 1)


def _life(alliance, checks: list[HealthCheck], stages: list[StageChange], on: date) -> t.AllianceLife:
    return t.AllianceLife(
        today=on, started=timezone.localdate(alliance.created),
        health_checks=tuple(t.HealthCheck(id=f"health_check:{h.pk}", date=h.closed, ours=h.ours, partner=h.partner)
                            for h in checks if h.closed is not None),
        stages=tuple(t.StageChange(id=f"stage_change:{s.pk}", date=s.date, stage=t.Stage(s.stage)) for s in stages),
        health_cadence_months=alliance.health_cadence_months)


def health_section(alliance, on: date | None = None) -> dict[str, Any]:
    """What the alliance page shows of its health checks (2 queries): every check with its answer
    counts, the last closed one, the cadence, when the next check is due and whether it is overdue
    (the same reading as the needs-attention page's "Health check overdue" signal)."""
    on = on or today()
    checks = list(alliance.health_checks.annotate(
        invited=Count("responses"), submitted_count=Count("responses", filter=Q(responses__submitted__isnull=False))))
    stages = list(StageChange.objects.filter(alliance=alliance))
    life = _life(alliance, checks, stages, on)
    rules = load_signal_rules()
    rule = rules.rule(OVERDUE)
    cadence = alliance.health_cadence_months or default_cadence()
    closed = [h for h in checks if h.closed is not None and h.closed <= on]
    last = max(closed, key=lambda h: (h.closed, h.pk), default=None)
    stage = life.stage()
    ended = stage is not None and stage in rules.settings.quiet_in
    applies = rule is not None and (rule.from_stage is None or (stage is not None and stage.rank >= rule.from_stage.rank))
    due = None
    if not ended and rule is not None:
        reached = life.reached(rule.from_stage) if rule.from_stage else None
        start = max(life.started, reached) if reached else life.started
        if applies or last is not None:
            since = max(start, last.closed) if last else start
            due = months_after(since, cadence)
    overdue = any(s.code == OVERDUE for s in evaluate(life, rules))
    return {
        "checks": checks,
        "open": next((h for h in checks if h.closed is None), None),
        "last": last,
        "cadence": cadence,
        "cadence_set": alliance.health_cadence_months,
        "default_cadence": default_cadence(),
        "cadences": CADENCES,
        "due": due,
        "overdue": overdue,
        "applies": applies,
        "ended": ended,
        "from_stage": rule.from_stage.value if rule and rule.from_stage else None,
        "side_ours": code_label("side", t.Side.OURS), "side_partner": code_label("side", t.Side.PARTNER),
    }
