"""Multi-criteria ranking of alliances (or partners) on Cotman's three factors.

Pure functions: no Django, no database. The ranking itself is TOPSIS as implemented by
pymcdm (Kizielewicz, Shekhovtsov & Sałabun, "pymcdm — the universal library for solving
multi-criteria decision-making problems", SoftwareX 22, 2023). TOPSIS (Hwang & Yoon, 1981)
ranks each alternative by its relative closeness to the ideal one — the best market need,
the best partner value and the lowest risk among those compared — and away from the
anti-ideal: closeness = D⁻ / (D⁺ + D⁻), from 0 (is the anti-ideal) to 1 (is the ideal).

Rules, in order:

- Market needs and partner value are benefit criteria (+1); risk is a cost criterion (−1).
- Scores are 0–100. An alternative with any factor score missing (None: nothing answered
  for it) is left out of the ranking and reported as "not enough answers".
- Weights are any non-negative numbers; they are divided by their sum. All zero is an error,
  and so is a negative or non-numeric weight (``parse_weights`` says which).
- Fewer than two rankable alternatives: no ranking, a message instead.
- Columns are normalised as in Hwang & Yoon (divided by their Euclidean norm; for risk, one
  minus that). A factor on which every alternative scores the same cannot separate them and
  is normalised to 1 for all (as pymcdm's min–max normalisation does), so an all-zero column
  never divides by zero.
- Alternatives the same on every weighted factor are tied; when *all* are, TOPSIS has no
  distance to speak of (0 / 0) and every alternative gets rank 1 with no closeness — never NaN.
- Ranks are competition ranks: equal closeness (to 1e-9) shares a rank, the next rank skips
  (1, 1, 3).

``sensitivity`` sweeps one criterion's weight from 0 to 1 while the other two keep their
proportions to each other, and reports the ranks at each step and where the leader changes.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CRITERIA", "Criterion", "Ranked", "Excluded", "Ranking", "Step", "Segment", "Sweep",
    "parse_weights", "normalise_weights", "rank", "sensitivity",
]


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    short: str
    kind: int  # +1 benefit, -1 cost


CRITERIA: tuple[Criterion, ...] = (
    Criterion("market", "Market needs", "market needs", 1),
    Criterion("partner_value", "Partner value", "partner value", 1),
    Criterion("risk", "Risk profile", "risk", -1),
)
KEYS = tuple(c.key for c in CRITERIA)
_BY_KEY = {c.key: c for c in CRITERIA}
TIE_TOLERANCE = 1e-9
DEFAULT_WEIGHT = 50.0


@dataclass(frozen=True)
class Ranked:
    id: Any
    name: str
    rank: int
    closeness: float | None  # None when every alternative is tied on every weighted factor
    scores: dict[str, float]


@dataclass(frozen=True)
class Excluded:
    id: Any
    name: str
    reason: str
    missing: tuple[str, ...] = ()


@dataclass
class Ranking:
    weights: dict[str, float]  # normalised, summing to 1 (empty when the weights are invalid)
    rows: list[Ranked] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    error: str | None = None
    all_tied: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def leaders(self) -> list[Ranked]:
        return [row for row in self.rows if row.rank == 1]

    @property
    def ranks(self) -> dict[Any, int]:
        return {row.id: row.rank for row in self.rows}


@dataclass(frozen=True)
class Step:
    weight: float  # the swept criterion's weight, 0–1
    ranks: dict[Any, int]
    leaders: tuple[Any, ...]


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    leaders: tuple[Any, ...]


@dataclass
class Sweep:
    criterion: Criterion
    current: float  # the criterion's weight now, 0–1
    steps: list[Step]
    segments: list[Segment]
    stable: bool
    sentence: str


# --------------------------------------------------------------------------- weights


def parse_weights(raw: Mapping[str, Any], default: float = DEFAULT_WEIGHT) -> tuple[dict[str, float], list[str]]:
    """Read one weight per criterion from form-like input (strings or numbers).

    A missing or blank weight takes ``default``. Returns the raw (not yet normalised)
    weights and a list of problems in words; the weights are unusable when it is not empty.
    """
    weights: dict[str, float] = {}
    errors: list[str] = []
    for criterion in CRITERIA:
        value = raw.get(criterion.key)
        if value is None or (isinstance(value, str) and not value.strip()):
            weights[criterion.key] = float(default)
            continue
        try:
            number = float(value.strip() if isinstance(value, str) else value)
        except (TypeError, ValueError):
            errors.append(f"The weight of {criterion.short} must be a number from 0 to 100, not “{str(value)[:40]}”.")
            continue
        if not math.isfinite(number):
            errors.append(f"The weight of {criterion.short} must be a number from 0 to 100, not “{str(value)[:40]}”.")
        elif number < 0:
            errors.append(f"The weight of {criterion.short} cannot be negative ({number:g}); use 0 to ignore it.")
        else:
            weights[criterion.key] = number
    if not errors and not any(weights.values()):
        errors.append(all_zero_message())
    return weights, errors


def all_zero_message() -> str:
    return "All three weights are zero: give at least one factor some weight to rank anything."


def normalise_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Divide by the sum. Raises ValueError for a negative, non-finite or all-zero set."""
    values = {key: float(weights.get(key, 0.0) or 0.0) for key in KEYS}
    if any(not math.isfinite(v) or v < 0 for v in values.values()):
        raise ValueError("Weights must be finite and not negative.")
    total = sum(values.values())
    if total <= 0:
        raise ValueError(all_zero_message())
    return {key: value / total for key, value in values.items()}


