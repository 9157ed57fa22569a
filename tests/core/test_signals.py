"""Early-warning signals: each fires at its threshold and stays quiet just short of it.

Every test starts from a quiet alliance (nothing to warn about) and changes one thing.
Thresholds and windows are read from the shipped rules, so the edges follow the data.
"""

from datetime import date, timedelta

import msgspec
import pytest

from dancecard.core.signals import MEASURES, Direction, Severity, Signal, evaluate, load_signal_rules
from dancecard.core.timeline import (
    AllianceLife,
    AssessmentPoint,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Contact,
    HealthCheck,
    Interaction,
    InteractionKind,
    Level,
    Milestone,
    MilestoneStatus,
    NextStep,
    Postponement,
    RecordKind,
    RevenueShare,
    Role,
    Side,
    Stage,
    StageChange,
    Unit,
)

RULES = load_signal_rules()
TODAY = date(2024, 6, 15)
F2F = InteractionKind.FACE_TO_FACE


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def months_ago(n: int, day: date = TODAY) -> date:
    years, month = divmod(day.month - 1 - n, 12)
    return day.replace(year=day.year + years, month=month + 1)


def threshold(code: str) -> int:
    value = RULES.rule(code).threshold
    assert value is not None and value == int(value), code
    return int(value)


def window(code: str) -> int:
    value = RULES.rule(code).window_days
    assert value is not None, code
    return value


def partner(id: str, unit: Unit | None, role: Role = Role.NONE, left: date | None = None) -> Contact:
    return Contact(id, Side.PARTNER, Level.MANAGER, role, unit, left)


OWNER = Contact("o1", Side.OURS, Level.EXECUTIVE, Role.OWNER)
SPONSOR = partner("p1", Unit.HEAD_OFFICE, Role.SPONSOR)
CHAMPION = partner("p2", Unit.LOCAL_SUBSIDIARY, Role.CHAMPION)
FIELD = partner("p3", Unit.FIELD_OPERATIONS)
SIGNED_MOU = Commitment("k1", CommitmentKind.MOU, CommitmentStatus.SIGNED, date(2023, 7, 1), signed=date(2023, 8, 1))

QUIET = AllianceLife(
    today=TODAY,
    started=date(2023, 6, 1),
    contacts=(OWNER, SPONSOR, CHAMPION, FIELD),
    interactions=(Interaction("i1", days_ago(10), F2F, ours=("o1",), theirs=("p2",)),),
    milestones=(Milestone("m1", TODAY + timedelta(days=30), value_if_stopped="A working prototype"),),
    commitments=(SIGNED_MOU,),
    health_checks=(HealthCheck("h0", days_ago(240), 72, 68), HealthCheck("h1", days_ago(60), 70, 65)),
    assessments=(AssessmentPoint("a1", date(2023, 9, 1), 70, 60, 40), AssessmentPoint("a2", date(2024, 3, 1), 70, 60, 42)),
    stages=(StageChange("s1", date(2023, 6, 1), Stage.PROSPECT), StageChange("s2", date(2023, 9, 1), Stage.COMMITTED),
            StageChange("s3", date(2024, 1, 1), Stage.ACTIVE)),
    revenue_shares=(RevenueShare("r1", date(2023, 12, 31), 0.10), RevenueShare("r2", date(2024, 3, 31), 0.12)),
    next_steps=(NextStep("n1", TODAY + timedelta(days=7)),),
)


def life(**changes) -> AllianceLife:
    return msgspec.structs.replace(QUIET, **changes)


def raised(life: AllianceLife) -> dict[str, Signal]:
    return {s.code: s for s in evaluate(life)}


def committed_since(day: date) -> tuple[StageChange, ...]:
    return (StageChange("s1", date(2023, 6, 1), Stage.PROSPECT), StageChange("s2", day, Stage.COMMITTED))


