"""Random but valid workspaces, built through the same services the app uses."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import strategies as st

from dancecard.core import timeline as t
from dancecard.core.health import load_health_check
from dancecard.tracking import models as life
from dancecard.assessments.services import complete_assessment, save_answers, start_assessment
from dancecard.core.instruments import get_instrument
from dancecard.core.text import bad_characters
from dancecard.portfolio.models import Alliance, AllianceMember, Partner
from dancecard.portfolio.stages import Autonomy, Proximity, Stage
from dancecard.rounds.services import close_round, open_round, submit
from dancecard.workspaces.models import Workspace
from tests.strategies import answer_sets

_slugs = itertools.count(1)

# Text from any script, as people type it into forms: none of the characters core/text.py refuses
# (control characters, surrogates, line and paragraph separators, bidirectional overrides).
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))
               .filter(lambda ch: not bad_characters(ch)), max_size=30)
names = text.map(str.strip).filter(bool)


def new_workspace(name: str = "Empty") -> Workspace:
    return Workspace.objects.create(name=name, slug=f"w{next(_slugs)}")


def wipe(workspace: Workspace) -> None:
    """Remove a workspace and everything in it (partners are protected while alliances use them)."""
    Alliance.objects.filter(workspace=workspace).delete()
    workspace.delete()


def build_workspace(data) -> Workspace:
    workspace = new_workspace(data.draw(names, label="workspace name"))
    partners = [
        Partner.objects.create(
            workspace=workspace, name=data.draw(names), sector=data.draw(text), notes=data.draw(text),
            autonomy=data.draw(st.sampled_from([""] + list(Autonomy.values))),
            proximity=data.draw(st.sampled_from([""] + list(Proximity.values))),
            revenues_musd=data.draw(st.none() | st.decimals(0, 10**9, places=1)),
            employees=data.draw(st.none() | st.integers(0, 500_000)),
        )
        for _ in range(data.draw(st.integers(0, 3), label="partners"))
    ]
    for _ in range(data.draw(st.integers(0, 3), label="alliances")):
        alliance = Alliance.objects.create(workspace=workspace, name=data.draw(names), purpose=data.draw(names),
                                           stage=data.draw(st.sampled_from(Stage.values)), owner=data.draw(text))
        for partner in data.draw(st.lists(st.sampled_from(partners), unique_by=lambda p: p.pk)) if partners else []:
            AllianceMember.objects.create(workspace=workspace, alliance=alliance, partner=partner, role=data.draw(text))
        for _ in range(data.draw(st.integers(0, 2), label="assessments")):
            instrument = get_instrument(data.draw(st.sampled_from(["quick", "full"])))
            assessment = start_assessment(alliance, instrument.key, respondent=data.draw(text))
            answers = data.draw(answer_sets(instrument))
            if answers:
                some = next(iter(answers))
                answers[some] = {"value": answers[some], "note": data.draw(text), "evidence": data.draw(text)}
            save_answers(assessment, answers)
            if data.draw(st.booleans(), label="complete"):
                complete_assessment(assessment, make_current=data.draw(st.booleans(), label="current"))
        if data.draw(st.booleans(), label="team round"):
            _round(alliance, data)
        if data.draw(st.booleans(), label="life"):
            _life(alliance, partners, data)
    return workspace


days = st.dates(date(2020, 1, 1), date(2030, 12, 31))


def _life(alliance: Alliance, partners: list[Partner], data) -> None:
    """Contacts, meetings, milestones, commitments, steps, shares and health checks, as the pages make them."""
    ws = alliance.workspace
    ours = [life.Contact.objects.create(workspace=ws, alliance=alliance, side="ours", name=data.draw(names),
                                        level=data.draw(st.sampled_from(list(t.Level))))
            for _ in range(data.draw(st.integers(0, 2), label="our people"))]
    theirs = [life.Contact.objects.create(
        workspace=ws, alliance=alliance, side="partner", name=data.draw(names), job_title=data.draw(text),
        partner=data.draw(st.sampled_from(partners)) if partners and data.draw(st.booleans()) else None,
        unit=data.draw(st.sampled_from([""] + list(t.Unit))), level=data.draw(st.sampled_from(list(t.Level))),
        role=data.draw(st.sampled_from(list(t.Role))), known_by=data.draw(st.sampled_from(ours)) if ours else None,
        notes=data.draw(text), left=data.draw(st.none() | days))
        for _ in range(data.draw(st.integers(0, 3), label="their people"))]
    for _ in range(data.draw(st.integers(0, 3), label="interactions")):
        meeting = life.Interaction.objects.create(
            workspace=ws, alliance=alliance, date=data.draw(days), kind=data.draw(st.sampled_from(list(t.InteractionKind))),
            initiated_by=data.draw(st.sampled_from(["", "ours", "partner"])), note=data.draw(text),
            decision_without_us=data.draw(st.booleans()), terms_reopened=data.draw(st.booleans()))
        meeting.ours.set(data.draw(st.lists(st.sampled_from(ours), unique=True)) if ours else [])
        meeting.theirs.set(data.draw(st.lists(st.sampled_from(theirs), unique=True)) if theirs else [])
    for _ in range(data.draw(st.integers(0, 2), label="milestones")):
        due = data.draw(days)
        milestone = life.Milestone.objects.create(workspace=ws, alliance=alliance, title=data.draw(names), due=due,
                                                  status=data.draw(st.sampled_from(list(t.MilestoneStatus))),
                                                  value_if_stopped=data.draw(text))
        for n in range(data.draw(st.integers(0, 2), label="postponements")):
            life.Postponement.objects.create(workspace=ws, milestone=milestone, date=due, reason=data.draw(text),
                                             previous_due=due, new_due=due + timedelta(days=30 * (n + 1)))
    for _ in range(data.draw(st.integers(0, 2), label="commitments")):
        life.Commitment.objects.create(
            workspace=ws, alliance=alliance, kind=data.draw(st.sampled_from(list(t.CommitmentKind))),
            status=data.draw(st.sampled_from(list(t.CommitmentStatus))), started=data.draw(days),
            signed=data.draw(st.none() | days), expires=data.draw(st.none() | days), governing_law=data.draw(text),
            exit_clause=data.draw(st.none() | st.booleans()), ip_ownership=data.draw(st.sampled_from([""] + list(t.IpOwnership))),
            renewal=data.draw(st.sampled_from([""] + list(t.Renewal))))
    if data.draw(st.booleans(), label="next step"):
        life.NextStep.objects.create(workspace=ws, alliance=alliance, text=data.draw(names),
                                     due=data.draw(st.none() | days), done=data.draw(st.none() | days))
    for _ in range(data.draw(st.integers(0, 2), label="revenue shares")):
        life.RevenueShare.objects.create(workspace=ws, alliance=alliance, date=data.draw(days),
                                         percent=data.draw(st.decimals(0, 100, places=1)))
    if data.draw(st.booleans(), label="health check"):
        check = load_health_check()
        closed = data.draw(st.booleans(), label="closed")
        health = life.HealthCheck.objects.create(
            workspace=ws, alliance=alliance, instrument_version=check.version, opened=data.draw(days),
            closed=data.draw(days) if closed else None, ours=data.draw(st.floats(0, 100)) if closed else None)
        for side in ("ours", "partner"):
            answers = {item.id: {"value": data.draw(st.just("dont_know") | st.integers(1, 5)), "note": data.draw(text)}
                       for item in check.items if data.draw(st.booleans())}
            life.HealthResponse.objects.create(workspace=ws, health_check=health, side=side, name=data.draw(names),
                                               answers=answers)


def _round(alliance: Alliance, data) -> None:
    instrument = get_instrument("quick")
    round_ = open_round(alliance, "quick", ["Ann", "Bo", "Chen"], title=data.draw(text))
    respondents = list(round_.respondents.all())
    for respondent in respondents[: data.draw(st.integers(0, 3), label="submitted")]:
        save_answers(respondent.assessment, data.draw(answer_sets(instrument)))
        submit(respondent)
    if sum(r.has_submitted for r in respondents) >= 2 and data.draw(st.booleans(), label="closed"):
        close_round(round_)
