"""Random but valid workspaces, built through the same services the app uses."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

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
    return workspace


def _round(alliance: Alliance, data) -> None:
    instrument = get_instrument("quick")
    round_ = open_round(alliance, "quick", ["Ann", "Bo", "Chen"], title=data.draw(text))
    respondents = list(round_.respondents.all())
    for respondent in respondents[: data.draw(st.integers(0, 3), label="submitted")]:
        save_answers(respondent.assessment, data.draw(answer_sets(instrument)))
        submit(respondent)
    if sum(r.has_submitted for r in respondents) >= 2 and data.draw(st.booleans(), label="closed"):
        close_round(round_)