class TestTheQuietAlliance:
    def test_it_raises_no_signal(self):
        assert evaluate(QUIET) == []

    def test_every_shipped_signal_is_tested_from_it(self):
        tested = {name.removeprefix("Test") for name in globals() if name.startswith("Test")}
        wanted = {"".join(part.title() for part in code.split("_")) for code in MEASURES}
        assert wanted <= tested

    def test_an_ended_alliance_raises_nothing_whatever_its_records(self):
        ended = life(stages=(*QUIET.stages, StageChange("s4", days_ago(1), Stage.ENDED)), interactions=(),
                     next_steps=(), contacts=())
        assert evaluate(ended) == []


class TestNoFaceToFace:
    code = "no_face_to_face"

    def test_it_fires_when_the_last_meeting_in_person_was_threshold_days_ago(self):
        signal = raised(life(interactions=(Interaction("i1", days_ago(threshold(self.code)), F2F),)))[self.code]
        assert signal.value == threshold(self.code) and signal.threshold == threshold(self.code)
        assert signal.records == ("i1",) and signal.record_kind == RecordKind.INTERACTION
        assert signal.severity == Severity.HIGH and signal.countermeasure == "countermeasure.face_to_face"

    def test_it_stays_quiet_a_day_before(self):
        assert self.code not in raised(life(interactions=(Interaction("i1", days_ago(threshold(self.code) - 1), F2F),)))

    @pytest.mark.parametrize("kind", [InteractionKind.INFORMAL, InteractionKind.EVENT])
    def test_informal_meetings_and_events_count_as_meeting_in_person(self, kind):
        assert self.code not in raised(life(interactions=(Interaction("i1", days_ago(1), kind),)))

    @pytest.mark.parametrize("kind", [InteractionKind.CALL, InteractionKind.VIDEO, InteractionKind.EMAIL])
    def test_calls_video_and_email_do_not(self, kind):
        old = Interaction("i1", days_ago(threshold(self.code)), F2F)
        assert self.code in raised(life(interactions=(old, Interaction("i2", days_ago(1), kind))))

    def test_a_meeting_planned_for_next_week_does_not_count_yet(self):
        old = Interaction("i1", days_ago(threshold(self.code)), F2F)
        assert self.code in raised(life(interactions=(old, Interaction("i2", TODAY + timedelta(days=7), F2F))))

    def test_with_no_meeting_at_all_the_clock_runs_from_the_start(self):
        t = threshold(self.code)
        assert raised(life(interactions=(), started=days_ago(t)))[self.code].records == ()
        assert self.code not in raised(life(interactions=(), started=days_ago(t - 1)))


class TestNextStepLate:
    code = "next_step_late"

    def test_it_fires_when_an_open_step_is_threshold_days_past_due(self):
        t = threshold(self.code)
        signal = raised(life(next_steps=(NextStep("n1", days_ago(t)), NextStep("n2", TODAY + timedelta(days=3)))))[self.code]
        assert signal.value == t and signal.records == ("n1",)

    def test_it_stays_quiet_a_day_before(self):
        assert self.code not in raised(life(next_steps=(NextStep("n1", days_ago(threshold(self.code) - 1)),)))

    def test_a_done_step_is_never_late(self):
        assert self.code not in raised(life(next_steps=(NextStep("n1", days_ago(100), done=True), NextStep("n2"))))


class TestNextStepNone:
    code = "next_step_none"

    def test_it_fires_when_no_step_was_ever_set(self):
        assert self.code in raised(life(next_steps=()))

    def test_it_fires_when_every_step_is_done(self):
        assert self.code in raised(life(next_steps=(NextStep("n1", days_ago(3), done=True),)))

    def test_an_open_step_without_a_date_still_counts_as_planned(self):
        assert self.code not in raised(life(next_steps=(NextStep("n1"),)))


