"""Reading a workspace, or one alliance, out of the database into an export document."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from dancecard.assessments.models import Assessment
from dancecard.exchange.schema import (
    AllianceRecord, AssessmentRecord, ExportDocument, MemberRecord, PartnerRecord, RespondentRecord,
    RoundRecord, WorkspaceRecord,
)
from dancecard.portfolio.models import Alliance, AllianceMember, Partner
from dancecard.rounds.models import Round
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


def _in_order(rows: Iterable) -> list:
    # Creation order, so that a re-imported workspace (saved in file order) exports identically.
    return sorted(rows, key=lambda row: (row.created, row.pk))


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
                created=a.created, updated=a.updated,
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
                                     submitted=p.submitted)
                    for p in r.respondents.all()
                ],
                consensus=assessment_ref.get(r.consensus_id) if r.consensus_id else None,
                closing_summary=r.closing_summary, created=r.created, closed=r.closed,
            )
            for n, r in enumerate(rounds, 1)
        ],
    )
