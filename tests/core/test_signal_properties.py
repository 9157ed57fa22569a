"""Properties of the signals over any alliance life: doing the right thing never adds a warning."""

import random

import msgspec
from hypothesis import given
from hypothesis import strategies as st

from dancecard.core.signals import MEASURES, Direction, SignalRules, evaluate, load_signal_rules
from dancecard.core.timeline import AllianceLife, Stage, StageChange
from tests.core.life_strategies import face_to_face_meetings, lives, signed_commitments

RULES = load_signal_rules()
THRESHOLDED = [r for r in RULES.rules if MEASURES[r.code].direction != Direction.CONDITION]
AT_LEAST = [r for r in THRESHOLDED if MEASURES[r.code].direction == Direction.AT_LEAST]
AT_MOST = [r for r in THRESHOLDED if MEASURES[r.code].direction == Direction.AT_MOST]


def codes(life: AllianceLife, rules: SignalRules = RULES) -> set[str]:
    return {s.code for s in evaluate(life, rules)}


def with_threshold(code: str, threshold: float) -> SignalRules:
    rules = tuple(msgspec.structs.replace(r, threshold=threshold) if r.code == code else r for r in RULES.rules)
    return msgspec.structs.replace(RULES, rules=rules)


@given(lives(), st.data())
def test_adding_a_face_to_face_meeting_never_adds_a_warning(life, data):
    meeting = data.draw(face_to_face_meetings(life.today))
    after = msgspec.structs.replace(life, interactions=(*life.interactions, meeting))
    assert codes(after) <= codes(life)


@given(lives(), st.data())
def test_adding_a_signed_commitment_in_force_never_adds_a_warning(life, data):
    # In force beyond the expiry notice: a commitment about to lapse is news of its own.
    notice = int(RULES.rule("commitment_expiring").threshold)
    signed = data.draw(signed_commitments(life.today, notice))
    after = msgspec.structs.replace(life, commitments=(*life.commitments, signed))
    assert codes(after) <= codes(life)


@given(lives(), st.sampled_from(AT_LEAST), st.floats(0, 3, allow_nan=False))
def test_raising_a_threshold_never_adds_a_warning_of_that_kind(life, rule, factor):
    raised = rule.threshold + factor * max(rule.threshold, 1)
    if rule.code not in codes(life):
        assert rule.code not in codes(life, with_threshold(rule.code, raised))


@given(lives(), st.sampled_from(AT_MOST), st.floats(0, 1, allow_nan=False))
def test_lowering_an_at_most_threshold_never_adds_a_warning_of_that_kind(life, rule, factor):
    # "At most N contacts", "lapses within N days": here the tolerant way is down.
    if rule.code not in codes(life):
        assert rule.code not in codes(life, with_threshold(rule.code, rule.threshold * factor))


@given(lives(), st.integers(1, 24), st.integers(0, 24))
def test_a_longer_health_check_cadence_never_adds_a_warning(life, cadence, longer):
    shorter = msgspec.structs.replace(life, health_cadence_months=cadence)
    if "health_check_overdue" not in codes(shorter):
        assert "health_check_overdue" not in codes(msgspec.structs.replace(life, health_cadence_months=cadence + longer))


@given(lives(), st.randoms(use_true_random=False))
def test_the_same_life_gives_the_same_signals_whatever_the_order_of_its_records(life, rnd: random.Random):
    def shuffled(records: tuple) -> tuple:
        listed = list(records)
        rnd.shuffle(listed)
        return tuple(listed)

    fields = ("contacts", "interactions", "milestones", "commitments", "health_checks", "assessments", "stages",
              "revenue_shares", "next_steps")
    reordered = msgspec.structs.replace(life, **{f: shuffled(getattr(life, f)) for f in fields})
    assert evaluate(life) == evaluate(life) == evaluate(reordered)


@given(lives())
def test_signals_are_ordered_by_severity_then_code_and_each_code_once(life):
    signals = evaluate(life)
    keys = [(s.severity.rank, s.code) for s in signals]
    assert keys == sorted(keys) and len({s.code for s in signals}) == len(signals)
    for s in signals:
        rule = RULES.rule(s.code)
        assert s.countermeasure == rule.countermeasure and s.source.seed == rule.source.seed
        assert list(s.records) == sorted(s.records)


@given(lives())
def test_an_ended_alliance_raises_no_warning(life):
    ended = msgspec.structs.replace(
        life, stages=(*life.stages, StageChange("zz-end", life.today, Stage.ENDED)))
    assert evaluate(ended) == []


@given(lives())
def test_every_signal_rests_on_records_that_exist(life):
    ids = {kind: {r.id for r in getattr(life, field)} for kind, field in (
        ("contact", "contacts"), ("interaction", "interactions"), ("milestone", "milestones"),
        ("commitment", "commitments"), ("health_check", "health_checks"), ("assessment", "assessments"),
        ("revenue_share", "revenue_shares"), ("next_step", "next_steps"))}
    for s in evaluate(life):
        assert set(s.records) <= ids[s.record_kind.value], s.code