class TestSingleThreaded:
    code = "single_threaded"

    def test_it_fires_when_only_threshold_people_at_the_partner_are_active(self):
        people = (OWNER, *[partner(f"p{n}", Unit.HEAD_OFFICE) for n in range(threshold(self.code))])
        signal = raised(life(contacts=people))[self.code]
        assert signal.value == threshold(self.code) and signal.records == tuple(sorted(p.id for p in people[1:]))

    def test_it_stays_quiet_with_one_more(self):
        people = (OWNER, *[partner(f"p{n}", Unit.HEAD_OFFICE) for n in range(threshold(self.code) + 1)])
        assert self.code not in raised(life(contacts=people))

    def test_it_fires_when_everyone_at_the_partner_has_left(self):
        signal = raised(life(contacts=(partner("p1", Unit.HEAD_OFFICE, left=days_ago(5)),)))[self.code]
        assert signal.value == 0 and signal.records == ("p1",)

    def test_our_own_people_do_not_count(self):
        ours = tuple(Contact(f"o{n}", Side.OURS, Level.MANAGER) for n in range(5))
        assert self.code in raised(life(contacts=(*ours, SPONSOR)))

    def test_nobody_recorded_at_the_partner_yet_is_not_this_signal(self):
        assert self.code not in raised(life(contacts=(OWNER,)))


class TestNoBoundarySpanning:
    code = "no_boundary_spanning"

    def test_it_fires_when_every_partner_contact_is_at_the_local_subsidiary(self):
        people = (partner("p1", Unit.LOCAL_SUBSIDIARY), partner("p2", Unit.LOCAL_SUBSIDIARY))
        signal = raised(life(contacts=people))[self.code]
        assert signal.value == 2 and signal.records == ("p1", "p2") and signal.threshold is None

    @pytest.mark.parametrize("unit", [Unit.HEAD_OFFICE, Unit.OTHER_SUBSIDIARY, Unit.FIELD_OPERATIONS])
    def test_one_contact_beyond_the_local_unit_is_enough(self, unit):
        assert self.code not in raised(life(contacts=(partner("p1", Unit.LOCAL_SUBSIDIARY), partner("p2", unit))))

    def test_a_contact_whose_unit_is_unknown_is_not_counted(self):
        assert self.code in raised(life(contacts=(partner("p1", Unit.LOCAL_SUBSIDIARY), partner("p2", None))))

    def test_a_head_office_contact_who_left_no_longer_spans_anything(self):
        people = (partner("p1", Unit.LOCAL_SUBSIDIARY), partner("p2", Unit.HEAD_OFFICE, left=days_ago(1)))
        assert self.code in raised(life(contacts=people))

    def test_a_partner_without_a_local_unit_is_not_this_signal(self):
        assert self.code not in raised(life(contacts=(partner("p1", Unit.HEAD_OFFICE),)))


class TestNoFieldOperations:
    code = "no_field_operations"

    def test_it_fires_once_committed_without_an_active_field_contact(self):
        signal = raised(life(contacts=(OWNER, SPONSOR, CHAMPION)))[self.code]
        assert signal.value == 2 and signal.records == ("p1", "p2")

    def test_one_field_contact_is_enough(self):
        assert self.code not in raised(life(contacts=(SPONSOR, FIELD)))

    def test_a_field_contact_who_left_no_longer_counts(self):
        assert self.code in raised(life(contacts=(SPONSOR, partner("p3", Unit.FIELD_OPERATIONS, left=days_ago(1)))))

    def test_it_waits_until_the_alliance_is_committed(self):
        rule = RULES.rule(self.code)
        assert rule.from_stage == Stage.COMMITTED
        before = (StageChange("s1", date(2023, 6, 1), Stage.NEGOTIATING),)
        assert self.code not in raised(life(contacts=(SPONSOR, CHAMPION), stages=before))
        assert self.code in raised(life(contacts=(SPONSOR, CHAMPION), stages=committed_since(TODAY)))


