"""Why a result is what it is, as codes and numbers (the words are rendered at the edge):

- reasons per factor: the answers that moved it, led by the threats and the value drivers;
- safeguards: each engagement strategy and countermeasure in place, partial, missing or
  unknown, with how much net risk it would take off if fully in place;
- next steps in two lists, "ask the partner" and "do in-house": the unknowns (those that
  could change the verdict first), how to test the need when the gate is not met, and what
  would lower the risk most.
"""

from __future__ import annotations

from typing import Any

from dancecard.core.answers import favourability
from dancecard.core.diagnoses import strategy_status
from dancecard.core.evaluation import Evaluation
from dancecard.core.instruments import Asks, Factor, Item, Part
from dancecard.core.model import load_model
from dancecard.core.scoring import part_value, plan_for
from dancecard.core.verdict import GateStatus

REASONS_PER_PART = 3
LOWER_RISK_STEPS = 3

FACTOR_PARTS = {
    Factor.MARKET: (Part.MARKET,),
    Factor.PARTNER_VALUE: (Part.TO_MNC, Part.TO_SME),
    Factor.RISK: (Part.EXPOSURE,),  # safeguards are listed on their own
}
# The list of next steps an item's unknown goes to.
STEP_LIST = {Asks.PARTNER: "ask_partner", Asks.IN_HOUSE: "in_house"}


def source_of(item: Item) -> dict[str, str]:
    return {"seed": item.source.seed, "section": item.source.section}


def _known_units(evaluation: Evaluation, part: Part):
    """(unit weight, the item whose answer counts, its value in the part's orientation) per answered unit."""
    for unit in plan_for(evaluation.instrument).units:
        if unit.part != part:
            continue
        best: tuple[float, Item] | None = None
        for item in unit.items:
            answer = evaluation.answers.get(item.id)
            if answer is None or answer.value is None:
                continue
            value = part_value(item, favourability(item, answer.value))
            if best is None or value > best[0]:
                best = (value, item)
        if best is not None:
            yield unit.weight, best[1], best[0]


def reasons(evaluation: Evaluation, factor: Factor) -> list[dict[str, Any]]:
    """Per part of the factor, the answers that pull it furthest from its midpoint, strongest first."""
    rows = []
    for part in FACTOR_PARTS[factor]:
        answered = evaluation.scores.parts[part].coverage * evaluation.scores.parts[part].weight
        if not answered:
            continue
        pulls = []
        for weight, item, value in _known_units(evaluation, part):
            pull = 100.0 * weight * (value - 0.5) / answered
            if abs(pull) >= 0.05:
                pulls.append((-abs(pull), item.id, item, pull))
        pulls.sort(key=lambda p: p[:2])
        # Exposure: the threats lead (what raises it), then what keeps it down.
        if part == Part.EXPOSURE:
            pulls.sort(key=lambda p: (p[3] <= 0, p[0], p[1]))
        for _, _, item, pull in pulls[:REASONS_PER_PART]:
            rows.append({"item": item.id, "part": part.value, "effect": round(pull, 1),
                         "direction": "raises" if pull > 0 else "lowers", "dimension": item.dimension,
                         "source": source_of(item)})
    return rows


def _status(favourable: float | None) -> str:
    if favourable is None:
        return "unknown"
    return strategy_status(favourable)


def _risk_with(evaluation: Evaluation, item: Item) -> float:
    """Net risk if this safeguard were fully in place (its unknown range kept as it is)."""
    factors = evaluation.if_answered(item, best=True).scores.factors[Factor.RISK]
    return factors.score if factors.score is not None else factors.high


def safeguards(evaluation: Evaluation) -> list[dict[str, Any]]:
    """Every safeguard item with its status and the net risk it would take off if fully in place."""
    risk = evaluation.scores.factors[Factor.RISK]
    now = risk.score if risk.score is not None else risk.high
    rows = []
    for item in evaluation.instrument.items:
        if item.part != Part.SAFEGUARD:
            continue
        answer = evaluation.answers.get(item.id)
        favourable = None if answer is None or answer.value is None else favourability(item, answer.value)
        status = _status(favourable)
        relief = 0.0 if status == "in_place" else max(0.0, now - _risk_with(evaluation, item))
        rows.append({"item": item.id, "dimension": item.dimension, "status": status,
                     "relief": round(relief, 1), "asks": item.asks.value, "source": source_of(item)})
    return rows


def _step(item: Item, kind: str, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "item": item.id, "factor": item.factor.value, "part": item.part.value,
            "gate": item.gate, "source": source_of(item)} | extra


def next_steps(evaluation: Evaluation, safeguard_rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Two lists, "ask_partner" and "in_house", the most decisive first."""
    current = evaluation.verdict.band
    ranked = []
    for item in evaluation.unknown_items():
        part = evaluation.scores.parts[item.part]  # type: ignore[index]
        swing = 100.0 * item.weight / part.weight if part.weight else 0.0
        outcomes = {evaluation.if_answered(item, best=False).verdict.band,
                    evaluation.if_answered(item, best=True).verdict.band}
        could_become = sorted((b for b in outcomes if b != current), key=lambda b: b.rank)
        ranked.append((not could_become, not item.gate, -swing, item.id, item, swing, could_become))
    ranked.sort(key=lambda r: r[:4])
    steps: dict[str, list[dict[str, Any]]] = {name: [] for name in STEP_LIST.values()}
    for *_, item, swing, could_become in ranked:
        steps[STEP_LIST[item.asks]].append(_step(item, "unknown", swing=round(swing, 1),
                                            could_become=[b.value for b in could_become]))
    model = load_model()
    if evaluation.gate != GateStatus.MET:
        # Before anything else, find out whether the need is real (the gate comes first).
        testing = [{"kind": "test_need", "code": step.code,
                    "source": {"seed": step.source.seed, "section": step.source.section}} for step in model.gate_steps]
        steps["in_house"] = testing + steps["in_house"]
    risk = evaluation.scores.factors[Factor.RISK].score
    if risk is not None and risk >= model.bands.lower_risk_from:
        lowering = sorted((r for r in safeguard_rows if r["status"] in ("partial", "missing") and r["relief"] > 0),
                          key=lambda r: (-r["relief"], r["item"]))[:LOWER_RISK_STEPS]
        items = {i.id: i for i in evaluation.instrument.items}
        for row in lowering:
            item = items[row["item"]]
            become = evaluation.if_answered(item, best=True).verdict.band
            steps[STEP_LIST[item.asks]].append(_step(item, "lower_risk", relief=row["relief"],
                                                could_become=[become.value] if become != current else []))
    return steps
