"""A consortium's picture: the same three factors per partner and for the whole (design brief, "Alliance shape").

Plain functions over the stored summaries (`Assessment.summary`, `Assessment.band`), never
the full results, so the alliance page and the brief can both use them cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dancecard.assessments.models import Assessment, Status
from dancecard.portfolio.models import Alliance, AllianceMember, Partner

FACTORS = ("market", "partner_value", "risk")
# What the rows need of an assessment: never the answers or the full result.
_FIELDS = ("id", "alliance", "partner", "instrument_name", "instrument_version", "respondent",
           "status", "band", "summary", "created", "completed")


@dataclass(frozen=True)
class PartnerRow:
    """One member partner with its latest completed per-partner assessment (None: not assessed yet)."""

    member: AllianceMember
    assessment: Assessment | None
    # A newer per-partner assessment still in progress, to resume rather than start again.
    draft: Assessment | None = None

    @property
    def partner(self) -> Partner:
        return self.member.partner

    @property
    def role(self) -> str:
        return self.member.role

    @property
    def band(self) -> str:
        return self.assessment.band if self.assessment else ""

    @property
    def factors(self) -> dict[str, dict[str, Any]]:
        """Factor key → {"score", "low", "high", "coverage"}; empty when not assessed."""
        return _factors(self.assessment)

    @property
    def risk(self) -> float | None:
        return self.factors.get("risk", {}).get("score")


@dataclass(frozen=True)
class Rollup:
    """The whole next to its parts: the current picture and the weakest partner's risk."""

    rows: list[PartnerRow]
    whole: Assessment | None
    # The partner whose latest assessment has the highest risk score (higher is riskier).
    weakest: PartnerRow | None
    missing: list[PartnerRow] = field(default_factory=list)

    @property
    def whole_factors(self) -> dict[str, dict[str, Any]]:
        return _factors(self.whole)

    @property
    def assessed(self) -> list[PartnerRow]:
        return [row for row in self.rows if row.assessment is not None]


def _factors(assessment: Assessment | None) -> dict[str, dict[str, Any]]:
    factors = ((assessment.summary or {}).get("factors") or {}) if assessment else {}
    return {key: factors[key] for key in FACTORS if key in factors}


def partner_rows(alliance: Alliance) -> list[PartnerRow]:
    """Each member partner, by name, with its latest completed assessment about that partner alone.

    Two queries whatever the number of partners: the members, and their per-partner assessments.
    Team members' private answers (respondents of a round) are never counted.
    """
    members = list(alliance.members.select_related("partner").order_by("partner__name", "pk"))
    assessments = (Assessment.objects
                   .filter(workspace_id=alliance.workspace_id, alliance=alliance,
                           partner_id__in=[m.partner_id for m in members], respondent_of__isnull=True)
                   .only(*_FIELDS)
                   .order_by("-created", "-pk"))
    latest: dict[int, Assessment] = {}
    drafts: dict[int, Assessment] = {}
    for assessment in assessments:
        if assessment.status == Status.COMPLETE:
            current = latest.get(assessment.partner_id)
            if current is None or (assessment.completed, assessment.pk) > (current.completed, current.pk):
                latest[assessment.partner_id] = assessment
        elif assessment.partner_id not in drafts:
            drafts[assessment.partner_id] = assessment
    rows = []
    for member in members:
        done = latest.get(member.partner_id)
        draft = drafts.get(member.partner_id)
        if draft is not None and done is not None and draft.created < done.completed:
            draft = None  # an older draft left behind: the completed one is the news
        rows.append(PartnerRow(member=member, assessment=done, draft=draft))
    return rows


def weakest(rows: list[PartnerRow]) -> PartnerRow | None:
    """The row with the highest risk score; ties go to the first (by partner name); None if no risk is scored."""
    scored = [row for row in rows if row.risk is not None]
    if not scored:
        return None
    return max(scored, key=lambda row: row.risk)  # max keeps the first of equals


def rollup(alliance: Alliance, rows: list[PartnerRow] | None = None) -> Rollup:
    """The consortium's roll-up: partner rows, the whole's current assessment, the weakest partner's risk."""
    rows = partner_rows(alliance) if rows is None else rows
    whole = None
    if alliance.current_assessment_id:
        whole = (Assessment.objects.filter(workspace_id=alliance.workspace_id, pk=alliance.current_assessment_id)
                 .select_related("partner").only(*_FIELDS, "partner__name").first())
    return Rollup(rows=rows, whole=whole, weakest=weakest(rows),
                  missing=[row for row in rows if row.assessment is None])
