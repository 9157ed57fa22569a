"""Request and response shapes of the alliance's life in the JSON API: people, meetings, milestones,
commitments, early-warning signals and health checks (api/life.py).

As in schemas.py: inputs forbid unknown fields, texts refuse control characters, whole numbers and
booleans are strict, and choice fields list their codes (the core's, core/timeline.py; their words come
back as `*_label`). Dates are strict too: a "YYYY-MM-DD" string, nothing else (pydantic would read the
number 0 as 1 January 1970). PATCH bodies: a field left out is unchanged; a field that cannot be empty
refuses an explicit null, one that can (a date not known yet) takes it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, Field

from dancecard.api.schemas import Id, In, Name, Text, _literal
from dancecard.core import timeline as t

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError("give a date as YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]
Flag = Annotated[bool, Field(strict=True)]
ContactIds = Annotated[list[Id], Field(max_length=100)]

def _codes(enum, *, empty: bool = False):
    return _literal(([""] if empty else []) + [member.value for member in enum])


SideValue = _codes(t.Side)
UnitValue = _codes(t.Unit, empty=True)
LevelValue = _codes(t.Level)
RoleValue = _codes(t.Role)
KindValue = _codes(t.InteractionKind)
InitiatedValue = _codes(t.Side, empty=True)
MilestoneStatusValue = _codes(t.MilestoneStatus)
CommitmentKindValue = _codes(t.CommitmentKind)
CommitmentStatusValue = _codes(t.CommitmentStatus)
IpValue = _codes(t.IpOwnership, empty=True)
RenewalValue = _codes(t.Renewal, empty=True)


# --- people ------------------------------------------------------------------------------------------


class ContactIn(In):
    name: Name
    side: SideValue = Field(t.Side.PARTNER.value, description="ours, or partner: the partner's people.")
    job_title: Text(200) = ""
    partner_id: Id | None = Field(None, description=(
        "In a consortium: the partner they work for (one of this alliance's). In a bilateral alliance it is "
        "filled in for the partner's people."))
    unit: UnitValue = Field("", description="Where a partner's person sits; empty: not known. Ours have none.")
    level: LevelValue = t.Level.MANAGER.value
    role: RoleValue = Field(t.Role.NONE.value, description="Their role in the alliance.")
    known_by_id: Id | None = Field(None, description=(
        "The person on our side (a contact of this alliance) who holds the relationship with this partner's person."))
    email: Text(254) = ""
    notes: Text() = ""
    left: Day | None = Field(None, description="The day they left the alliance or the firm; empty while in post.")


class ContactPatch(In):
    name: Name = None  # type: ignore[assignment]
    side: SideValue = None  # type: ignore[assignment]
    job_title: Text(200) = None  # type: ignore[assignment]
    partner_id: Id | None = None
    unit: UnitValue = None  # type: ignore[assignment]
    level: LevelValue = None  # type: ignore[assignment]
    role: RoleValue = None  # type: ignore[assignment]
    known_by_id: Id | None = None
    email: Text(254) = None  # type: ignore[assignment]
    notes: Text() = None  # type: ignore[assignment]
    left: Day | None = None


class ContactOut(Schema):
    id: int
    alliance_id: int
    name: str
    side: str
    side_label: str
    job_title: str
    partner_id: int | None
    unit: str = Field(description="empty: not known")
    unit_label: str
    level: str
    level_label: str
    role: str
    role_label: str
    known_by_id: int | None
    email: str
    notes: str
    left: date | None
    created: datetime


class PersonRef(Schema):
    id: int
    name: str
    unit: str = Field(description="the partner unit they sit in; empty: not known, or one of ours")
    unit_label: str


# --- meetings ------------------------------------------------------------------------------------------


class InteractionIn(In):
    date: Day | None = Field(None, description="The day it happened (not a day still to come); default today.")
    kind: KindValue = t.InteractionKind.FACE_TO_FACE.value
    our_contact_ids: ContactIds = Field(default_factory=list, description=(
        "Our people who took part: contacts of this alliance on our side, still in post."))
    their_contact_ids: ContactIds = Field(default_factory=list, description=(
        "The partner's people who took part: contacts of this alliance on the partner's side, still in post."))
    initiated_by: InitiatedValue = Field("", description="Who asked for it: ours, partner; empty: not noted.")
    note: Text() = ""
    decision_without_us: Flag = Field(False, description="The partner decided something about the alliance without us.")
    cost_not_in_plan: Flag = Field(False, description="A cost came up that nobody planned.")
    terms_reopened: Flag = Field(False, description="They asked to reopen terms already agreed.")


class InteractionOut(Schema):
    id: int
    alliance_id: int
    date: date
    kind: str
    kind_label: str
    ours: list[PersonRef]
    theirs: list[PersonRef]
    initiated_by: str = Field(description="ours, partner; empty: not noted")
    note: str
    decision_without_us: bool
    cost_not_in_plan: bool
    terms_reopened: bool
    created: datetime


# --- milestones ----------------------------------------------------------------------------------------


class MilestoneIn(In):
    title: Name
    due: Day
    owner: Text(200) = Field("", description="Who in your firm sees to it.")
    value_if_stopped: Text() = Field("", description=(
        "What your firm keeps if the alliance stops here (modular knowledge transfer)."))
    status: MilestoneStatusValue = Field(t.MilestoneStatus.PLANNED.value, description=(
        "planned, done or cancelled; `postponed` comes only from the postpone operation."))
    closed: Day | None = Field(None, description="When it was done or cancelled; default today for those.")


class MilestonePatch(In):
    title: Name = None  # type: ignore[assignment]
    due: Day = Field(None,  # type: ignore[assignment]
                     description="Earlier only: a later date is a postponement (POST .../postpone).")
    owner: Text(200) = None  # type: ignore[assignment]
    value_if_stopped: Text() = None  # type: ignore[assignment]
    status: MilestoneStatusValue = None  # type: ignore[assignment]
    closed: Day | None = None


class PostponeIn(In):
    new_due: Day = Field(description="Later than the milestone's current due date.")
    reason: Text(500, required=True) = Field(description="Why it moves: the reasons are the pattern to watch.")


class PostponementOut(Schema):
    date: date
    reason: str
    previous_due: date
    new_due: date


class MilestoneOut(Schema):
    id: int
    alliance_id: int
    title: str
    due: date
    owner: str
    status: str
    status_label: str
    value_if_stopped: str
    closed: date | None
    postponements: list[PostponementOut] = Field(description="Every postponement, oldest first.")
    created: datetime


# --- commitments ---------------------------------------------------------------------------------------


class CommitmentIn(In):
    kind: CommitmentKindValue
    title: Text(200) = ""
    status: CommitmentStatusValue = t.CommitmentStatus.DRAFT.value
    started: Day | None = Field(None, description="When drafting began; default the signing day, or today.")
    signed: Day | None = Field(None, description="Required once signed (or expired); not a day still to come.")
    expires: Day | None = Field(None, description="Empty: it runs until terminated.")
    governing_law: Text(100) = ""
    exit_clause: Flag | None = Field(None, description="Is there a way out for us? null: not known.")
    ip_ownership: IpValue = Field("", description="Who owns what you create together; empty: not known.")
    exclusivity: Flag | None = Field(None, description="Does it bind us to this partner only? null: not known.")
    renewal: RenewalValue = Field("", description="Empty: not known.")
    document: Text(500) = Field("", description="Where the signed document is kept.")
    notes: Text() = ""


class CommitmentPatch(In):
    kind: CommitmentKindValue = None  # type: ignore[assignment]
    title: Text(200) = None  # type: ignore[assignment]
    status: CommitmentStatusValue = None  # type: ignore[assignment]
    started: Day | None = None
    signed: Day | None = None
    expires: Day | None = None
    governing_law: Text(100) = None  # type: ignore[assignment]
    exit_clause: Flag | None = None
    ip_ownership: IpValue = None  # type: ignore[assignment]
    exclusivity: Flag | None = None
    renewal: RenewalValue = None  # type: ignore[assignment]
    document: Text(500) = None  # type: ignore[assignment]
    notes: Text() = None  # type: ignore[assignment]


class CommitmentOut(Schema):
    id: int
    alliance_id: int
    kind: str
    kind_label: str
    title: str
    status: str
    status_label: str
    started: date
    signed: date | None
    expires: date | None
    governing_law: str
    exit_clause: bool | None
    ip_ownership: str
    exclusivity: bool | None
    renewal: str
    document: str
    notes: str
    created: datetime


# --- signals -------------------------------------------------------------------------------------------


class CountermeasureOut(Schema):
    code: str
    label: str
    text: str


class SignalSourceOut(Schema):
    seed: str
    section: str
    practice: str
    citation: str


class SignalOut(Schema):
    code: str
    severity: str = Field(description="high, medium or low")
    severity_label: str
    title: str
    reason: str = Field(description="why it fired, with its numbers")
    value: float = Field(description="the measured value (days, months, points, a count or a share, by code)")
    threshold: float | None = Field(description="what the value was held against; null for a condition")
    window_days: int | None
    record_kind: str
    records: list[str] = Field(description='the records it rests on, as "kind:id"')
    countermeasure: CountermeasureOut
    source: SignalSourceOut


class AllianceRef(Schema):
    id: int
    name: str
    owner: str
    stage: str


class WorkspaceSignalOut(SignalOut):
    alliance: AllianceRef


# --- health checks -------------------------------------------------------------------------------------


class SidesOut(Schema):
    ours: int
    partner: int


class HealthGapOut(Schema):
    dimension: str
    label: str
    ours: float | None
    partner: float | None
    gap: float | None = Field(description="ours − partner, in points")


class HealthCheckOut(Schema):
    id: int
    alliance_id: int
    instrument_version: str
    opened: date
    closed: date
    ours: float | None = Field(description="our side's overall score")
    partner: float | None = Field(description="the partner's side's overall score")
    invited: SidesOut = Field(description="people asked, per side")
    respondents: SidesOut = Field(description="people who submitted, per side")
    gaps: list[HealthGapOut] = Field(description="each dimension's scores and the gap between the sides")
