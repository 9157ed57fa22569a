"""The one-page alliance brief: what a board reads in two minutes, on screen and on paper."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from dancecard.core.vocabulary import load_vocabulary
from dancecard.core.wording import present
from dancecard.portfolio.stages import iso_stage

PAPERS = {"a4": "A4", "letter": "Letter"}
OPEN_QUESTIONS = 5
IN_HOUSE_STEPS = 3
MAIN_RISKS = 3
REASONS = 6


class NoAssessment(Exception):
    """The alliance has no completed assessment to brief on."""


def build_brief(alliance) -> dict[str, Any]:
    from dancecard.rounds import services as rounds

    assessment = alliance.current_assessment
    if assessment is None or not assessment.is_complete:
        raise NoAssessment(f"“{alliance.name}” has no completed assessment yet: run one before printing a brief.")
    result = present(assessment.result)
    round_ = alliance.rounds.order_by("-created").first()
    team = None
    if round_ is not None:
        team = round_.closing_summary if not round_.is_open else rounds.summarise(round_)
        if team is not None:
            team = {k: v for k, v in team.items() if k != "consensus"} | {"round": round_}
    vocabulary = load_vocabulary()
    structure = vocabulary.terms.get(f"form.{alliance.form}") if alliance.form else None
    return {
        "alliance": alliance,
        "partners": list(alliance.partners.all()),
        "stage": iso_stage(alliance.stage),
        "assessment": assessment,
        "result": result,
        "reasons": _leading_reasons(result),
        "risks": result["threats"][:MAIN_RISKS],
        "missing_safeguards": sorted(result["safeguards_by_status"]["missing"] + result["safeguards_by_status"]["partial"],
                                     key=lambda s: -s["relief"])[:MAIN_RISKS],
        "structure": structure,
        "questions": result["next_steps"]["ask_partner"][:OPEN_QUESTIONS],
        "more_questions": max(0, len(result["next_steps"]["ask_partner"]) - OPEN_QUESTIONS),
        "in_house": result["next_steps"]["in_house"][:IN_HOUSE_STEPS],
        "team": team,
        "team_respondents": (team or {}).get("respondents"),
        "printed": timezone.now(),
    }


def _leading_reasons(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers that moved the factors most, each naming its factor and whether it is good news."""
    rows = []
    for key, factor in result["factors"].items():
        for reason in factor["reasons"]:
            # Risk is the one factor where "raises" is bad news.
            good = (reason["effect"] > 0) != (key == "risk")
            rows.append(dict(reason, factor=key, good_news=good))
    return sorted(rows, key=lambda r: -abs(r["effect"]))[:REASONS]


def render_brief_html(brief: dict[str, Any], paper: str, request=None) -> str:
    return render_to_string("briefs/print.html", brief | {"paper": PAPERS[paper]}, request)


def render_brief_pdf(brief: dict[str, Any], paper: str = "a4") -> bytes:
    from weasyprint import HTML

    return HTML(string=render_brief_html(brief, paper)).write_pdf()
