"""What the cohort page and its PDF report show: the labelled cohort (core/cohort_wording.py) and its charts.

The page and the report render the same context with the same partial template, so the report
carries the page's figures and SVG charts, word for word.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from dancecard.charts.cohort import conversion_words, render_table
from dancecard.core.cohort_wording import present_cohort
from dancecard.programmes.cohort.facts import CohortView


def cohort_context(view: CohortView, programme) -> dict[str, Any]:
    """The page's and the report's context: the cohort in words, each chart's SVG beside its table."""
    presented = present_cohort(view.cohort, view.named, view.on)
    k = presented.k
    charts = []
    for table in presented.charts:
        drawn = bool(table.figures) or table.stacked
        charts.append({"table": table, "svg": mark_safe(render_table(table, k, presented.benchmark)) if drawn else ""})
    steps = [{"figure": f, "conversion": conversion_words(f)} for f in presented.reached.lines[0].figures]
    return {"cohort": presented, "charts": {c["table"].key: c for c in charts}, "steps": steps,
            "programme": programme, "k": k}


def render_report_html(context: dict[str, Any]) -> str:
    return render_to_string("programmes/cohort/print.html", context | {"printing": True})


def render_report_pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_report_html(context)).write_pdf()
