"""The shape of a JSON export, `dancecard.export/1`, as typed records.

Records point at each other by export-local references ("partner-1",
"alliance-2"...) rather than database ids, so a file can be imported into any
database and exporting the import gives the same file back. See docs/exports.md.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

import msgspec

FORMAT = "dancecard.export/1"

Ref = Annotated[str, msgspec.Meta(min_length=1, max_length=60)]
Moment = Annotated[datetime, msgspec.Meta(tz=True)]


class Record(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


class WorkspaceRecord(Record, kw_only=True):
    name: str


class PartnerRecord(Record, kw_only=True):
    ref: Ref
    name: str
    headquarters_country: str = ""
    sector: str = ""
    subsidiary: str = ""
    subsidiary_mandate: str = ""
    autonomy: str = ""
    revenues_musd: Decimal | None = None
    employees: int | None = None
    founded: int | None = None
    proximity: str = ""
    internal_politics: str = ""
    notes: str = ""
    created: Moment
    updated: Moment


class MemberRecord(Record, kw_only=True):
    partner: Ref
    role: str = ""


class AllianceRecord(Record, kw_only=True):
    ref: Ref
    name: str
    purpose: str
    form: str = ""
    stage: str
    owner: str = ""
    members: list[MemberRecord] = []
    current_assessment: Ref | None = None
    health_cadence_months: int | None = None
    created: Moment
    updated: Moment


class AssessmentRecord(Record, kw_only=True):
    ref: Ref
    alliance: Ref
    partner: Ref | None = None
    instrument: str
    version: str
    respondent: str = ""
    status: Literal["draft", "complete"]
    answers: dict[str, Any]
    # The result as scored when the assessment was completed: a historical record, never re-scored.
    result: dict[str, Any] | None = None
    created: Moment
    updated: Moment
    completed: Moment | None = None


class RespondentRecord(Record, kw_only=True):
    name: str
    # The private link. An export is a backup: whoever holds it can open open rounds' links.
    token: Annotated[str, msgspec.Meta(min_length=20, max_length=64)]
    assessment: Ref
    submitted: Moment | None = None
    revoked: Moment | None = None


class RoundRecord(Record, kw_only=True):
    ref: Ref
    alliance: Ref
    title: str = ""
    instrument: str
    version: str
    status: Literal["open", "closed"]
    respondents: list[RespondentRecord]
    consensus: Ref | None = None
    closing_summary: dict[str, Any] | None = None
    created: Moment
    closed: Moment | None = None
    links_expire: Moment | None = None


# --- the alliance's life (tracking); absent from files made before it existed ---------------------


class ContactRecord(Record, kw_only=True):
    ref: Ref
    alliance: Ref
    side: str
    name: str
    job_title: str = ""
    partner: Ref | None = None
    unit: str = ""
    level: str
    role: str
    known_by: Ref | None = None
    email: str = ""
    notes: str = ""
    left: date | None = None
    created: Moment


class InteractionRecord(Record, kw_only=True):
    alliance: Ref
    date: date
    kind: str
    ours: list[Ref] = []
    theirs: list[Ref] = []
    initiated_by: str = ""
    note: str = ""
    decision_without_us: bool = False
    cost_not_in_plan: bool = False
    terms_reopened: bool = False
    created: Moment


class PostponementRecord(Record, kw_only=True):
    date: date
    reason: str = ""
    previous_due: date
    new_due: date


class MilestoneRecord(Record, kw_only=True):
    alliance: Ref
    title: str
    due: date
    owner: str = ""
    status: str
    value_if_stopped: str = ""
    closed: date | None = None
    postponements: list[PostponementRecord] = []
    created: Moment


class CommitmentRecord(Record, kw_only=True):
    alliance: Ref
    kind: str
    title: str = ""
    status: str
    started: date
    signed: date | None = None
    expires: date | None = None
    governing_law: str = ""
    exit_clause: bool | None = None
    ip_ownership: str = ""
    exclusivity: bool | None = None
    renewal: str = ""
    document: str = ""
    notes: str = ""
    created: Moment


class NextStepRecord(Record, kw_only=True):
    alliance: Ref
    text: str
    due: date | None = None
    owner: str = ""
    done: date | None = None
    created: Moment


class StageChangeRecord(Record, kw_only=True):
    alliance: Ref
    date: date
    stage: str


class RevenueShareRecord(Record, kw_only=True):
    alliance: Ref
    date: date
    percent: Decimal


class HealthResponseRecord(Record, kw_only=True):
    side: str
    name: str
    # The private link, as for round respondents.
    token: Annotated[str, msgspec.Meta(min_length=20, max_length=64)]
    answers: dict[str, Any] = {}
    submitted: Moment | None = None
    revoked: Moment | None = None


class HealthCheckRecord(Record, kw_only=True):
    alliance: Ref
    instrument_version: str
    opened: date
    closed: date | None = None
    ours: float | None = None
    partner: float | None = None
    summary: dict[str, Any] | None = None
    responses: list[HealthResponseRecord] = []


class ExportDocument(Record, kw_only=True):
    format: Literal["dancecard.export/1"]
    scope: Literal["workspace", "alliance"]
    exported: Moment
    workspace: WorkspaceRecord
    partners: list[PartnerRecord] = []
    alliances: list[AllianceRecord] = []
    assessments: list[AssessmentRecord] = []
    rounds: list[RoundRecord] = []
    contacts: list[ContactRecord] = []
    interactions: list[InteractionRecord] = []
    milestones: list[MilestoneRecord] = []
    commitments: list[CommitmentRecord] = []
    next_steps: list[NextStepRecord] = []
    stage_changes: list[StageChangeRecord] = []
    revenue_shares: list[RevenueShareRecord] = []
    health_checks: list[HealthCheckRecord] = []


def encode(document: ExportDocument) -> bytes:
    return msgspec.json.format(msgspec.json.encode(document), indent=2) + b"\n"
