"""An alliance's life as plain data: contacts, interactions, milestones, commitments,
health checks, assessments, stages, revenue shares and next steps.

The web side stores these records; the core reads them as the typed structs below to
work out early-warning signals (signals.py). Nothing here knows about a database: every
record carries the id the storage gave it, so a signal can name the records it rests on.
`today` is part of the data, never read from the clock, so the same life always gives the
same signals.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

import msgspec

from dancecard.core.errors import DancecardError

Id = Annotated[str, msgspec.Meta(min_length=1)]
Score = Annotated[float, msgspec.Meta(ge=0.0, le=100.0)]
Share = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]


class InvalidLife(DancecardError):
    """Records that do not fit the timeline's schema (a bad date, an unknown status...)."""


class Side(enum.StrEnum):
    OURS = "ours"
    PARTNER = "partner"


class Unit(enum.StrEnum):
    # Where a partner's person sits: Prashantham's local subsidiary and the wider MNC
    # (head office, other subsidiaries), and the thesis's field operations (4.5.4).
    LOCAL_SUBSIDIARY = "local_subsidiary"
    HEAD_OFFICE = "head_office"
    OTHER_SUBSIDIARY = "other_subsidiary"
    FIELD_OPERATIONS = "field_operations"


class Level(enum.StrEnum):
    EXECUTIVE = "executive"
    MANAGER = "manager"
    OPERATIONAL = "operational"


class Role(enum.StrEnum):
    SPONSOR = "sponsor"
    CHAMPION = "champion"
    OWNER = "owner"
    GATEKEEPER = "gatekeeper"
    NONE = "none"


class InteractionKind(enum.StrEnum):
    FACE_TO_FACE = "face_to_face"
    INFORMAL = "informal"
    CALL = "call"
    VIDEO = "video"
    EMAIL = "email"
    EVENT = "event"


class MilestoneStatus(enum.StrEnum):
    PLANNED = "planned"
    DONE = "done"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in (MilestoneStatus.PLANNED, MilestoneStatus.POSTPONED)


class CommitmentKind(enum.StrEnum):
    MOU = "mou"
    NDA = "nda"
    CONTRACT = "contract"
    LICENCE = "licence"
    TERM_SHEET = "term_sheet"


class CommitmentStatus(enum.StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class IpOwnership(enum.StrEnum):
    OURS = "ours"
    PARTNER = "partner"
    JOINT = "joint"
    UNCLEAR = "unclear"


class Renewal(enum.StrEnum):
    AUTOMATIC = "automatic"
    BY_AGREEMENT = "by_agreement"
    NONE = "none"


class Stage(enum.StrEnum):
    """The alliance pipeline; the same values as the web side's stages (tested)."""

    PROSPECT = "prospect"
    ASSESSING = "assessing"
    NEGOTIATING = "negotiating"
    COMMITTED = "committed"
    ACTIVE = "active"
    ENDED = "ended"

    @property
    def rank(self) -> int:
        return list(Stage).index(self)


class RecordKind(enum.StrEnum):
    """Which list of the life a signal's record ids point into."""

    CONTACT = "contact"
    INTERACTION = "interaction"
    MILESTONE = "milestone"
    COMMITMENT = "commitment"
    HEALTH_CHECK = "health_check"
    ASSESSMENT = "assessment"
    STAGE_CHANGE = "stage_change"
    REVENUE_SHARE = "revenue_share"
    NEXT_STEP = "next_step"


class Contact(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Id
    side: Side
    level: Level
    role: Role = Role.NONE
    # Only the partner's people have a unit; None when it is not known.
    unit: Unit | None = None
    left: date | None = None

    def active(self, today: date) -> bool:
        return self.left is None or self.left > today


class Interaction(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Id
    date: date
    kind: InteractionKind
    ours: tuple[Id, ...] = ()
    theirs: tuple[Id, ...] = ()
    initiated_by: Side | None = None
    # What the thesis names as signs of opportunism and hold-up (4.4.2, 4.4.3, 5.2.2).
    decision_without_us: bool = False
    cost_not_in_plan: bool = False
    terms_reopened: bool = False


class Postponement(msgspec.Struct, frozen=True, array_like=True):
    # Stored as [date, reason]: a postponement is a pair, not a record of its own.
    date: date
    reason: str = ""


class Milestone(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Id
    due: date
    status: MilestoneStatus = MilestoneStatus.PLANNED
    # Prashantham's modular knowledge transfer: what the SME keeps if the work stops here.
    value_if_stopped: str = ""
    postponements: tuple[Postponement, ...] = ()
    # When it was done or cancelled; a cancellation without a date counts as recent.
    closed: date | None = None


class KeyTerms(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    governing_law: str = ""
    exit_clause: bool | None = None
    ip_ownership: IpOwnership | None = None
    exclusivity: bool | None = None
    renewal: Renewal | None = None


class Commitment(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Id
    kind: CommitmentKind
    status: CommitmentStatus
    created: date
    signed: date | None = None
    expires: date | None = None
    terms: KeyTerms = msgspec.field(default_factory=KeyTerms)

    def in_force(self, today: date) -> bool:
        return self.status == CommitmentStatus.SIGNED and (self.expires is None or self.expires >= today)


class HealthCheck(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Id
    date: date
    # Overall scores of each side's answers (health.py), None when that side did not answer.
    ours: Score | None = None
    partner: Score | None = None


class AssessmentPoint(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Id
    date: date
    market: Score | None = None
    value: Score | None = None
    risk: Score | None = None


class StageChange(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Id
    date: date
    stage: Stage


class RevenueShare(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Id
    date: date
    # The share of the SME's revenue that comes from this partner, 0..1.
    share: Share


class NextStep(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Id
    due: date | None = None
    done: bool = False


class AllianceLife(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    today: date
    # When the alliance was first recorded. Clocks such as "days without a face-to-face
    # meeting" start here when nothing has happened yet; a fixed start (not the earliest
    # record) means adding a record can only stop a clock, never start an older one.
    started: date
    contacts: tuple[Contact, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    health_checks: tuple[HealthCheck, ...] = ()
    assessments: tuple[AssessmentPoint, ...] = ()
    stages: tuple[StageChange, ...] = ()
    revenue_shares: tuple[RevenueShare, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    # How often this alliance wants a health check; None: the signal rules' default.
    health_cadence_months: Annotated[int, msgspec.Meta(ge=1, le=60)] | None = None

    def stage(self) -> Stage | None:
        """The stage on `today`: the latest change made by then (ties: the later stage)."""
        past = [s for s in self.stages if s.date <= self.today]
        return max(past, key=lambda s: (s.date, s.stage.rank, s.id)).stage if past else None

    def reached(self, stage: Stage) -> date | None:
        """The first day the alliance was at `stage` or beyond, if it ever was by `today`."""
        days = [s.date for s in self.stages if s.date <= self.today and s.stage.rank >= stage.rank]
        return min(days) if days else None


def read_life(data: Mapping[str, Any]) -> AllianceLife:
    """Plain data (as JSON or a form gives it, dates as ISO strings) checked into an AllianceLife.

    Building the structs directly skips the range checks (scores 0-100, shares 0-1); data
    from outside should come through here. InvalidLife names the field at fault.
    """
    try:
        return msgspec.convert(data, AllianceLife)
    except msgspec.ValidationError as exc:
        raise InvalidLife(f"alliance life: {exc}") from exc
