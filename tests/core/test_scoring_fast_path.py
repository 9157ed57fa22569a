"""The table-driven scoring loop agrees with a straightforward computation (hypothesis)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancecard.core.answers import Answer, factor_value, favourability, parse_answers
from dancecard.core.evaluation import evaluate
from dancecard.core.instruments import FACTOR_ORDER, get_instrument
from dancecard.core.scoring import Tally, gate_values, tally
from dancecard.core.verdict import decide, gate_status
from tests.strategies import answer_sets

INSTRUMENTS = [get_instrument("quick"), get_instrument("full")]


def reference_tally(instrument, answers):
    """One answer at a time, as the scoring was first written."""
    total = [0.0, 0.0, 0.0]
    count = [0, 0, 0]
    for item in instrument.items:
        i = FACTOR_ORDER.index(item.factor)
        total[i] += item.weight
        count[i] += 1
    counted = Tally(total)
    counted.unknown = count[:]
    for item in instrument.items:
        i = FACTOR_ORDER.index(item.factor)
        answer = answers.get(item.id)
        if answer is None or answer.value is None:
            continue
        counted.add(i, item.weight, factor_value(item, answer.value))
        if answer.evidence:
            counted.evidence_weight[i] += item.weight
    return counted


def reference_gates(instrument, answers):
    values = []
    for item in instrument.items:
        if item.gate:
            answer = answers.get(item.id)
            values.append(None if answer is None or answer.value is None else favourability(item, answer.value))
    return values


def same_tally(fast, slow):
    for i in range(3):
        assert fast.factor_score(i) == slow.factor_score(i)
    for field in Tally.__slots__:
        assert getattr(fast, field) == getattr(slow, field), field


def with_evidence(data, instrument, raw):
    answers = parse_answers(instrument, raw)
    marked = data.draw(st.sets(st.sampled_from(sorted(answers)))) if answers else set()
    return {k: Answer(a.value, evidence="minutes" if k in marked else "") for k, a in answers.items()}


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.name)
class TestFastPathAgrees:
    @given(data=st.data())
    def test_tally_gates_and_verdict_match_the_reference(self, instrument, data):
        answers = with_evidence(data, instrument, data.draw(answer_sets(instrument)))
        for _ in range(2):  # the second time through, multiple-choice answers come from the table
            fast, slow = tally(instrument, answers), reference_tally(instrument, answers)
            same_tally(fast, slow)
            assert gate_values(instrument, answers) == reference_gates(instrument, answers)
            evaluation = evaluate(instrument, answers)
            gate = gate_status(reference_gates(instrument, answers), slow)
            assert evaluation.gate == gate
            assert evaluation.verdict == decide(slow, gate)

    def test_values_outside_the_tables_fall_back_to_the_full_computation(self, instrument):
        # Answers built in code rather than parsed: a float on a 1-5 scale, a list of choices.
        answers = {}
        for item in instrument.items:
            if item.kind == "likert":
                answers[item.id] = Answer(2.0 if len(answers) % 2 else 4.5)
            elif item.kind == "multiple":
                answers[item.id] = Answer([o.value for o in item.options[:2]])
            elif item.kind == "yes_no":
                answers[item.id] = Answer(1)
        same_tally(tally(instrument, answers), reference_tally(instrument, answers))
        assert gate_values(instrument, answers) == reference_gates(instrument, answers)


@given(values=st.lists(st.one_of(st.none(), st.floats(0, 1)), max_size=4), data=st.data())
def test_gate_status_matches_its_plain_statement(values, data):
    from dancecard.core.verdict import GATE_FAIL_BELOW, GATE_MET_AT, MARKET, MARKET_FLOOR, SOUND_AT, GateStatus

    instrument = get_instrument("quick")
    counted = reference_tally(instrument, parse_answers(instrument, data.draw(answer_sets(instrument))))
    if any(v is not None and v < GATE_FAIL_BELOW for v in values) or counted.high(MARKET) < MARKET_FLOOR:
        expected = GateStatus.FAILED
    elif all(v is not None and v >= GATE_MET_AT for v in values) and (counted.score(MARKET) or 0.0) >= SOUND_AT \
            and counted.score(MARKET) is not None:
        expected = GateStatus.MET
    else:
        expected = GateStatus.OPEN
    assert gate_status(values, counted) == expected
