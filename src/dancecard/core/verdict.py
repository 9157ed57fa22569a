"""Verdict bands and the rules that produce them (model 2).

Bands are ordered: walk away < explore further < proceed with safeguards < pursue.
`band_of` decides on a complete picture; its rules are read top to bottom and are
monotone: better market needs or partner value, less exposure or more safeguards, and a
better gate can never give a worse band. With unknowns, the verdict is computed for the
answers as they stand and for every unknown at its best and at its worst; it always lies
between those two, and it is *settled* only when they agree.

Verdicts carry codes and numbers; their words are rendered at the edge (core/wording.py).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from dancecard.core.instruments import Part
from dancecard.core.model import Model, load_model
from dancecard.core.scoring import Scores


class Band(enum.StrEnum):
    WALK_AWAY = "walk_away"
    EXPLORE_FURTHER = "explore_further"
    PROCEED_WITH_SAFEGUARDS = "proceed_with_safeguards"
    PURSUE = "pursue"

    @property
    def rank(self) -> int:
        return BAND_ORDER.index(self)

    @property
    def label(self) -> str:
        from dancecard.core.wording import band_label  # the words live at the edge

        return band_label(self.value)


BAND_ORDER = (Band.WALK_AWAY, Band.EXPLORE_FURTHER, Band.PROCEED_WITH_SAFEGUARDS, Band.PURSUE)


class GateStatus(enum.StrEnum):
    FAILED = "failed"
    OPEN = "open"
    MET = "met"


class Rule(enum.StrEnum):
    MARKET_GATE = "market-gate"
    LITTLE_VALUE = "little-value"
    UNACCEPTABLE_RISK = "unacceptable-risk"
    NEED_NOT_ESTABLISHED = "need-not-established"
    STRONG_CASE = "strong-case"
    UNPROTECTED = "unprotected"
    SOUND_CASE = "sound-case"
    VALUE_WITH_RISK = "value-with-risk"
    MIXED_PICTURE = "mixed-picture"
    TOO_LITTLE_KNOWN = "too-little-known"


@dataclass(frozen=True)
class Verdict:
    band: Band
    rule: Rule
    # The numbers the rule read (market, value, risk, the two value directions...), for its reason.
    figures: dict[str, float] = field(default_factory=dict)
    # Parts too thinly answered to judge on (too-little-known).
    thin: tuple[str, ...] = ()


def gate_status(gate_values: list[float | None], market: float | None, market_high: float,
                model: Model | None = None) -> GateStatus:
    """The market gate: a named customer need must exist, or nothing else matters (Cotman)."""
    model = model or load_model()
    gate = model.gate
    if any(v is not None and v < gate.fail_below for v in gate_values) or market_high < gate.market_floor:
        return GateStatus.FAILED
    if all(v is not None and v >= gate.met_at for v in gate_values) and market is not None \
            and market >= model.bands.sound_at:
        return GateStatus.MET
    return GateStatus.OPEN


def band_of(market: float, value: float, risk: float, gate: GateStatus, figures: dict[str, float],
            model: Model | None = None) -> Verdict:
    """The band of a picture with every score known."""
    b = (model or load_model()).bands
    if gate == GateStatus.FAILED:
        return Verdict(Band.WALK_AWAY, Rule.MARKET_GATE, figures)
    if value < b.little_value_below:
        return Verdict(Band.WALK_AWAY, Rule.LITTLE_VALUE, figures)
    if risk >= b.unacceptable_risk_at:
        return Verdict(Band.WALK_AWAY, Rule.UNACCEPTABLE_RISK, figures)
    if gate == GateStatus.OPEN:
        return Verdict(Band.EXPLORE_FURTHER, Rule.NEED_NOT_ESTABLISHED, figures)
    if market >= b.strong_at and value >= b.strong_at and risk < b.low_risk_below:
        # Investing in the relationship needs some protection known to be in place (a written
        # commitment, a backup plan...): low exposure alone is not enough.
        if figures.get("safeguards", 0.0) < b.pursue_needs_safeguards:
            return Verdict(Band.PROCEED_WITH_SAFEGUARDS, Rule.UNPROTECTED, figures)
        return Verdict(Band.PURSUE, Rule.STRONG_CASE, figures)
    if market >= b.sound_at and value >= b.sound_at:
        rule = Rule.SOUND_CASE if risk < b.low_risk_below else Rule.VALUE_WITH_RISK
        return Verdict(Band.PROCEED_WITH_SAFEGUARDS, rule, figures)
    return Verdict(Band.EXPLORE_FURTHER, Rule.MIXED_PICTURE, figures)


# For each figure a verdict reads: whether more of it is good news (so its best case is `high`).
_FIGURES = (("market", None, True), ("value", None, True), ("risk", None, False),
            ("to_mnc", Part.TO_MNC, True), ("to_sme", Part.TO_SME, True),
            ("exposure", Part.EXPOSURE, False), ("safeguards", Part.SAFEGUARD, True))
_FACTOR_OF = {"market": "market", "value": "partner_value", "risk": "risk"}


def figures(scores: Scores, at: str) -> dict[str, float]:
    """The figures at the answers (`answers`, known ones only), or with every unknown at its `best` or `worst`."""
    factors = {k.value: v for k, v in scores.factors.items()}
    out: dict[str, float] = {}
    for name, part, more_is_good in _FIGURES:
        measured = factors[_FACTOR_OF[name]] if part is None else scores.parts[part]
        if at == "answers":
            # Safeguards count as far as they are known to be in place (none known: 0), as in net risk.
            value = measured.low if part == Part.SAFEGUARD else measured.score
        else:
            value = measured.high if (at == "best") == more_is_good else measured.low
        if value is not None:
            out[name] = value
    return out


def thin_parts(scores: Scores, model: Model | None = None) -> tuple[str, ...]:
    """What the verdict rests on but is too thinly answered to judge on: market needs or partner
    value with less than the model's minimum share of their weight answered, a direction of
    partner value with no answer at all, or exposure (the threats) below the minimum."""
    minimum = (model or load_model()).coverage.min
    factors = {k.value: v for k, v in scores.factors.items()}
    thin = []
    if factors["market"].coverage < minimum:
        thin.append(Part.MARKET.value)
    to_mnc, to_sme = scores.parts[Part.TO_MNC], scores.parts[Part.TO_SME]
    if factors["partner_value"].coverage < minimum:
        thin += [p.part.value for p in (to_mnc, to_sme) if p.coverage < minimum]
    else:
        thin += [p.part.value for p in (to_mnc, to_sme) if p.weight and not p.coverage]
    if scores.parts[Part.EXPOSURE].coverage < minimum:
        thin.append(Part.EXPOSURE.value)
    return tuple(thin)


def clamp(band: Band, low: Band, high: Band) -> Band:
    return BAND_ORDER[min(max(band.rank, low.rank), high.rank)]
