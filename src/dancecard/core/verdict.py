"""Verdict bands and the rules that produce them.

The rules are read top to bottom; the first that applies decides. They are
written for a manager to follow (docs/scoring.md repeats them in plain words).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from dancecard.core.scoring import Tally

MARKET, VALUE, RISK = 0, 1, 2

# A factor whose answered weight is below this share is too thin to judge on.
MIN_COVERAGE = 0.5
# Gate items: an answer at or above this favourability meets the gate, below FAIL_BELOW fails it.
GATE_MET_AT = 0.75
GATE_FAIL_BELOW = 0.5
# Market needs score below which, even with every unknown answered at best, the gate fails.
MARKET_FLOOR = 40.0
LITTLE_VALUE_BELOW = 35.0
UNACCEPTABLE_RISK_AT = 70.0
STRONG_AT = 60.0
SOUND_AT = 50.0
LOW_RISK_BELOW = 40.0


class Band(enum.StrEnum):
    PURSUE = "pursue"
    PROCEED_WITH_SAFEGUARDS = "proceed_with_safeguards"
    EXPLORE_FURTHER = "explore_further"
    WALK_AWAY = "walk_away"

    @property
    def label(self) -> str:
        return BAND_LABELS[self]


BAND_LABELS = {
    Band.PURSUE: "Pursue",
    Band.PROCEED_WITH_SAFEGUARDS: "Proceed with safeguards",
    Band.EXPLORE_FURTHER: "Explore further",
    Band.WALK_AWAY: "Walk away",
}

BAND_MEANING = {
    Band.PURSUE: "Clear market need, real value both ways, manageable risk: invest in the relationship.",
    Band.PROCEED_WITH_SAFEGUARDS: "Worth doing, but the risk is real: go ahead only with the mitigations in place.",
    Band.EXPLORE_FURTHER: "Not enough known, or a mixed picture: keep talking and ask the next questions.",
    Band.WALK_AWAY: "No market need, too little value or too much risk: spend your scarce attention elsewhere.",
}


class GateStatus(enum.StrEnum):
    MET = "met"
    OPEN = "open"
    FAILED = "failed"


@dataclass(frozen=True)
class Verdict:
    band: Band
    rule: str
    reason: str


def gate_status(gate_values: list[float | None], counted: Tally) -> GateStatus:
    """The market gate: a named customer need must exist, or nothing else matters (Cotman)."""
    all_met = True
    for v in gate_values:
        if v is None:
            all_met = False
        elif v < GATE_FAIL_BELOW:
            return GateStatus.FAILED
        elif not v >= GATE_MET_AT:
            all_met = False
    if counted.high(MARKET) < MARKET_FLOOR:
        return GateStatus.FAILED
    market = counted.score(MARKET)
    if all_met and market is not None and market >= SOUND_AT:
        return GateStatus.MET
    return GateStatus.OPEN


_FACTOR_NAMES = ("market needs", "partner value", "risk")


def decide(counted: Tally, gate: GateStatus) -> Verdict:
    if gate == GateStatus.FAILED:
        return Verdict(Band.WALK_AWAY, "market-gate",
                       "There is no clear market need: without one the alliance has no value, whatever else it offers.")
    thin = [name for name, answered, total in zip(_FACTOR_NAMES, counted.answered_weight, counted.total_weight)
            if answered / total < MIN_COVERAGE]  # coverage below MIN_COVERAGE
    if gate == GateStatus.OPEN or thin:
        what = "the market need is not yet established" if gate == GateStatus.OPEN else ""
        if thin:
            what = (what + "; " if what else "") + "too little is known about " + ", ".join(thin)
        return Verdict(Band.EXPLORE_FURTHER, "too-little-known", f"Keep talking: {what}.")
    market, value, risk = (counted.score(i) or 0.0 for i in (MARKET, VALUE, RISK))
    if value < LITTLE_VALUE_BELOW:
        return Verdict(Band.WALK_AWAY, "little-value",
                       f"Partner value is low ({value:.0f}/100): the alliance gives too little to either side.")
    if risk >= UNACCEPTABLE_RISK_AT:
        return Verdict(Band.WALK_AWAY, "unacceptable-risk",
                       f"Risk is very high ({risk:.0f}/100): the SME could lose more than it stands to gain.")
    if market >= STRONG_AT and value >= STRONG_AT and risk < LOW_RISK_BELOW:
        return Verdict(Band.PURSUE, "strong-case",
                       f"Market need ({market:.0f}) and partner value ({value:.0f}) are strong and risk is low ({risk:.0f}).")
    if market >= SOUND_AT and value >= SOUND_AT:
        if risk >= LOW_RISK_BELOW:
            return Verdict(Band.PROCEED_WITH_SAFEGUARDS, "value-with-risk",
                           f"Market need ({market:.0f}) and partner value ({value:.0f}) are sound, "
                           f"but risk ({risk:.0f}) needs mitigation before committing.")
    return Verdict(Band.EXPLORE_FURTHER, "mixed-picture",
                   f"The picture is mixed (market {market:.0f}, value {value:.0f}, risk {risk:.0f}): "
                   "neither strong enough to pursue nor weak enough to drop.")