# --------------------------------------------------------------------------- TOPSIS


def _guarded_vector_normalisation(x, cost=False):
    """Hwang & Yoon's vector normalisation; a constant column becomes all ones."""
    import numpy as np

    if np.ptp(x) == 0:
        return np.ones(x.shape)
    norm = np.sqrt(np.sum(x ** 2))
    return 1 - x / norm if cost else x / norm


_topsis = None


def _method():
    global _topsis
    if _topsis is None:
        from pymcdm.methods import TOPSIS  # imported on first use: pymcdm pulls in matplotlib

        _topsis = TOPSIS(normalization_function=_guarded_vector_normalisation)
    return _topsis


def _score(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _split(alternatives: Iterable[Mapping[str, Any]]) -> tuple[list[dict[str, Any]], list[Excluded]]:
    usable: list[dict[str, Any]] = []
    excluded: list[Excluded] = []
    for alt in alternatives:
        scores = {key: _score(alt.get(key)) for key in KEYS}
        missing = tuple(key for key, value in scores.items() if value is None)
        if missing:
            excluded.append(Excluded(alt.get("id"), str(alt.get("name", alt.get("id"))), "not enough answers", missing))
        else:
            usable.append({"id": alt.get("id"), "name": str(alt.get("name", alt.get("id"))), "scores": scores})
    return usable, excluded


def _closeness(usable: Sequence[Mapping[str, Any]], weights: Mapping[str, float]) -> list[float] | None:
    """TOPSIS closeness per alternative, or None when every alternative is tied (0 / 0)."""
    import numpy as np

    matrix = np.array([[alt["scores"][key] for key in KEYS] for alt in usable], dtype=float)
    vector = np.array([weights[key] for key in KEYS], dtype=float)
    types = np.array([c.kind for c in CRITERIA])
    # Validation is ours (above): pymcdm's would warn about zero weights, which sensitivity
    # sweeps use on purpose, and about dominant alternatives, which are simply ranked first.
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = _method()(matrix, vector, types, validation=False)
    values = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(values)):
        return None
    return [float(v) for v in values]


def _competition_ranks(values: Sequence[float]) -> list[int]:
    return [1 + sum(1 for other in values if other > mine + TIE_TOLERANCE) for mine in values]


def _rank_usable(usable: Sequence[Mapping[str, Any]], weights: Mapping[str, float]) -> tuple[list[int], list[float] | None]:
    closeness = _closeness(usable, weights)
    if closeness is None:
        return [1] * len(usable), None
    return _competition_ranks(closeness), closeness


def rank(alternatives: Iterable[Mapping[str, Any]], weights: Mapping[str, float]) -> Ranking:
    """Rank alternatives ``{id, name, market, partner_value, risk}`` (scores 0–100) by TOPSIS.

    ``weights`` maps each criterion key to a non-negative number (any scale). Never raises
    for bad input: the returned Ranking carries an ``error`` message instead.
    """
    usable, excluded = _split(alternatives)
    try:
        normal = normalise_weights(weights)
    except ValueError as exc:
        return Ranking(weights={}, excluded=excluded, error=str(exc))
    if len(usable) < 2:
        if excluded:
            message = ("Fewer than two of the chosen have a score on all three factors: "
                       "complete their assessments to rank them.")
        else:
            message = "Choose at least two to rank them."
        return Ranking(weights=normal, excluded=excluded, error=message)
    ranks, closeness = _rank_usable(usable, normal)
    rows = [
        Ranked(alt["id"], alt["name"], ranks[i], None if closeness is None else round(closeness[i], 6), alt["scores"])
        for i, alt in enumerate(usable)
    ]
    rows.sort(key=lambda row: (row.rank, -(row.closeness or 0.0), row.name.casefold()))
    return Ranking(weights=normal, rows=rows, excluded=excluded, all_tied=closeness is None or len(set(ranks)) == 1)