class TestChampionLeft:
    code = "champion_left"

    def test_it_fires_the_day_the_champion_leaves(self):
        gone = partner("p2", Unit.LOCAL_SUBSIDIARY, Role.CHAMPION, left=TODAY)
        signal = raised(life(contacts=(OWNER, SPONSOR, gone, FIELD)))[self.code]
        assert signal.value == 1 and signal.records == ("p2",) and signal.severity == Severity.HIGH

    def test_it_stays_quiet_while_the_departure_is_still_ahead(self):
        leaving = partner("p2", Unit.LOCAL_SUBSIDIARY, Role.CHAMPION, left=TODAY + timedelta(days=1))
        assert self.code not in raised(life(contacts=(OWNER, SPONSOR, leaving, FIELD)))

    def test_the_sponsor_leaving_counts_too(self):
        gone = partner("p1", Unit.HEAD_OFFICE, Role.SPONSOR, left=days_ago(30))
        assert raised(life(contacts=(OWNER, gone, CHAMPION, FIELD)))[self.code].records == ("p1",)

    def test_a_new_champion_in_the_role_silences_it(self):
        gone = partner("p2", Unit.LOCAL_SUBSIDIARY, Role.CHAMPION, left=days_ago(30))
        successor = partner("p9", Unit.LOCAL_SUBSIDIARY, Role.CHAMPION)
        assert self.code not in raised(life(contacts=(OWNER, SPONSOR, gone, successor, FIELD)))

    def test_a_gatekeeper_or_one_of_our_own_leaving_is_not_this_signal(self):
        gatekeeper = partner("p5", Unit.HEAD_OFFICE, Role.GATEKEEPER, left=days_ago(3))
        our_owner = Contact("o1", Side.OURS, Level.EXECUTIVE, Role.OWNER, left=days_ago(3))
        assert self.code not in raised(life(contacts=(our_owner, SPONSOR, CHAMPION, FIELD, gatekeeper)))


class TestMilestonePostponed:
    code = "milestone_postponed"

    def postponed(self, times: int, status: MilestoneStatus = MilestoneStatus.POSTPONED) -> Milestone:
        return Milestone("m2", TODAY + timedelta(days=60), status, "Pilot data",
                         tuple(Postponement(days_ago(10 * n + 1), "their agenda") for n in range(times)))

    def test_it_fires_when_an_open_milestone_is_postponed_threshold_times(self):
        t = threshold(self.code)
        signal = raised(life(milestones=(QUIET.milestones[0], self.postponed(t))))[self.code]
        assert signal.value == t and signal.records == ("m2",)

    def test_it_stays_quiet_one_postponement_short(self):
        assert self.code not in raised(life(milestones=(self.postponed(threshold(self.code) - 1),)))

    def test_a_milestone_delivered_in_the_end_is_history(self):
        done = self.postponed(threshold(self.code) + 2, MilestoneStatus.DONE)
        assert self.code not in raised(life(milestones=(done,)))

    def test_a_postponement_dated_after_today_does_not_count_yet(self):
        t = threshold(self.code)
        m = self.postponed(t - 1)
        later = msgspec.structs.replace(m, postponements=(*m.postponements, Postponement(TODAY + timedelta(days=1))))
        assert self.code not in raised(life(milestones=(later,)))


class TestMilestoneCancelled:
    code = "milestone_cancelled"

    def cancelled(self, n: int, closed: date | None) -> tuple[Milestone, ...]:
        return tuple(Milestone(f"m{k}", days_ago(5), MilestoneStatus.CANCELLED, "Prototype", closed=closed)
                     for k in range(n))

    def test_it_fires_when_threshold_milestones_were_cancelled_at_the_window_edge(self):
        t, w = threshold(self.code), window(self.code)
        signal = raised(life(milestones=self.cancelled(t, days_ago(w))))[self.code]
        assert signal.value == t and signal.window_days == w

    def test_it_stays_quiet_one_short(self):
        assert self.code not in raised(life(milestones=self.cancelled(threshold(self.code) - 1, days_ago(1))))

    def test_a_cancellation_older_than_the_window_is_history(self):
        assert self.code not in raised(life(milestones=self.cancelled(threshold(self.code), days_ago(window(self.code) + 1))))

    def test_a_cancellation_without_a_date_counts(self):
        assert self.code in raised(life(milestones=self.cancelled(threshold(self.code), None)))


