"""Reading a workspace, or one alliance, out of the database into an export document."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from dancecard.assessments.models import Assessment
from dancecard.exchange.schema import (
    AllianceRecord, AssessmentRecord, CommitmentRecord, ContactRecord, ExportDocument, HealthCheckRecord,
    HealthResponseRecord, InteractionRecord, MemberRecord, MilestoneRecord, NextStepRecord, PartnerRecord,
    PostponementRecord, RespondentRecord, RevenueShareRecord, RoundRecord, StageChangeRecord, WorkspaceRecord,
)
from dancecard.portfolio.models import Alliance, AllianceMember, Partner
from dancecard.rounds.models import Round
from dancecard.tracking import models as life
from dancecard.workspaces.models import Workspace

PARTNER_FIELDS = ("name", "headquarters_country", "sector", "subsidiary", "subsidiary_mandate", "autonomy",
                  "revenues_musd", "employees", "founded", "proximity", "internal_politics", "notes",
                  "created", "updated")


def export_workspace(workspace: Workspace) -> ExportDocument:
    return _document(
        workspace, "workspace",
        partners=Partner.objects.filter(workspace=workspace),
        alliances=Alliance.objects.filter(workspace=workspace),
    )


def export_alliance(alliance: Alliance) -> ExportDocument:
    in_use = set(AllianceMember.objects.filter(alliance=alliance).values_list("partner_id", flat=True))
    in_use |= set(alliance.assessments.exclude(partner=None).values_list("partner_id", flat=True))
    return _document(
        alliance.workspace, "alliance",
        partners=Partner.objects.filter(workspace=alliance.workspace, pk__in=in_use),
        alliances=Alliance.objects.filter(pk=alliance.pk),
    )


def _in_order(rows: Iterable, by: str = "created") -> list:
    # Creation order, so that a re-imported workspace (saved in file order) exports identically.
    return sorted(rows, key=lambda row: (getattr(row, by), row.pk))


COMMITMENT_FIELDS = ("kind", "title", "status", "started", "signed", "expires", "governing_law", "exit_clause",
                     "ip_ownership", "exclusivity", "renewal", "document", "notes", "created")


def _document(workspace: Workspace, scope: str, partners, alliances) -> ExportDocument:
    partners = _in_order(partners)
    alliances = _in_order(alliances)
    assessments = _in_order(Assessment.objects.filter(alliance__in=alliances))
    rounds = _in_order(Round.objects.filter(alliance__in=alliances).prefetch_related("respondents"))
    members = AllianceMember.objects.filter(alliance__in=alliances).order_by("pk")

    partner_ref = {p.pk: f"partner-{n}" for n, p in enumerate(partners, 1)}
    alliance_ref = {a.pk: f"alliance-{n}" for n, a in enumerate(alliances, 1)}
    assessment_ref = {s.pk: f"assessment-{n}" for n, s in enumerate(assessments, 1)}
    members_of: dict[int, list[MemberRecord]] = {}
    for member in members:
        members_of.setdefault(member.alliance_id, []).append(
            MemberRecord(partner=partner_ref[member.partner_id], role=member.role))

    return ExportDocument(
        format="dancecard.export/1",
        scope=scope,  # type: ignore[arg-type]
        exported=timezone.now(),
        workspace=WorkspaceRecord(name=workspace.name),
        partners=[
            PartnerRecord(ref=partner_ref[p.pk], **{field: getattr(p, field) for field in PARTNER_FIELDS})
            for p in partners
        ],
        alliances=[
            AllianceRecord(
                ref=alliance_ref[a.pk], name=a.name, purpose=a.purpose, form=a.form, stage=a.stage, owner=a.owner,
                members=members_of.get(a.pk, []),
                current_assessment=assessment_ref.get(a.current_assessment_id) if a.current_assessment_id else None,
                health_cadence_months=a.health_cadence_months, created=a.created, updated=a.updated,
            )
            for a in alliances
        ],
        assessments=[
            AssessmentRecord(
                ref=assessment_ref[s.pk], alliance=alliance_ref[s.alliance_id],
                partner=partner_ref.get(s.partner_id) if s.partner_id else None,
                instrument=s.instrument_name, version=s.instrument_version, respondent=s.respondent,
                status=s.status, answers=s.answers, result=s.result,
                created=s.created, updated=s.updated, completed=s.completed,
            )
            for s in assessments
        ],
        rounds=[
            RoundRecord(
                ref=f"round-{n}", alliance=alliance_ref[r.alliance_id], title=r.title,
                instrument=r.instrument_name, version=r.instrument_version, status=r.status,
                respondents=[
                    RespondentRecord(name=p.name, token=p.token, assessment=assessment_ref[p.assessment_id],
                                     submitted=p.submitted, revoked=p.revoked)
                    for p in r.respondents.all()
                ],
                consensus=assessment_ref.get(r.consensus_id) if r.consensus_id else None,
                closing_summary=r.closing_summary, created=r.created, closed=r.closed, links_expire=r.links_expire,
            )
            for n, r in enumerate(rounds, 1)
        ],
        **_life(alliances, alliance_ref, partner_ref),
    )


def _life(alliances: list, alliance_ref: dict[int, str], partner_ref: dict[int, str]) -> dict[str, list]:
    """The alliances' tracking records, each list in creation (or date) order."""
    contacts = _in_order(life.Contact.objects.filter(alliance__in=alliances))
    contact_ref = {c.pk: f"contact-{n}" for n, c in enumerate(contacts, 1)}
    interactions = _in_order(life.Interaction.objects.filter(alliance__in=alliances)
                             .prefetch_related("ours", "theirs"))
    milestones = _in_order(life.Milestone.objects.filter(alliance__in=alliances).prefetch_related("postponements"))
    checks = _in_order(life.HealthCheck.objects.filter(alliance__in=alliances).prefetch_related("responses"),
                       by="opened")

    def refs(people) -> list[str]:
        return sorted((contact_ref[c.pk] for c in people), key=lambda ref: int(ref.rsplit("-", 1)[1]))

    return {
        "contacts": [ContactRecord(
            ref=contact_ref[c.pk], alliance=alliance_ref[c.alliance_id], side=c.side, name=c.name,
            job_title=c.job_title, partner=partner_ref.get(c.partner_id) if c.partner_id else None, unit=c.unit,
            level=c.level, role=c.role, known_by=contact_ref.get(c.known_by_id) if c.known_by_id else None,
            email=c.email, notes=c.notes, left=c.left, created=c.created) for c in contacts],
        "interactions": [InteractionRecord(
            alliance=alliance_ref[i.alliance_id], date=i.date, kind=i.kind, ours=refs(i.ours.all()),
            theirs=refs(i.theirs.all()), initiated_by=i.initiated_by, note=i.note,
            decision_without_us=i.decision_without_us, cost_not_in_plan=i.cost_not_in_plan,
            terms_reopened=i.terms_reopened, created=i.created) for i in interactions],
        "milestones": [MilestoneRecord(
            alliance=alliance_ref[m.alliance_id], title=m.title, due=m.due, owner=m.owner, status=m.status,
            value_if_stopped=m.value_if_stopped, closed=m.closed, created=m.created,
            postponements=[PostponementRecord(date=p.date, reason=p.reason, previous_due=p.previous_due,
                                              new_due=p.new_due)
                           for p in sorted(m.postponements.all(), key=lambda p: (p.date, p.pk))])
            for m in milestones],
        "commitments": [CommitmentRecord(alliance=alliance_ref[c.alliance_id],
                                         **{f: getattr(c, f) for f in COMMITMENT_FIELDS})
                        for c in _in_order(life.Commitment.objects.filter(alliance__in=alliances))],
        "next_steps": [NextStepRecord(alliance=alliance_ref[n.alliance_id], text=n.text, due=n.due, owner=n.owner,
                                      done=n.done, created=n.created)
                       for n in _in_order(life.NextStep.objects.filter(alliance__in=alliances))],
        "stage_changes": [StageChangeRecord(alliance=alliance_ref[c.alliance_id], date=c.date, stage=c.stage)
                          for c in _in_order(life.StageChange.objects.filter(alliance__in=alliances), by="date")],
        "revenue_shares": [RevenueShareRecord(alliance=alliance_ref[r.alliance_id], date=r.date, percent=r.percent)
                           for r in _in_order(life.RevenueShare.objects.filter(alliance__in=alliances), by="date")],
        "health_checks": [HealthCheckRecord(
            alliance=alliance_ref[h.alliance_id], instrument_version=h.instrument_version, opened=h.opened,
            closed=h.closed, ours=h.ours, partner=h.partner, summary=h.summary,
            responses=[HealthResponseRecord(side=r.side, name=r.name, token=r.token, answers=r.answers,
                                            submitted=r.submitted, revoked=r.revoked)
                       for r in sorted(h.responses.all(), key=lambda r: r.pk)])
            for h in checks],
    }
