"""Why a result is what it is: the answers that moved each factor, and the
unknowns worth asking about next, most decisive first."""

from __future__ import annotations

from typing import Any

from dancecard.core.answers import describe, factor_value
from dancecard.core.evaluation import Evaluation
from dancecard.core.instruments import Factor, Item
from dancecard.core.scoring import factor_index
from dancecard.core.vocabulary import load_vocabulary

REASONS_PER_FACTOR = 3


def source_of(item: Item) -> dict[str, str]:
    vocabulary = load_vocabulary()
    return {
        "seed": item.source.seed,
        "section": item.source.section,
        "citation": vocabulary.cite(item.source.seed, item.source.section),
    }


def reasons(evaluation: Evaluation, factor: Factor) -> list[dict[str, Any]]:
    """Answered items of a factor, ordered by how far they pull its score from the midpoint."""
    i = factor_index(factor)
    answered_weight = evaluation.tally.answered_weight[i]
    if not answered_weight:
        return []
    pulls = []
    for item in evaluation.instrument.items_of(factor):
        answer = evaluation.answers.get(item.id)
        if answer is None or answer.value is None:
            continue
        value = factor_value(item, answer.value)
        pull = 100.0 * item.weight * (value - 0.5) / answered_weight
        if abs(pull) < 0.05:
            continue
        pulls.append((abs(pull), item.id, item, answer, pull))
    pulls.sort(key=lambda p: (-p[0], p[1]))
    return [
        {
            "item": item.id,
            "question": item.question,
            "answer": describe(item, answer),
            "effect": round(pull, 1),
            "direction": "raises" if pull > 0 else "lowers",
            "dimension": item.dimension,
            "source": source_of(item),
        }
        for _, _, item, answer, pull in pulls[:REASONS_PER_FACTOR]
    ]


def next_questions(evaluation: Evaluation) -> list[dict[str, Any]]:
    """Every unknown item, those that could change the verdict first, then by how much they could move their factor."""
    current = evaluation.verdict.band
    ranked = []
    for item in evaluation.unknown_items():
        i = factor_index(item.factor)
        swing = 100.0 * item.weight / evaluation.tally.total_weight[i]
        outcomes = {evaluation.what_if(item, 0.0).band, evaluation.what_if(item, 1.0).band}
        could_become = sorted(b.value for b in outcomes if b != current)
        ranked.append((not could_become, not item.gate, -swing, item.id, item, swing, could_become))
    ranked.sort(key=lambda r: r[:4])
    questions = []
    for _, _, _, _, item, swing, could_become in ranked:
        if item.gate:
            why = "Market gate: without a clear market need the alliance has no value."
        elif could_become:
            why = "The answer could change the verdict to " + " or ".join(b.replace("_", " ") for b in could_become) + "."
        else:
            why = f"Could move {load_vocabulary().label(item.factor.value).lower()} by up to {swing:.0f} points."
        questions.append({
            "item": item.id,
            "factor": item.factor.value,
            "question": item.question,
            "ask_partner": item.ask_partner,
            "why": why,
            "could_change_verdict": bool(could_become),
            "could_become": could_become,
            "swing": round(swing, 1),
            "source": source_of(item),
        })
    return questions
