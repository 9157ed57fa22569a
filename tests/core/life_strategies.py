"""Hypothesis strategies producing alliance lives: any mix of records around a `today`."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

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
    RevenueShare,
    Role,
    Side,
    Stage,
    StageChange,
    Unit,
)

TODAY = date(2024, 6, 15)
# Records fall within about two years before today and a few months after it.
offsets = st.integers(-800, 120)
scores = st.one_of(st.none(), st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 1)))


def day(offset: int, today: date = TODAY) -> date:
    return today + timedelta(days=offset)


def maybe_day(today: date = TODAY) -> st.SearchStrategy[date | None]:
    return st.one_of(st.none(), offsets.map(lambda o: day(o, today)))


def numbered(prefix: str, item: st.SearchStrategy, max_size: int = 5, min_size: int = 0) -> st.SearchStrategy[tuple]:
    """A list of records given distinct ids (prefix + position), as storage would."""
    return st.lists(item, min_size=min_size, max_size=max_size).map(
        lambda rows: tuple(row(f"{prefix}{n}") for n, row in enumerate(rows)))


def contact_rows(today: date) -> st.SearchStrategy:
    return st.builds(
        lambda side, level, role, unit, left: lambda id: Contact(id, side, level, role, unit, left),
        st.sampled_from(Side), st.sampled_from(Level), st.sampled_from(Role),
        st.one_of(st.none(), st.sampled_from(Unit)), maybe_day(today))


def interaction_rows(today: date) -> st.SearchStrategy:
    return st.builds(
        lambda when, kind, flags: lambda id: Interaction(id, day(when, today), kind, decision_without_us=flags[0],
                                                         cost_not_in_plan=flags[1], terms_reopened=flags[2]),
        offsets, st.sampled_from(InteractionKind), st.tuples(st.booleans(), st.booleans(), st.booleans()))


def milestone_rows(today: date) -> st.SearchStrategy:
    return st.builds(
        lambda due, status, keep, delays, closed: lambda id: Milestone(
            id, day(due, today), status, keep, tuple(Postponement(day(d, today)) for d in delays), closed),
        offsets, st.sampled_from(MilestoneStatus), st.sampled_from(["", "A prototype"]),
        st.lists(offsets, max_size=4), maybe_day(today))


def commitment_rows(today: date) -> st.SearchStrategy:
    return st.builds(
        lambda kind, status, created, expires: lambda id: Commitment(
            id, kind, status, day(created, today), day(created, today) if status != CommitmentStatus.DRAFT else None,
            expires),
        st.sampled_from(CommitmentKind), st.sampled_from(CommitmentStatus), offsets,
        # Expiry dates crowd around today, where the expiring and expired signals live.
        st.one_of(st.none(), st.integers(-120, 60).map(lambda o: day(o, today)), offsets.map(lambda o: day(o, today))))


@st.composite
def lives(draw: st.DrawFn) -> AllianceLife:
    today = draw(st.dates(date(2022, 1, 1), date(2027, 12, 31)))
    return AllianceLife(
        today=today,
        started=day(draw(st.integers(-900, 0)), today),
        contacts=draw(numbered("c", contact_rows(today), 6)),
        interactions=draw(numbered("i", interaction_rows(today), 6)),
        milestones=draw(numbered("m", milestone_rows(today), 4)),
        commitments=draw(numbered("k", commitment_rows(today), 4)),
        health_checks=draw(numbered("h", st.builds(
            lambda when, ours, theirs: lambda id: HealthCheck(id, day(when, today), ours, theirs),
            offsets, scores, scores), 4)),
        assessments=draw(numbered("a", st.builds(
            lambda when, risk: lambda id: AssessmentPoint(id, day(when, today), risk=risk), offsets, scores), 4)),
        stages=draw(numbered("s", st.builds(
            lambda when, stage: lambda id: StageChange(id, day(when, today), stage), st.integers(-800, 30),
            st.sampled_from(Stage)), 3, min_size=1)),
        revenue_shares=draw(numbered("r", st.builds(
            lambda when, share: lambda id: RevenueShare(id, day(when, today), share), offsets,
            st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 2))), 4)),
        next_steps=draw(numbered("n", st.builds(
            lambda due, done: lambda id: NextStep(id, due, done), maybe_day(today), st.booleans()), 3)),
        health_cadence_months=draw(st.one_of(st.none(), st.integers(1, 24))),
    )


def face_to_face_meetings(today: date) -> st.SearchStrategy[Interaction]:
    """A plain meeting in person, on or before today, with none of the warning flags set."""
    return st.builds(lambda when, kind: Interaction("new-meeting", day(when, today), kind),
                     st.integers(-800, 0), st.sampled_from([InteractionKind.FACE_TO_FACE]))


def signed_commitments(today: date, in_force_for_days: int) -> st.SearchStrategy[Commitment]:
    """A commitment signed by today and in force for at least `in_force_for_days` more days (or open-ended)."""
    return st.builds(
        lambda kind, created, expires: Commitment(
            "new-commitment", kind, CommitmentStatus.SIGNED, day(created, today), day(created, today),
            None if expires is None else day(in_force_for_days + 1 + expires, today)),
        st.sampled_from(CommitmentKind), st.integers(-800, 0), st.one_of(st.none(), st.integers(0, 800)))
