"""The result of an assessment: a typed document, schema "dancecard.result/2".

It stores codes and numbers only — item ids, vocabulary keys, band and rule codes,
scores — so that the words can be rendered at the edge (wording.py) in any language.
The CLI, the pages, the API and the brief all read it; docs/result.md describes every
field. Results of schema "dancecard.result/1" (words included) stay readable: the edge
renders them as they were stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from dancecard.core.answers import Answer, dump_value, parse_answers
from dancecard.core.diagnoses import diagnose
from dancecard.core.evaluation import Evaluation, evaluate
from dancecard.core.explain import next_steps, reasons, safeguards
from dancecard.core.instruments import FACTOR_ORDER, PART_ORDER, PART_FACTOR, Instrument
from dancecard.core.mitigations import main_risks
from dancecard.core.model import load_model
from dancecard.core.verdict import BAND_ORDER

SCHEMA = "dancecard.result/2"
SCHEMA_V1 = "dancecard.result/1"

Json = dict[str, Any]


class Source(msgspec.Struct, frozen=True):
    seed: str
    section: str


class InstrumentRef(msgspec.Struct, frozen=True):
    name: str
    version: str


class PartResult(msgspec.Struct, frozen=True):
    score: float | None
    low: float
    high: float
    coverage: float
    evidence: float
    answered: int
    unknown: int


class Reason(msgspec.Struct, frozen=True):
    item: str
    part: str
    effect: float
    direction: str
    dimension: str
    source: Source


class FactorResult(msgspec.Struct, frozen=True):
    score: float | None
    low: float
    high: float
    coverage: float
    evidence: float
    answered: int
    unknown: int
    higher_is: str
    parts: dict[str, PartResult]
    reasons: list[Reason]


class Gate(msgspec.Struct, frozen=True):
    status: str


class VerdictResult(msgspec.Struct, frozen=True):
    band: str
    rule: str
    figures: dict[str, float]
    thin: list[str]
    settled: bool
    best_case: str
    best_rule: str
    worst_case: str
    worst_rule: str
    could_become: list[str]


class MitigationStatus(msgspec.Struct, frozen=True):
    key: str
    status: str


class Threat(msgspec.Struct, frozen=True):
    key: str
    item: str
    severity: int
    mitigations: list[MitigationStatus]
    source: Source


class Safeguard(msgspec.Struct, frozen=True):
    item: str
    dimension: str
    status: str
    relief: float
    asks: str
    source: Source


class Step(msgspec.Struct, frozen=True):
    kind: str  # unknown | test_need | lower_risk
    source: Source
    item: str | None = None
    code: str | None = None
    factor: str | None = None
    part: str | None = None
    gate: bool = False
    swing: float | None = None
    relief: float | None = None
    could_become: list[str] = []


class NextSteps(msgspec.Struct, frozen=True):
    ask_partner: list[Step]
    in_house: list[Step]


class GivenAnswer(msgspec.Struct, frozen=True):
    item: str
    value: Any
    note: str
    evidence: str


class Answers(msgspec.Struct, frozen=True):
    total_items: int
    answered: int
    dont_know: int
    unanswered: int
    given: list[GivenAnswer]


class Result(msgspec.Struct, frozen=True):
    schema: str
    model: str
    instrument: InstrumentRef
    factors: dict[str, FactorResult]
    gate: Gate
    verdict: VerdictResult
    threats: list[Threat]
    safeguards: list[Safeguard]
    next_steps: NextSteps
    diagnoses: dict[str, Any]
    answers: Answers


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def assess(instrument: Instrument, raw_answers: Mapping[str, Any]) -> Json:
    """Validate raw answers (InvalidAnswers lists every problem) and return the result document."""
    return build_result(instrument, parse_answers(instrument, raw_answers))


def build_result(instrument: Instrument, answers: dict[str, Answer]) -> Json:
    return msgspec.to_builtins(typed_result(instrument, answers))


def typed_result(instrument: Instrument, answers: dict[str, Answer]) -> Result:
    evaluation = evaluate(instrument, answers)
    safeguard_rows = safeguards(evaluation)
    steps = next_steps(evaluation, safeguard_rows)
    return Result(
        schema=SCHEMA,
        model=load_model().version,
        instrument=InstrumentRef(instrument.name, instrument.version),
        factors=_factors(evaluation),
        gate=Gate(evaluation.gate.value),
        verdict=_verdict(evaluation),
        threats=msgspec.convert(main_risks(instrument, answers), list[Threat]),
        safeguards=msgspec.convert(safeguard_rows, list[Safeguard]),
        next_steps=msgspec.convert(steps, NextSteps),
        diagnoses=diagnose(instrument, answers),
        answers=_answers(instrument, answers),
    )


def read_result(document: Mapping[str, Any]) -> Result:
    """A stored result/2 document as the typed result (msgspec.ValidationError if it is not one)."""
    return msgspec.convert(document, Result)


def _part(score) -> PartResult:
    return PartResult(_round(score.score), round(score.low, 1), round(score.high, 1), round(score.coverage, 3),
                      round(score.evidence, 3), score.answered, score.unknown)


def _factors(evaluation: Evaluation) -> dict[str, FactorResult]:
    factors = {}
    for factor in FACTOR_ORDER:
        score = evaluation.scores.factors[factor]
        parts = {part.value: _part(evaluation.scores.parts[part]) for part in PART_ORDER
                 if PART_FACTOR[part] == factor and evaluation.scores.parts[part].weight}
        factors[factor.value] = FactorResult(
            score=_round(score.score), low=round(score.low, 1), high=round(score.high, 1),
            coverage=round(score.coverage, 3), evidence=round(score.evidence, 3),
            answered=score.answered, unknown=score.unknown,
            higher_is="riskier" if factor.value == "risk" else "better",
            parts=parts,
            reasons=msgspec.convert(reasons(evaluation, factor), list[Reason]),
        )
    return factors


def _verdict(evaluation: Evaluation) -> VerdictResult:
    verdict, best, worst = evaluation.verdict, evaluation.best, evaluation.worst
    could_become = [b.value for b in BAND_ORDER
                    if worst.band.rank <= b.rank <= best.band.rank and b != verdict.band]
    return VerdictResult(
        band=verdict.band.value, rule=verdict.rule.value,
        figures={k: round(v, 1) for k, v in verdict.figures.items()},
        thin=list(verdict.thin), settled=evaluation.settled,
        best_case=best.band.value, best_rule=best.rule.value,
        worst_case=worst.band.value, worst_rule=worst.rule.value,
        could_become=could_become,
    )


def _answers(instrument: Instrument, answers: dict[str, Answer]) -> Answers:
    given = [GivenAnswer(item.id, dump_value(answers[item.id].value), answers[item.id].note,
                         answers[item.id].evidence)
             for item in instrument.items if item.id in answers]
    dont_know = sum(1 for a in answers.values() if a.value is None)
    return Answers(total_items=len(instrument.items), answered=len(answers) - dont_know, dont_know=dont_know,
                   unanswered=len(instrument.items) - len(answers), given=given)