class TestMilestonesNotModular:
    code = "milestones_not_modular"

    def test_it_fires_when_open_milestones_say_nothing_about_what_we_keep(self):
        bare = tuple(Milestone(f"m{n}", TODAY + timedelta(days=9)) for n in range(threshold(self.code)))
        signal = raised(life(milestones=bare))[self.code]
        assert signal.value == threshold(self.code) and signal.severity == Severity.LOW

    def test_it_stays_quiet_one_short(self):
        bare = tuple(Milestone(f"m{n}", TODAY + timedelta(days=9)) for n in range(threshold(self.code) - 1))
        assert self.code not in raised(life(milestones=(*QUIET.milestones, *bare)))

    def test_blank_words_say_nothing_and_closed_milestones_do_not_count(self):
        assert self.code in raised(life(milestones=(Milestone("m1", TODAY, value_if_stopped="  "),)))
        assert self.code not in raised(life(milestones=(Milestone("m1", TODAY, MilestoneStatus.DONE),)))


FLAGS = {"terms_reopened": "terms_reopened", "costs_not_in_plan": "cost_not_in_plan",
         "decisions_without_us": "decision_without_us"}


def flagged(flag: str, n: int, day: date) -> tuple[Interaction, ...]:
    return tuple(Interaction(f"f{k}", day, InteractionKind.CALL, **{flag: True}) for k in range(n))


class _FlaggedInteractions:
    code = ""

    def test_it_fires_at_threshold_flagged_interactions_at_the_window_edge(self):
        t, w = threshold(self.code), window(self.code)
        signal = raised(life(interactions=(*QUIET.interactions, *flagged(FLAGS[self.code], t, days_ago(w)))))[self.code]
        assert signal.value == t and signal.records == tuple(f"f{k}" for k in range(t))
        assert signal.severity == Severity.HIGH and signal.record_kind == RecordKind.INTERACTION

    def test_it_stays_quiet_one_short(self):
        few = flagged(FLAGS[self.code], threshold(self.code) - 1, days_ago(1))
        assert self.code not in raised(life(interactions=(*QUIET.interactions, *few)))

    def test_an_event_older_than_the_window_is_history(self):
        old = flagged(FLAGS[self.code], threshold(self.code), days_ago(window(self.code) + 1))
        assert self.code not in raised(life(interactions=(*QUIET.interactions, *old)))

    def test_the_other_flags_are_other_signals(self):
        others = [f for c, f in FLAGS.items() if c != self.code]
        interactions = tuple(i for f in others for i in flagged(f, 3, days_ago(1)))
        assert self.code not in raised(life(interactions=(*QUIET.interactions, *interactions)))


class TestTermsReopened(_FlaggedInteractions):
    code = "terms_reopened"


class TestCostsNotInPlan(_FlaggedInteractions):
    code = "costs_not_in_plan"


class TestDecisionsWithoutUs(_FlaggedInteractions):
    code = "decisions_without_us"


def commitment(id: str, kind: CommitmentKind, status: CommitmentStatus, created: date = date(2023, 7, 1),
               expires: date | None = None) -> Commitment:
    return Commitment(id, kind, status, created, signed=created if status != CommitmentStatus.DRAFT else None,
                      expires=expires)


C, D, S, X = CommitmentKind.CONTRACT, CommitmentStatus.DRAFT, CommitmentStatus.SIGNED, CommitmentStatus.EXPIRED