# --------------------------------------------------------------------------- sensitivity


def _swept(weights: Mapping[str, float], key: str, value: float) -> dict[str, float]:
    """``key`` at ``value``; the rest share 1 − value in their current proportions (equally if all zero)."""
    others = [k for k in KEYS if k != key]
    rest = sum(weights[k] for k in others)
    swept = {key: value}
    for k in others:
        swept[k] = (1.0 - value) * (weights[k] / rest if rest > 0 else 1.0 / len(others))
    return swept


def _grid(count: int) -> list[float]:
    count = max(2, int(count))
    return [round(i / (count - 1), 6) for i in range(count)]


def _leaders(usable: Sequence[Mapping[str, Any]], ranks: Sequence[int]) -> tuple[Any, ...]:
    return tuple(alt["id"] for alt, r in zip(usable, ranks) if r == 1)


def _names(ids: Sequence[Any], names: Mapping[Any, str]) -> str:
    words = [names[i] for i in ids]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def _verb(ids: Sequence[Any]) -> str:
    return "leads" if len(ids) == 1 else "tie for the lead"


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def describe(criterion: Criterion, segments: Sequence[Segment], names: Mapping[Any, str]) -> str:
    """One sentence on who leads as the criterion's weight goes from 0 to 100%."""
    if not segments:
        return ""
    first = segments[0]
    if len(segments) == 1:
        if len(first.leaders) == 1:
            return f"The leader stays {names[first.leaders[0]]} whatever the weight of {criterion.short}."
        return f"{_names(first.leaders, names)} stay tied for the lead whatever the weight of {criterion.short}."
    parts = [f"{_names(first.leaders, names)} {_verb(first.leaders)} until the weight of "
             f"{criterion.short} exceeds {_pct(first.end)}"]
    for n, segment in enumerate(segments[1:], start=1):
        who = _names(segment.leaders, names) + ("" if len(segment.leaders) == 1 else " (tied)")
        if n < len(segments) - 1:
            parts.append(f"then {who} until it exceeds {_pct(segment.end)}")
        else:
            parts.append(f"then {who}")
    return ", ".join(parts) + "."


def sensitivity(alternatives: Iterable[Mapping[str, Any]], weights: Mapping[str, float],
                steps: int = 6, resolution: int = 101) -> list[Sweep]:
    """For each criterion, sweep its weight from 0 to 1, the others keeping their proportions.

    ``steps`` evenly spaced weights (6: 0, .2, …, 1) give each alternative's rank for the
    table; a finer grid of ``resolution`` points finds where the leader changes, for the
    sentence and the ``stable`` flag (True when the leader never changes over the sweep).
    Returns [] when the alternatives cannot be ranked (fewer than two usable, bad weights).
    """
    usable, _ = _split(alternatives)
    try:
        normal = normalise_weights(weights)
    except ValueError:
        return []
    if len(usable) < 2:
        return []
    names = {alt["id"]: alt["name"] for alt in usable}
    ids = [alt["id"] for alt in usable]
    sweeps: list[Sweep] = []
    for criterion in CRITERIA:
        fine = sorted(set(_grid(resolution)) | set(_grid(steps)))
        at: dict[float, list[int]] = {w: _rank_usable(usable, _swept(normal, criterion.key, w))[0] for w in fine}
        table = [Step(w, dict(zip(ids, at[w])), _leaders(usable, at[w])) for w in _grid(steps)]
        segments: list[Segment] = []
        for w in fine:
            leaders = _leaders(usable, at[w])
            if segments and segments[-1].leaders == leaders:
                segments[-1] = Segment(segments[-1].start, w, leaders)
            else:
                segments.append(Segment(w, w, leaders))
        sweeps.append(Sweep(criterion, normal[criterion.key], table, segments, len(segments) == 1,
                            describe(criterion, segments, names)))
    return sweeps
