"""Alliance health checks: the same statements answered by both sides, scored per dimension
and compared, so that the gaps between the two sides' perceptions become the agenda.

The check is data (data/health/health-VERSION.toml). Each answer is 1-5 or "don't know";
a dimension's score is the mean of its known answers on a 0-100 scale, with the share of
answers known (coverage) beside it: an unknown is left out, never counted as a zero.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import msgspec

from dancecard.core.data_files import DATA_DIR, read_toml, refuse_problems, versions
from dancecard.core.errors import InstrumentError, InvalidAnswers, UnknownInstrument
from dancecard.core.locate import locate
from dancecard.core.instruments import Source as SeedSource
from dancecard.core.timeline import Side
from dancecard.core.vocabulary import load_vocabulary

NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]
Key = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")]
Points = Annotated[float, msgspec.Meta(ge=0.0, le=100.0)]
DONT_KNOW = ("dont_know", "?")
LOW, HIGH = 1, 5


class _Header(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: Key
    version: Annotated[str, msgspec.Meta(pattern=r"^\d+\.\d+(\.\d+)?$")]
    title: NonEmpty
    description: NonEmpty
    minutes: Annotated[int, msgspec.Meta(ge=1)]
    labels: tuple[NonEmpty, ...]


class GapRules(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    act_from: Points
    low_below: Points


Colour = Annotated[str, msgspec.Meta(pattern=r"^#[0-9a-fA-F]{6}$")]


class Colours(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    # How the health picture (charts/health.py) draws each side's bars and a gap that calls for
    # action. Presentation only: no score depends on it.
    ours: Colour
    partner: Colour
    gap: Colour


class Dimension(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    key: Key
    label: NonEmpty
    description: NonEmpty


class HealthItem(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Key
    dimension: Key
    question: NonEmpty
    # The same statement worded for the partner's people.
    partner_question: NonEmpty
    help: NonEmpty
    source: SeedSource
    practice: str = ""

    def question_for(self, side: Side) -> str:
        return self.partner_question if side == Side.PARTNER else self.question


class HealthInstrument(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    health: _Header
    gaps: GapRules
    dimensions: tuple[Dimension, ...]
    items: tuple[HealthItem, ...]
    colours: Colours | None = None

    @property
    def version(self) -> str:
        return self.health.version

    @property
    def key(self) -> str:
        return f"{self.health.name}@{self.health.version}"

    def items_of(self, dimension: str) -> tuple[HealthItem, ...]:
        return tuple(i for i in self.items if i.dimension == dimension)


class DimensionScore(msgspec.Struct, frozen=True):
    dimension: str
    score: float | None
    coverage: float
    answered: int
    dont_know: int


class SideScore(msgspec.Struct, frozen=True):
    # The mean of the dimensions' scores (each dimension counts the same), and the share of
    # all answers known; `score` is what a HealthCheck record stores for this side.
    score: float | None
    coverage: float
    respondents: int
    dimensions: tuple[DimensionScore, ...]

    def dimension(self, key: str) -> DimensionScore | None:
        return next((d for d in self.dimensions if d.dimension == key), None)


class Gap(msgspec.Struct, frozen=True):
    dimension: str
    ours: float | None
    partner: float | None
    # ours - partner: positive when our side rates the dimension higher. None if either is unknown.
    gap: float | None


class ActionKind(enum.StrEnum):
    PARTNER_LOWER = "partner_lower"  # the partner's people rate it lower than our team
    WE_LOWER = "we_lower"            # our team rates it lower than the partner's people
    BOTH_LOW = "both_low"            # the sides agree, and both rate it low


class HealthAction(msgspec.Struct, frozen=True):
    dimension: str
    kind: ActionKind
    gap: float
    ours: float
    partner: float


class HealthComparison(msgspec.Struct, frozen=True):
    instrument: str
    ours: SideScore
    partner: SideScore
    gaps: tuple[Gap, ...]
    actions: tuple[HealthAction, ...]


# --- loading --------------------------------------------------------------------------


def _health_dir() -> Path:
    return DATA_DIR / "health"


@cache
def available_health_checks() -> list[tuple[str, Path]]:
    """(version, path) of every shipped health check, newest last."""
    return versions(_health_dir(), "health")


def load_health_check(version: str | None = None) -> HealthInstrument:
    """The shipped health check, its newest version unless one is asked for."""
    matches = [t for t in available_health_checks() if version is None or t[0] == version]
    if not matches:
        known = ", ".join(f"health@{v}" for v, _ in available_health_checks())
        raise UnknownInstrument(f"No health check 'health@{version}'. Known: {known}.")
    return _load_shipped(matches[-1][1])


@cache
def _load_shipped(path: Path) -> HealthInstrument:
    return read_health_check(path)


def read_health_check(path: Path | str) -> HealthInstrument:
    """Load and check a health-check file; errors name the file, the item and the field."""
    path = Path(path)
    raw = read_toml(path)
    try:
        check = msgspec.convert(raw, HealthInstrument)
    except msgspec.ValidationError as exc:
        message = locate(str(exc), raw, "items", "id", "item")
        raise InstrumentError(f"{path.name}: {locate(message, raw, 'dimensions', 'key', 'dimension')}") from exc
    problems = check_health(check)
    refuse_problems(path, problems)
    return check


def check_health(check: HealthInstrument) -> list[str]:
    problems: list[str] = []
    if len(check.health.labels) != HIGH - LOW + 1:
        problems.append(f"[health], field 'labels': give {HIGH - LOW + 1} labels, one per point of the scale")
    keys = [d.key for d in check.dimensions]
    if len(set(keys)) != len(keys):
        problems.append("[[dimensions]], field 'key': a dimension key is used twice")
    seeds = load_vocabulary().seeds
    seen: set[str] = set()
    for item in check.items:
        where = f"item '{item.id}'"
        if item.id in seen:
            problems.append(f"{where}: the id is used twice")
        seen.add(item.id)
        if item.dimension not in keys:
            problems.append(f"{where}, field 'dimension': '{item.dimension}' is not one of {keys}")
        if item.source.seed not in seeds:
            problems.append(f"{where}, field 'source': unknown seed file '{item.source.seed}'")
    for key in keys:
        if not check.items_of(key):
            problems.append(f"dimension '{key}': no item asks about it")
    return problems


# --- answers and scores ---------------------------------------------------------------


def parse_health_answers(check: HealthInstrument, raw: Mapping[str, Any]) -> dict[str, int | None]:
    """One respondent's answers: item id -> 1..5, or None for "don't know" (also "dont_know", "?").

    Items left out are unanswered. InvalidAnswers lists every problem, not just the first.
    """
    known = {i.id for i in check.items}
    answers: dict[str, int | None] = {}
    problems: list[str] = []
    by_item: dict[str, str] = {}
    for item_id, value in raw.items():
        if item_id not in known:
            problems.append(f"'{item_id}' is not a statement of {check.key}")
            continue
        if value is None or value in DONT_KNOW:
            answers[item_id] = None
        elif isinstance(value, int) and not isinstance(value, bool) and LOW <= value <= HIGH:
            answers[item_id] = value
        else:
            message = f"answer {value!r}: give {LOW} to {HIGH}, or don't know"
            problems.append(f"item '{item_id}': {message}")
            by_item[item_id] = message
    if problems:
        raise InvalidAnswers(problems, by_item)
    return answers


def _points(value: int) -> float:
    return 100.0 * (value - LOW) / (HIGH - LOW)


def score_side(check: HealthInstrument, *respondents: Mapping[str, Any]) -> SideScore:
    """One side's score per dimension (0-100) from one or more respondents' answers.

    A dimension's score is the mean of every known answer to its statements; coverage is the
    share of its statements x respondents known. Don't know and unanswered count in neither.
    """
    answer_sets = [parse_health_answers(check, r) for r in respondents]
    dimensions = []
    for dimension in check.dimensions:
        items = check.items_of(dimension.key)
        known = [a[i.id] for a in answer_sets for i in items if a.get(i.id) is not None]
        dont_know = sum(1 for a in answer_sets for i in items if i.id in a and a[i.id] is None)
        possible = len(items) * len(answer_sets)
        dimensions.append(DimensionScore(
            dimension=dimension.key,
            score=round(sum(_points(v) for v in known) / len(known), 1) if known else None,  # type: ignore[arg-type]
            coverage=round(len(known) / possible, 3) if possible else 0.0,
            answered=len(known), dont_know=dont_know))
    scored = [d.score for d in dimensions if d.score is not None]
    possible = len(check.items) * len(answer_sets)
    return SideScore(
        score=round(sum(scored) / len(scored), 1) if scored else None,
        coverage=round(sum(d.answered for d in dimensions) / possible, 3) if possible else 0.0,
        respondents=len(answer_sets), dimensions=tuple(dimensions))


def compare_sides(check: HealthInstrument, ours: SideScore, partner: SideScore) -> HealthComparison:
    """Per-dimension gaps between our team and the partner's people, and the actions they call for."""
    gaps = []
    for dimension in check.dimensions:
        a, b = ours.dimension(dimension.key), partner.dimension(dimension.key)
        mine, theirs = (a.score if a else None), (b.score if b else None)
        gap = None if mine is None or theirs is None else round(mine - theirs, 1)
        gaps.append(Gap(dimension.key, mine, theirs, gap))
    return HealthComparison(instrument=check.key, ours=ours, partner=partner, gaps=tuple(gaps),
                            actions=gap_actions(check, gaps))