class TestCommitmentUnsigned:
    code = "commitment_unsigned"

    def test_it_fires_when_a_draft_has_waited_threshold_days(self):
        t = threshold(self.code)
        signal = raised(life(commitments=(SIGNED_MOU, commitment("k2", C, D, days_ago(t)))))[self.code]
        assert signal.value == t and signal.records == ("k2",)

    def test_it_stays_quiet_a_day_before(self):
        assert self.code not in raised(life(commitments=(SIGNED_MOU, commitment("k2", C, D, days_ago(threshold(self.code) - 1)))))

    def test_a_leftover_draft_of_a_kind_already_signed_is_not_waiting(self):
        stale = commitment("k2", CommitmentKind.MOU, D, days_ago(3 * threshold(self.code)))
        assert self.code not in raised(life(commitments=(SIGNED_MOU, stale)))


class TestNoWrittenCommitment:
    code = "no_written_commitment"

    def test_it_fires_once_committed_with_nothing_signed(self):
        signal = raised(life(commitments=(commitment("k2", C, D),)))[self.code]
        assert signal.value == 0 and signal.records == ("k2",)

    def test_a_signed_nda_is_not_a_commitment_to_the_joint_work(self):
        assert self.code in raised(life(commitments=(commitment("k2", CommitmentKind.NDA, S),)))

    def test_a_signed_mou_that_lapsed_no_longer_counts(self):
        assert self.code in raised(life(commitments=(commitment("k1", CommitmentKind.MOU, S, expires=days_ago(1)),)))

    def test_a_signed_contract_silences_it(self):
        assert self.code not in raised(life(commitments=(commitment("k2", C, S),)))

    def test_before_the_alliance_is_committed_it_is_too_early(self):
        before = (StageChange("s1", date(2023, 6, 1), Stage.NEGOTIATING),)
        assert self.code not in raised(life(commitments=(), stages=before))


class TestCommitmentExpiring:
    code = "commitment_expiring"

    def test_it_fires_when_the_only_signed_mou_lapses_in_threshold_days(self):
        t = threshold(self.code)
        signal = raised(life(commitments=(commitment("k1", CommitmentKind.MOU, S, expires=TODAY + timedelta(days=t)),)))[self.code]
        assert signal.value == t and signal.records == ("k1",) and signal.threshold == t

    def test_it_stays_quiet_a_day_earlier(self):
        later = commitment("k1", CommitmentKind.MOU, S, expires=TODAY + timedelta(days=threshold(self.code) + 1))
        assert self.code not in raised(life(commitments=(later,)))

    def test_it_fires_on_the_last_day(self):
        assert raised(life(commitments=(commitment("k1", CommitmentKind.MOU, S, expires=TODAY),)))[self.code].value == 0

    @pytest.mark.parametrize("renewal_expires", [None, TODAY + timedelta(days=400)])
    def test_a_signed_renewal_that_runs_beyond_keeps_the_kind_covered(self, renewal_expires):
        ending = commitment("k1", CommitmentKind.MOU, S, expires=TODAY + timedelta(days=5))
        renewal = commitment("k2", CommitmentKind.MOU, S, created=days_ago(2), expires=renewal_expires)
        assert self.code not in raised(life(commitments=(ending, renewal)))

    def test_a_draft_renewal_is_not_cover(self):
        ending = commitment("k1", CommitmentKind.MOU, S, expires=TODAY + timedelta(days=5))
        assert self.code in raised(life(commitments=(ending, commitment("k2", CommitmentKind.MOU, D, days_ago(2)))))


