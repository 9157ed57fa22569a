"""Reading stored records into the core's AllianceLife, for many alliances in a fixed number of queries.

The needs-attention page, the CLI's `attention`, reminders and the brief all read lives through here,
so the signals they show are the same. Ids are "kind:pk" strings, as the core expects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from dancecard.assessments.models import Assessment, Status
from dancecard.core import timeline as t
from dancecard.core.signals import Signal, evaluate
from dancecard.portfolio.models import Alliance
from dancecard.tracking.models import (
    Commitment,
    Contact,
    HealthCheck,
    Interaction,
    Milestone,
    NextStep,
    Postponement,
    RevenueShare,
    StageChange,
)


def _by_alliance(rows: Iterable) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row.alliance_id].append(row)
    return grouped


def _pairs(through, ids: list[int]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for interaction_id, contact_id in (through.objects.filter(interaction__alliance_id__in=ids)
                                       .values_list("interaction_id", "contact_id")):
        grouped[interaction_id].append(f"contact:{contact_id}")
    return grouped


def today() -> date:
    return timezone.localdate()


def lives(alliances: list[Alliance], on: date | None = None) -> dict[int, t.AllianceLife]:
    """Each alliance's life as it stands `on` a day (default today): 12 queries, whatever the number of alliances."""
    on = on or today()
    ids = [a.pk for a in alliances]
    contacts = _by_alliance(Contact.objects.filter(alliance_id__in=ids).only(
        "pk", "alliance_id", "side", "level", "role", "unit", "left"))
    # By far the largest table (50 interactions an alliance is 50,000 rows for a portfolio of 1,000): read
    # as plain tuples, not model instances, which more than halves the time the needs-attention page takes.
    interactions: dict[int, list[tuple]] = defaultdict(list)
    for row in Interaction.objects.filter(alliance_id__in=ids).values_list(
            "pk", "alliance_id", "date", "kind", "initiated_by", "decision_without_us", "cost_not_in_plan",
            "terms_reopened"):
        interactions[row[1]].append(row)
    kinds, sides = {k.value: k for k in t.InteractionKind}, {s.value: s for s in t.Side}
    nobody: tuple[str, ...] = ()
    ours, theirs = _pairs(Interaction.ours.through, ids), _pairs(Interaction.theirs.through, ids)
    milestones = _by_alliance(Milestone.objects.filter(alliance_id__in=ids))
    postponements: dict[int, list[Postponement]] = defaultdict(list)
    for p in Postponement.objects.filter(milestone__alliance_id__in=ids):
        postponements[p.milestone_id].append(p)
    commitments = _by_alliance(Commitment.objects.filter(alliance_id__in=ids))
    checks = _by_alliance(HealthCheck.objects.filter(alliance_id__in=ids, closed__isnull=False))
    stages = _by_alliance(StageChange.objects.filter(alliance_id__in=ids))
    shares = _by_alliance(RevenueShare.objects.filter(alliance_id__in=ids))
    steps = _by_alliance(NextStep.objects.filter(alliance_id__in=ids))
    points: dict[int, list] = defaultdict(list)
    for row in (Assessment.objects.filter(alliance_id__in=ids, status=Status.COMPLETE, partner__isnull=True,
                                          respondent_of__isnull=True)
                .values("pk", "alliance_id", "completed", "summary")):
        factors = (row["summary"] or {}).get("factors", {})
        # A summary names the factors as the model does (market, partner_value, risk).
        score = {field: (factors.get(key) or {}).get("score")
                 for field, key in (("market", "market"), ("value", "partner_value"), ("risk", "risk"))}
        points[row["alliance_id"]].append(t.AssessmentPoint(
            id=f"assessment:{row['pk']}", date=timezone.localdate(row["completed"]), **score))

    result = {}
    for alliance in alliances:
        a = alliance.pk
        result[a] = t.AllianceLife(
            today=on,
            started=timezone.localdate(alliance.created),
            contacts=tuple(t.Contact(id=f"contact:{c.pk}", side=t.Side(c.side), level=t.Level(c.level),
                                     role=t.Role(c.role), unit=t.Unit(c.unit) if c.unit else None, left=c.left)
                           for c in contacts[a]),
            interactions=tuple(t.Interaction(
                id=f"interaction:{pk}", date=day, kind=kinds[kind],
                ours=tuple(ours[pk]) if pk in ours else nobody, theirs=tuple(theirs[pk]) if pk in theirs else nobody,
                initiated_by=sides[initiated] if initiated else None,
                decision_without_us=decision, cost_not_in_plan=cost, terms_reopened=reopened)
                for pk, _, day, kind, initiated, decision, cost, reopened in interactions[a]),
            milestones=tuple(t.Milestone(
                id=f"milestone:{m.pk}", due=m.due, status=t.MilestoneStatus(m.status),
                value_if_stopped=m.value_if_stopped, closed=m.closed,
                postponements=tuple(t.Postponement(date=p.date, reason=p.reason) for p in postponements[m.pk]))
                for m in milestones[a]),
            commitments=tuple(t.Commitment(
                id=f"commitment:{c.pk}", kind=t.CommitmentKind(c.kind), status=t.CommitmentStatus(c.status),
                created=c.started, signed=c.signed, expires=c.expires,
                terms=t.KeyTerms(governing_law=c.governing_law, exit_clause=c.exit_clause,
                                 ip_ownership=t.IpOwnership(c.ip_ownership) if c.ip_ownership else None,
                                 exclusivity=c.exclusivity,
                                 renewal=t.Renewal(c.renewal) if c.renewal else None))
                for c in commitments[a]),
            health_checks=tuple(t.HealthCheck(id=f"health_check:{h.pk}", date=h.closed, ours=h.ours,
                                              partner=h.partner) for h in checks[a]),
            assessments=tuple(points[a]),
            stages=tuple(t.StageChange(id=f"stage_change:{s.pk}", date=s.date, stage=t.Stage(s.stage))
                         for s in stages[a]),
            revenue_shares=tuple(t.RevenueShare(id=f"revenue_share:{r.pk}", date=r.date, share=float(r.percent) / 100)
                                 for r in shares[a]),
            next_steps=tuple(t.NextStep(id=f"next_step:{n.pk}", due=n.due, done=n.done is not None and n.done <= on)
                             for n in steps[a]),
            health_cadence_months=alliance.health_cadence_months,
        )
    return result


def signals_by_alliance(alliances: list[Alliance], on: date | None = None) -> dict[int, list[Signal]]:
    return {pk: evaluate(life) for pk, life in lives(alliances, on).items()}