def gap_actions(check: HealthInstrument, gaps: list[Gap] | tuple[Gap, ...]) -> tuple[HealthAction, ...]:
    """The dimensions to talk about: the largest gaps first, then those both sides rate low.

    A gap counts from `act_from` points; perceptions that differ that much are the agenda of
    the next meeting, whichever way they differ. Where the sides agree but both score a
    dimension below `low_below`, that is an action too, after the gaps, lowest first.
    Dimensions with an unknown side are left out: there is nothing to compare yet.
    """
    order = {d.key: n for n, d in enumerate(check.dimensions)}
    apart, low = [], []
    for g in gaps:
        if g.gap is None or g.ours is None or g.partner is None:
            continue
        if abs(g.gap) >= check.gaps.act_from:
            kind = ActionKind.PARTNER_LOWER if g.gap > 0 else ActionKind.WE_LOWER
            apart.append(HealthAction(g.dimension, kind, abs(g.gap), g.ours, g.partner))
        elif g.ours < check.gaps.low_below and g.partner < check.gaps.low_below:
            low.append(HealthAction(g.dimension, ActionKind.BOTH_LOW, abs(g.gap), g.ours, g.partner))
    apart.sort(key=lambda a: (-a.gap, order[a.dimension]))
    low.sort(key=lambda a: (a.ours + a.partner, order[a.dimension]))
    return tuple(apart + low)