class TestCommitmentExpired:
    code = "commitment_expired"

    @pytest.mark.parametrize("status", [S, X])
    def test_it_fires_the_day_after_a_signed_commitment_lapses(self, status):
        signal = raised(life(commitments=(commitment("k1", CommitmentKind.MOU, status, expires=days_ago(1)),)))[self.code]
        assert signal.value == 1 and signal.records == ("k1",) and signal.threshold is None

    def test_on_its_last_day_it_is_still_in_force(self):
        assert self.code not in raised(life(commitments=(commitment("k1", CommitmentKind.MOU, S, expires=TODAY),)))

    def test_it_is_reported_for_window_days_then_left_to_history(self):
        w = window(self.code)
        assert self.code in raised(life(commitments=(commitment("k1", CommitmentKind.MOU, X, expires=days_ago(w)),)))
        assert self.code not in raised(life(commitments=(commitment("k1", CommitmentKind.MOU, X, expires=days_ago(w + 1)),)))

    def test_a_signed_replacement_of_the_same_kind_silences_it(self):
        lapsed = commitment("k1", CommitmentKind.MOU, X, expires=days_ago(3))
        assert self.code not in raised(life(commitments=(lapsed, commitment("k2", CommitmentKind.MOU, S, days_ago(3)))))

    def test_another_kind_is_no_replacement(self):
        lapsed = commitment("k1", CommitmentKind.NDA, X, expires=days_ago(3))
        assert self.code in raised(life(commitments=(SIGNED_MOU, lapsed)))


class TestHealthCheckOverdue:
    code = "health_check_overdue"

    def test_it_fires_when_the_last_check_was_threshold_months_ago(self):
        t = threshold(self.code)
        signal = raised(life(health_checks=(HealthCheck("h1", months_ago(t), 70, 70),)))[self.code]
        assert signal.value == t and signal.threshold == t and signal.records == ("h1",)

    def test_it_stays_quiet_the_day_before_it_is_due(self):
        check = HealthCheck("h1", months_ago(threshold(self.code)) + timedelta(days=1), 70, 70)
        assert self.code not in raised(life(health_checks=(check,)))

    def test_an_alliance_can_set_its_own_cadence(self):
        check = (HealthCheck("h1", months_ago(3), 70, 70),)
        assert raised(life(health_checks=check, health_cadence_months=3))[self.code].threshold == 3
        assert self.code not in raised(life(health_checks=check, health_cadence_months=4))

    def test_with_no_check_yet_the_clock_runs_from_the_commitment(self):
        t = threshold(self.code)
        assert self.code in raised(life(health_checks=(), stages=committed_since(months_ago(t))))
        assert self.code not in raised(life(health_checks=(), stages=committed_since(months_ago(t) + timedelta(days=1))))

    def test_a_prospect_needs_no_health_check(self):
        prospect = (StageChange("s1", date(2020, 1, 1), Stage.PROSPECT),)
        assert self.code not in raised(life(health_checks=(), stages=prospect))


class TestHealthDeclining:
    code = "health_declining"

    def checks(self, before: float, after: float, side: str = "ours") -> tuple[HealthCheck, ...]:
        return (HealthCheck("h0", days_ago(100), **{side: before}), HealthCheck("h1", days_ago(10), **{side: after}))

    @pytest.mark.parametrize("side", ["ours", "partner"])
    def test_it_fires_when_one_side_fell_threshold_points_between_the_last_two_checks(self, side):
        t = threshold(self.code)
        signal = raised(life(health_checks=self.checks(70, 70 - t, side)))[self.code]
        assert signal.value == t and signal.records == ("h0", "h1")

    def test_it_stays_quiet_a_point_short(self):
        assert self.code not in raised(life(health_checks=self.checks(70, 71 - threshold(self.code))))

    def test_a_check_the_side_did_not_answer_is_skipped(self):
        t = threshold(self.code)
        checks = (*self.checks(70, 70 - t), HealthCheck("h2", days_ago(5), ours=None, partner=80))
        assert self.code in raised(life(health_checks=checks))

    def test_only_the_last_two_checks_count(self):
        older = HealthCheck("h", days_ago(400), ours=100)
        assert self.code not in raised(life(health_checks=(older, *self.checks(70, 68))))


