"""The one-page alliance brief: what a board reads in two minutes, on screen and on paper."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from dancecard.core import timeline as t
from dancecard.core.signal_wording import present_signals, signal_words
from dancecard.core.signals import Severity, load_signal_rules
from dancecard.core.vocabulary import load_vocabulary
from dancecard.core.wording import present
from dancecard.portfolio.consortium import FACTORS, PartnerRow, rollup
from dancecard.portfolio.stages import iso_stage

PAPERS = {"a4": "A4", "letter": "Letter"}
OPEN_QUESTIONS = 5
IN_HOUSE_STEPS = 3
MAIN_RISKS = 3
REASONS = 6
TOP_WARNINGS = 2


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
    partners = list(alliance.partners.all())
    return {
        "alliance": alliance,
        "partners": partners,
        "consortium": _consortium(alliance) if len(partners) > 1 else None,
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
        "relationship": relationship(alliance),
        "printed": timezone.now(),
    }


def relationship(alliance, on: date | None = None) -> dict[str, Any]:
    """The alliance's life in four facts: the last meeting in person, the open warnings (the needs-attention
    page's, tracking/life.py), the next milestone, and the factors' trend once there are two assessments."""
    from dancecard.charts.trends import render_factor_trend
    from dancecard.tracking.life import signals_by_alliance, today
    from dancecard.tracking.models import Interaction, Milestone
    from dancecard.tracking.people.panel import in_person_kinds
    from dancecard.tracking.trend import factor_points

    on = on or today()
    met = (Interaction.objects.filter(alliance=alliance, date__lte=on, kind__in=in_person_kinds())
           .aggregate(last=Max("date"))["last"])
    warnings = present_signals(signals_by_alliance([alliance], on)[alliance.pk])
    labels = signal_words()["severity"]
    counts = [{"severity": s.value, "label": labels.get(s.value, s.value), "count": n}
              for s in Severity if (n := sum(1 for w in warnings if w["severity"] == s.value))]
    milestone = (Milestone.objects.filter(alliance=alliance, status__in=[s for s in t.MilestoneStatus if s.is_open])
                 .order_by("due", "pk").first())
    points = factor_points(alliance)
    return {
        "last_met": met,
        "days_since_met": None if met is None else (on - met).days,
        "warnings": len(warnings),
        "by_severity": counts,
        "top_warnings": [w["title"] for w in warnings[:TOP_WARNINGS]],
        "quiet": alliance.stage in load_signal_rules().settings.quiet_in,
        "milestone": milestone,
        "milestone_late": milestone is not None and milestone.due < on,
        "trend": mark_safe(render_factor_trend(points, compact=True)) if len(points) >= 2 else None,
    }


def _scores(factors: dict[str, dict[str, Any]]) -> list[float | None]:
    """The three factor scores in the model's order; None where a factor is not scored."""
    return [factors.get(key, {}).get("score") for key in FACTORS]


def _consortium(alliance) -> dict[str, Any]:
    """Each partner's band and factor scores, the whole alliance's and the weakest partner's risk.

    The same roll-up as the alliance page's "Per partner" table (portfolio/consortium.py), from
    the stored summaries only.
    """
    summary = rollup(alliance)

    def row(partner_row: PartnerRow) -> dict[str, Any]:
        return {"name": partner_row.partner.name, "role": partner_row.role, "band": partner_row.band,
                "assessed": partner_row.assessment is not None, "scores": _scores(partner_row.factors)}

    whole = summary.whole
    weakest = summary.weakest
    return {
        "rows": [row(r) for r in summary.rows],
        "whole": None if whole is None else {
            "band": whole.band, "scores": _scores(summary.whole_factors),
            "about": whole.partner.name if whole.partner_id else ""},
        "weakest": None if weakest is None else {"name": weakest.partner.name, "risk": weakest.risk},
        "assessed": len(summary.assessed),
        "missing": [r.partner.name for r in summary.missing],
    }


def _leading_reasons(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers that moved the factors most, each naming its factor and whether it is good news.

    The part is named only where the factor has more than one (partner value's two directions,
    risk's exposure and safeguards): a one-part factor's part is the factor itself.
    """
    rows = []
    for key, factor in result["factors"].items():
        several_parts = len(factor.get("parts") or []) > 1
        for reason in factor["reasons"]:
            # Risk is the one factor where "raises" is bad news.
            good = (reason["effect"] > 0) != (key == "risk")
            rows.append(dict(reason, factor=key, good_news=good,
                             part_label=reason.get("part_label", "") if several_parts else ""))
    return sorted(rows, key=lambda r: -abs(r["effect"]))[:REASONS]


def render_brief_html(brief: dict[str, Any], paper: str, request=None) -> str:
    return render_to_string("briefs/print.html", brief | {"paper": PAPERS[paper]}, request)


def render_brief_pdf(brief: dict[str, Any], paper: str = "a4") -> bytes:
    from weasyprint import HTML

    return HTML(string=render_brief_html(brief, paper)).write_pdf()
