"""The result of an assessment as one stable JSON shape (schema "dancecard.result/1").

The CLI, the web pages, the API and the reports all render this dictionary;
docs/result-schema.md describes every field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dancecard.core.answers import Answer, describe, dump_value, parse_answers
from dancecard.core.diagnoses import diagnose
from dancecard.core.evaluation import Evaluation, evaluate
from dancecard.core.explain import next_questions, reasons
from dancecard.core.instruments import FACTOR_ORDER, Instrument
from dancecard.core.verdict import BAND_MEANING
from dancecard.core.vocabulary import load_vocabulary

SCHEMA = "dancecard.result/1"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def assess(instrument: Instrument, raw_answers: Mapping[str, Any]) -> dict[str, Any]:
    """Validate raw answers (InvalidAnswers lists every problem) and return the full result."""
    return build_result(instrument, parse_answers(instrument, raw_answers))


def build_result(instrument: Instrument, answers: dict[str, Answer]) -> dict[str, Any]:
    evaluation = evaluate(instrument, answers)
    return {
        "schema": SCHEMA,
        "instrument": {"name": instrument.name, "version": instrument.version, "title": instrument.title},
        "factors": _factors(evaluation),
        "gate": {"status": evaluation.gate.value},
        "verdict": _verdict(evaluation),
        "next_questions": next_questions(evaluation),
        "diagnoses": diagnose(instrument, answers),
        "answers": _answers(instrument, answers),
    }


def _factors(evaluation: Evaluation) -> dict[str, Any]:
    vocabulary = load_vocabulary()
    factors = {}
    for i, factor in enumerate(FACTOR_ORDER):
        score = evaluation.tally.factor_score(i)
        term = vocabulary.terms[factor.value]
        factors[factor.value] = {
            "label": term.label,
            "colour": term.colour,
            "score": _round(score.score),
            "low": _round(score.low),
            "high": _round(score.high),
            "coverage": round(score.coverage, 3),
            "evidence": round(score.evidence, 3),
            "answered": score.answered,
            "unknown": score.unknown,
            "higher_is": "riskier" if factor.value == "risk" else "better",
            "reasons": reasons(evaluation, factor),
        }
    return factors


def _verdict(evaluation: Evaluation) -> dict[str, Any]:
    verdict = evaluation.verdict
    best, worst = evaluation.extreme(best=True).band, evaluation.extreme(best=False).band
    could_become = sorted({b.value for b in (best, worst)} - {verdict.band.value})
    return {
        "band": verdict.band.value,
        "label": verdict.band.label,
        "meaning": BAND_MEANING[verdict.band],
        "rule": verdict.rule,
        "reason": verdict.reason,
        "settled": not could_become,
        "best_case": best.value,
        "worst_case": worst.value,
    }


def _answers(instrument: Instrument, answers: dict[str, Answer]) -> dict[str, Any]:
    given = []
    for item in instrument.items:
        answer = answers.get(item.id)
        if answer is None:
            continue
        given.append({
            "item": item.id,
            "value": dump_value(answer.value),
            "text": describe(item, answer),
            "note": answer.note,
            "evidence": answer.evidence,
        })
    dont_know = sum(1 for a in answers.values() if a.value is None)
    return {
        "total_items": len(instrument.items),
        "answered": len(answers) - dont_know,
        "dont_know": dont_know,
        "unanswered": len(instrument.items) - len(answers),
        "given": given,
    }