class TestRiskRising:
    code = "risk_rising"

    def points(self, before: float, after: float) -> tuple[AssessmentPoint, ...]:
        return (AssessmentPoint("a1", days_ago(200), risk=before), AssessmentPoint("a2", days_ago(20), risk=after))

    def test_it_fires_when_net_risk_rose_threshold_points_since_the_assessment_before(self):
        t = threshold(self.code)
        signal = raised(life(assessments=self.points(30, 30 + t)))[self.code]
        assert signal.value == t and signal.records == ("a1", "a2") and signal.countermeasure == "practice.reassess"

    def test_it_stays_quiet_a_point_short(self):
        assert self.code not in raised(life(assessments=self.points(30, 29 + threshold(self.code))))

    def test_an_assessment_without_a_risk_score_is_skipped(self):
        t = threshold(self.code)
        unscored = AssessmentPoint("a3", days_ago(1), market=50)
        assert self.code in raised(life(assessments=(*self.points(30, 30 + t), unscored)))


class TestDependenceGrowing:
    code = "dependence_growing"

    def shares(self, before: float, after: float) -> tuple[RevenueShare, ...]:
        return (RevenueShare("r1", date(2023, 12, 31), before), RevenueShare("r2", date(2024, 3, 31), after))

    def test_it_fires_when_the_share_rises_to_the_threshold(self):
        t = RULES.rule(self.code).threshold
        signal = raised(life(revenue_shares=self.shares(t - 0.1, t)))[self.code]
        assert signal.value == t and signal.records == ("r1", "r2")

    def test_it_stays_quiet_just_below(self):
        t = RULES.rule(self.code).threshold
        assert self.code not in raised(life(revenue_shares=self.shares(t - 0.1, t - 0.01)))

    @pytest.mark.parametrize("before", [0.6, 0.5])
    def test_a_high_share_that_is_not_rising_is_the_assessments_business(self, before):
        assert self.code not in raised(life(revenue_shares=self.shares(before, 0.5)))

    def test_one_record_shows_no_trend(self):
        assert self.code not in raised(life(revenue_shares=(RevenueShare("r1", days_ago(5), 0.9),)))


class TestOrderAndShape:
    def test_signals_come_most_severe_first_then_by_code(self):
        noisy = AllianceLife(today=TODAY, started=date(2020, 1, 1), commitments=(commitment("k1", C, D, date(2020, 1, 1)),),
                             stages=committed_since(date(2021, 1, 1)), milestones=(Milestone("m1", TODAY),))
        signals = evaluate(noisy)
        assert len(signals) >= 4
        assert [(s.severity.rank, s.code) for s in signals] == sorted((s.severity.rank, s.code) for s in signals)

    def test_every_signal_carries_codes_and_numbers_only(self):
        signal = raised(life(interactions=()))["no_face_to_face"]
        document = msgspec.to_builtins(signal)
        assert set(document) == {"code", "severity", "value", "threshold", "window_days", "record_kind", "records",
                                 "countermeasure", "source"}
        assert document["source"]["seed"].endswith(".txt")

    def test_each_measure_declares_which_way_its_threshold_points(self):
        for rule in RULES.rules:
            measure = MEASURES[rule.code]
            assert (rule.threshold is None) == (measure.direction == Direction.CONDITION), rule.code


class TestRecordsOfTheSameDay:
    def test_the_later_of_two_assessments_made_the_same_day_is_the_one_made_later(self):
        from datetime import date

        from dancecard.core.signals import evaluate
        from dancecard.core.timeline import AllianceLife, AssessmentPoint

        day = date(2026, 3, 1)
        life = AllianceLife(today=day, started=day, assessments=(
            AssessmentPoint(id="assessment:3", date=day, risk=20.0),
            AssessmentPoint(id="assessment:14", date=day, risk=41.0)))
        assert "risk_rising" in {s.code for s in evaluate(life)}
        reversed_ids = AllianceLife(today=day, started=day, assessments=(
            AssessmentPoint(id="assessment:14", date=day, risk=20.0),
            AssessmentPoint(id="assessment:3", date=day, risk=41.0)))
        assert "risk_rising" not in {s.code for s in evaluate(reversed_ids)}
