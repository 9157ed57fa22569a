"""Early-warning signals: an alliance's life (timeline.py) read against versioned rules.

The rules are data (data/signals-VERSION.toml): severity, threshold, window, the stage a
signal applies from, the countermeasure and the source. What each signal measures, and
which way its threshold points, is code, below: one small reader per signal. A signal is
codes and numbers only; signal_wording.py turns it into words at the edge.

Every threshold is read inclusively: an "at least" signal fires when its measure reaches
the threshold, an "at most" one when its measure falls to it. Raising an at-least threshold
or lowering an at-most one can only silence a signal (tested as a property).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Annotated, Any, NamedTuple, Protocol, TypeVar

import msgspec

from dancecard.core.data_files import DATA_DIR, read_toml, refuse_problems, versions
from dancecard.core.errors import InstrumentError, UnknownInstrument
from dancecard.core.instruments import Source as SeedSource
from dancecard.core.locate import locate
from dancecard.core.timeline import (
    AllianceLife,
    CommitmentKind,
    CommitmentStatus,
    InteractionKind,
    MilestoneStatus,
    RecordKind,
    Role,
    Side,
    Stage,
    Unit,
)
from dancecard.core.vocabulary import load_vocabulary

T = TypeVar("T")
NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]
Code = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$")]
# A countermeasure is a vocabulary term (countermeasure.*, strategy.*, structure.*) or a
# practice.* code whose words live in signal-words-LANG.toml.
CountermeasureCode = Annotated[str, msgspec.Meta(pattern=r"^[a-z_]+\.[a-z0-9_]+$")]


class Severity(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class Direction(enum.StrEnum):
    AT_LEAST = "at_least"    # fires when the measure is at or above the threshold
    AT_MOST = "at_most"      # fires when the measure is at or below the threshold
    CONDITION = "condition"  # no threshold: the condition holds or it does not


class Source(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    seed: Annotated[str, msgspec.Meta(pattern=r"^00[0-9]_[0-9a-f]{16}\.txt$")]
    section: NonEmpty
    # The management practice the signal also rests on (CRM, health checks), if any.
    practice: str = ""


class Rule(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    code: Code
    severity: Severity
    countermeasure: CountermeasureCode
    source: SeedSource
    practice: str = ""
    threshold: Annotated[float, msgspec.Meta(ge=0)] | None = None
    window_days: Annotated[int, msgspec.Meta(ge=1)] | None = None
    from_stage: Stage | None = None
    kinds: tuple[InteractionKind, ...] = ()
    roles: tuple[Role, ...] = ()
    commitments: tuple[CommitmentKind, ...] = ()

    @property
    def cited(self) -> Source:
        return Source(self.source.seed, self.source.section, self.practice)


class _Header(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    version: Annotated[str, msgspec.Meta(pattern=r"^\d+\.\d+(\.\d+)?$")]


class Settings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    # Stages in which no signal is raised (an ended alliance has nothing left to save).
    quiet_in: tuple[Stage, ...] = ()


class SignalRules(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    signals: _Header
    rules: tuple[Rule, ...] = msgspec.field(name="signal")
    settings: Settings = msgspec.field(default_factory=Settings)

    @property
    def version(self) -> str:
        return self.signals.version

    def rule(self, code: str) -> Rule | None:
        return next((r for r in self.rules if r.code == code), None)


class Signal(msgspec.Struct, frozen=True):
    code: str
    severity: Severity
    # The measured value (days, months, points, a count or a share, by code) and the
    # threshold it was held against; None for a condition.
    value: float
    threshold: float | None
    window_days: int | None
    record_kind: RecordKind
    records: tuple[str, ...]
    countermeasure: str
    source: Source


# --- measures -------------------------------------------------------------------------


class Reading(NamedTuple):
    value: float
    records: tuple[str, ...] = ()


class _Read(Protocol):
    def __call__(self, life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None: ...


def _rule_threshold(life: AllianceLife, rule: Rule) -> float | None:
    return rule.threshold


@dataclass(frozen=True)
class Measure:
    direction: Direction
    record_kind: RecordKind
    read: _Read
    # Rule fields (besides the threshold) the reader needs.
    needs: tuple[str, ...] = ()
    threshold: Callable[[AllianceLife, Rule], float | None] = _rule_threshold

    def fires(self, value: float, threshold: float | None) -> bool:
        if self.direction == Direction.CONDITION:
            return True
        if threshold is None:  # rules built in code rather than loaded (loading checks this)
            raise InstrumentError("a measured signal needs a threshold")
        return value >= threshold if self.direction == Direction.AT_LEAST else value <= threshold


MEASURES: dict[str, Measure] = {}


def _measure(code: str, direction: Direction, record_kind: RecordKind, needs: tuple[str, ...] = (),
             threshold: Callable[[AllianceLife, Rule], float | None] = _rule_threshold) -> Callable[[_Read], _Read]:
    def register(read: _Read) -> _Read:
        MEASURES[code] = Measure(direction, record_kind, read, needs, threshold)
        return read
    return register


def _ids(records: Iterable[Any]) -> tuple[str, ...]:
    return tuple(sorted(r.id for r in records))


def _latest(records: Iterable[T]) -> T | None:
    # Ties on the date are broken by id, so the order records arrive in never matters.
    return max(records, key=_when, default=None)


def _last_two(records: Iterable[T]) -> tuple[T, T] | None:
    ordered = sorted(records, key=_when)
    return (ordered[-2], ordered[-1]) if len(ordered) >= 2 else None


def _when(record: Any) -> tuple[date, tuple]:
    return (record.date, _natural(record.id))


def _natural(record_id: str) -> tuple:
    # Storage gives ids in creation order ("assessment:3" before "assessment:14"): compare their numbers as
    # numbers, so the later of two records of one day is the one made later.
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", record_id))


def _within(day: date, today: date, window_days: int | None) -> bool:
    return day <= today and (window_days is None or day >= today - timedelta(days=window_days))


def _whole_months(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    return max(0, months)


def _partner_contacts(life: AllianceLife, active: bool = True) -> list:
    return [c for c in life.contacts if c.side == Side.PARTNER and (not active or c.active(life.today))]


@_measure("no_face_to_face", Direction.AT_LEAST, RecordKind.INTERACTION, needs=("kinds",))
def _no_face_to_face(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    last = _latest(i for i in life.interactions if i.kind in rule.kinds and i.date <= life.today)
    # The clock runs from the last meeting, or from the start when there was none since.
    since = max(life.started, last.date) if last else life.started
    return Reading(max(0, (life.today - since).days), (last.id,) if last else ())


@_measure("next_step_late", Direction.AT_LEAST, RecordKind.NEXT_STEP)
def _next_step_late(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    late = {s.id: (life.today - s.due).days for s in life.next_steps
            if not s.done and s.due is not None and s.due < life.today}
    if not late:
        return None
    return Reading(max(late.values()), tuple(sorted(k for k, days in late.items() if days >= (threshold or 0))))


@_measure("next_step_none", Direction.CONDITION, RecordKind.NEXT_STEP)
def _next_step_none(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    return None if any(not s.done for s in life.next_steps) else Reading(0)


@_measure("single_threaded", Direction.AT_MOST, RecordKind.CONTACT)
def _single_threaded(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    everyone = _partner_contacts(life, active=False)
    if not everyone:
        return None  # nobody at the partner recorded yet: nothing to rest on
    active = _partner_contacts(life)
    return Reading(len(active), _ids(active or everyone))


@_measure("no_boundary_spanning", Direction.CONDITION, RecordKind.CONTACT)
def _no_boundary_spanning(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    known = [c for c in _partner_contacts(life) if c.unit is not None]
    local = [c for c in known if c.unit == Unit.LOCAL_SUBSIDIARY]
    if not local or len(local) < len(known):
        return None
    return Reading(len(local), _ids(local))


@_measure("no_field_operations", Direction.CONDITION, RecordKind.CONTACT)
def _no_field_operations(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    active = _partner_contacts(life)
    if not active or any(c.unit == Unit.FIELD_OPERATIONS for c in active):
        return None
    return Reading(len(active), _ids(active))


@_measure("champion_left", Direction.CONDITION, RecordKind.CONTACT, needs=("roles",))
def _champion_left(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    partner = _partner_contacts(life, active=False)
    gone = []
    for role in rule.roles:
        holders = [c for c in partner if c.role == role]
        if any(c.active(life.today) for c in holders):
            continue  # someone holds the role now: the alliance still has its champion
        gone += [c for c in holders if c.left is not None]
    return Reading(len(gone), _ids(gone)) if gone else None


@_measure("milestone_postponed", Direction.AT_LEAST, RecordKind.MILESTONE)
def _milestone_postponed(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    counts = {m.id: sum(1 for p in m.postponements if p.date <= life.today)
              for m in life.milestones if m.status.is_open}
    if not counts:
        return None
    return Reading(max(counts.values()), tuple(sorted(k for k, n in counts.items() if n >= (threshold or 0))))


@_measure("milestone_cancelled", Direction.AT_LEAST, RecordKind.MILESTONE, needs=("window_days",))
def _milestone_cancelled(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    cancelled = [m for m in life.milestones if m.status == MilestoneStatus.CANCELLED
                 and (m.closed is None or _within(m.closed, life.today, rule.window_days))]
    return Reading(len(cancelled), _ids(cancelled)) if cancelled else None


@_measure("milestones_not_modular", Direction.AT_LEAST, RecordKind.MILESTONE)
def _milestones_not_modular(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    bare = [m for m in life.milestones if m.status.is_open and not m.value_if_stopped.strip()]
    return Reading(len(bare), _ids(bare)) if bare else None


def _flagged(flag: str) -> _Read:
    def read(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
        hits = [i for i in life.interactions if getattr(i, flag) and _within(i.date, life.today, rule.window_days)]
        return Reading(len(hits), _ids(hits)) if hits else None
    return read


for _code, _flag in (("terms_reopened", "terms_reopened"), ("costs_not_in_plan", "cost_not_in_plan"),
                     ("decisions_without_us", "decision_without_us")):
    _measure(_code, Direction.AT_LEAST, RecordKind.INTERACTION, needs=("window_days",))(_flagged(_flag))
del _code, _flag


def _covered_kinds(life: AllianceLife) -> set[CommitmentKind]:
    return {c.kind for c in life.commitments if c.in_force(life.today)}


@_measure("commitment_unsigned", Direction.AT_LEAST, RecordKind.COMMITMENT)
def _commitment_unsigned(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    # A draft whose kind is already signed and in force is a leftover, not a warning.
    covered = _covered_kinds(life)
    waiting = {c.id: (life.today - c.created).days for c in life.commitments
               if c.status == CommitmentStatus.DRAFT and c.kind not in covered and c.created <= life.today}
    if not waiting:
        return None
    return Reading(max(waiting.values()), tuple(sorted(k for k, d in waiting.items() if d >= (threshold or 0))))


@_measure("no_written_commitment", Direction.CONDITION, RecordKind.COMMITMENT, needs=("commitments",))
def _no_written_commitment(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    if any(c.in_force(life.today) and c.kind in rule.commitments for c in life.commitments):
        return None
    drafts = [c for c in life.commitments if c.status == CommitmentStatus.DRAFT and c.kind in rule.commitments]
    return Reading(0, _ids(drafts))


@_measure("commitment_expiring", Direction.AT_MOST, RecordKind.COMMITMENT)
def _commitment_expiring(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    # The cover of a kind ends with its last-ending signed commitment; one without an end
    # date (or a renewal that runs longer) keeps the kind covered.
    in_force: dict[CommitmentKind, list] = {}
    for c in life.commitments:
        if c.in_force(life.today):
            in_force.setdefault(c.kind, []).append(c)
    left: dict[CommitmentKind, int] = {}
    for kind, signed in in_force.items():
        if all(c.expires is not None for c in signed):
            left[kind] = (max(c.expires for c in signed) - life.today).days
    if not left:
        return None
    ending = [c for kind, days in left.items() if days <= (threshold or 0) for c in in_force[kind]]
    return Reading(min(left.values()), _ids(ending))


@_measure("commitment_expired", Direction.CONDITION, RecordKind.COMMITMENT, needs=("window_days",))
def _commitment_expired(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    covered = _covered_kinds(life)
    lapsed = [c for c in life.commitments
              if c.status in (CommitmentStatus.SIGNED, CommitmentStatus.EXPIRED) and c.expires is not None
              and c.expires < life.today and _within(c.expires, life.today, rule.window_days)
              and c.kind not in covered]
    if not lapsed:
        return None
    return Reading(min((life.today - c.expires).days for c in lapsed if c.expires), _ids(lapsed))


def _cadence(life: AllianceLife, rule: Rule) -> float | None:
    return life.health_cadence_months or rule.threshold


@_measure("health_check_overdue", Direction.AT_LEAST, RecordKind.HEALTH_CHECK, threshold=_cadence)
def _health_check_overdue(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    last = _latest(h for h in life.health_checks if h.date <= life.today)
    reached = life.reached(rule.from_stage) if rule.from_stage else None
    start = max(life.started, reached) if reached else life.started
    since = max(start, last.date) if last else start
    return Reading(_whole_months(since, life.today), (last.id,) if last else ())


@_measure("health_declining", Direction.AT_LEAST, RecordKind.HEALTH_CHECK)
def _health_declining(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    worst: Reading | None = None
    for side in ("ours", "partner"):
        pair = _last_two(h for h in life.health_checks if h.date <= life.today and getattr(h, side) is not None)
        if pair is None:
            continue
        drop = round(getattr(pair[0], side) - getattr(pair[1], side), 1)
        if worst is None or drop > worst.value:
            worst = Reading(drop, _ids(pair))
    return worst


@_measure("risk_rising", Direction.AT_LEAST, RecordKind.ASSESSMENT)
def _risk_rising(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    pair = _last_two(a for a in life.assessments if a.date <= life.today and a.risk is not None)
    if pair is None:
        return None
    return Reading(round(pair[1].risk - pair[0].risk, 1), _ids(pair))  # type: ignore[operator]


@_measure("dependence_growing", Direction.AT_LEAST, RecordKind.REVENUE_SHARE)
def _dependence_growing(life: AllianceLife, rule: Rule, threshold: float | None) -> Reading | None:
    pair = _last_two(r for r in life.revenue_shares if r.date <= life.today)
    if pair is None or pair[1].share <= pair[0].share:
        return None  # not rising: a stable dependence is the assessment's business, not a warning
    return Reading(round(pair[1].share, 3), _ids(pair))


# --- evaluation -----------------------------------------------------------------------


def evaluate(life: AllianceLife, rules: SignalRules | None = None) -> list[Signal]:
    """The signals the life raises, most severe first, then by code."""
    rules = rules or load_signal_rules()
    stage = life.stage()
    if stage is not None and stage in rules.settings.quiet_in:
        return []
    raised = []
    for rule in rules.rules:
        if rule.from_stage is not None and (stage is None or stage.rank < rule.from_stage.rank):
            continue
        measure = MEASURES[rule.code]
        threshold = measure.threshold(life, rule)
        reading = measure.read(life, rule, threshold)
        if reading is None or not measure.fires(reading.value, threshold):
            continue
        raised.append(Signal(
            code=rule.code, severity=rule.severity, value=float(reading.value),
            threshold=None if threshold is None else float(threshold), window_days=rule.window_days,
            record_kind=measure.record_kind, records=reading.records,
            countermeasure=rule.countermeasure, source=rule.cited))
    return sorted(raised, key=lambda s: (s.severity.rank, s.code))


# --- loading --------------------------------------------------------------------------


@cache
def available_signal_rules() -> list[tuple[str, Path]]:
    """(version, path) of every shipped signal-rules file, newest last."""
    return versions(DATA_DIR, "signals")


def load_signal_rules(version: str | None = None) -> SignalRules:
    """The shipped signal rules, the newest version unless one is asked for."""
    matches = [t for t in available_signal_rules() if version is None or t[0] == version]
    if not matches:
        known = ", ".join(v for v, _ in available_signal_rules())
        raise UnknownInstrument(f"No signal rules version '{version}'. Known versions: {known}.")
    return _load_shipped(matches[-1][1])


@cache
def _load_shipped(path: Path) -> SignalRules:
    return read_signal_rules(path)


def read_signal_rules(path: Path | str) -> SignalRules:
    """Load and check a signal-rules file (an organisation's own copy, say); every problem is named."""
    path = Path(path)
    raw = read_toml(path)
    try:
        rules = msgspec.convert(raw, SignalRules)
    except msgspec.ValidationError as exc:
        raise InstrumentError(f"{path.name}: {locate(str(exc), raw, 'signal', 'code', 'signal')}") from exc
    problems = check_rules(rules)
    expected = path.stem.partition("-")[2]
    if expected and expected != rules.version:
        problems.append(f"[signals] version '{rules.version}' differs from the file name's '{expected}'")
    refuse_problems(path, problems)
    return rules


def check_rules(rules: SignalRules) -> list[str]:
    """What the schema alone cannot say; one message per problem."""
    vocabulary = load_vocabulary()
    problems: list[str] = []
    seen: set[str] = set()
    for rule in rules.rules:
        where = f"signal '{rule.code}'"
        measure = MEASURES.get(rule.code)
        if measure is None:
            problems.append(f"{where}, field 'code': no such signal (known: {', '.join(sorted(MEASURES))})")
            continue
        if rule.code in seen:
            problems.append(f"{where}: the code is used twice")
        seen.add(rule.code)
        if measure.direction == Direction.CONDITION and rule.threshold is not None:
            problems.append(f"{where}, field 'threshold': this signal is a condition and takes no threshold")
        if measure.direction != Direction.CONDITION and rule.threshold is None:
            problems.append(f"{where}, field 'threshold': required ({measure.direction.value.replace('_', ' ')})")
        for field in measure.needs:
            if not getattr(rule, field):
                problems.append(f"{where}, field '{field}': required by this signal")
        prefix = rule.countermeasure.split(".", 1)[0]
        if prefix != "practice" and rule.countermeasure not in vocabulary.terms:
            problems.append(f"{where}, field 'countermeasure': '{rule.countermeasure}' is neither a vocabulary "
                            "term nor a practice.* code")
        if rule.source.seed not in vocabulary.seeds:
            problems.append(f"{where}, field 'source': unknown seed file '{rule.source.seed}'")
    return problems
