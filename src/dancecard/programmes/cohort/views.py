"""The cohort view of a programme: the page, its PDF report and the CSV/XLSX exports.

Every figure comes from `cohort_for` (facts.py: the only reader of member firms' records, under
their consent) through the disclosure rule, and is put into words once (core/cohort_wording.py);
no view here reads a firm's records.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from dancecard.programmes.cohort.exports import cohort_csv, cohort_xlsx
from dancecard.programmes.cohort.facts import TTL_SECONDS, cohort_for
from dancecard.programmes.cohort.report import cohort_context, render_report_pdf
from dancecard.workspaces.access import programme_page

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(request, content: bytes, what: str, extension: str, on) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Cache-Control"] = "no-store"  # a cohort's figures are confidential, like every export
    stem = slugify(request.workspace.name) or "programme"
    response["Content-Disposition"] = f'attachment; filename="{stem}-{what}-{on:%Y-%m-%d}.{extension}"'
    return response


@programme_page
@require_GET
def cohort(request):
    view = cohort_for(request.access)
    return render(request, "programmes/cohort/cohort.html",
                  cohort_context(view, request.workspace) | {"nav": "cohort"})


@programme_page
@require_GET
def cohort_report(request):
    view = cohort_for(request.access)
    # Rendering hundreds of named alliances takes seconds: kept as long as the cohort it shows.
    key = f"{view.key}:pdf:{hashlib.sha1(request.workspace.name.encode()).hexdigest()}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_report_pdf(cohort_context(view, request.workspace))
        cache.set(key, pdf, TTL_SECONDS)
    return _download(request, pdf, "cohort", "pdf", view.on)


@programme_page
@require_GET
def cohort_csv_export(request):
    view = cohort_for(request.access)
    return _download(request, cohort_csv(view.cohort), "cohort", "csv", view.on)


@programme_page
@require_GET
def cohort_xlsx_export(request):
    view = cohort_for(request.access)
    return _download(request, cohort_xlsx(view.cohort), "cohort", "xlsx", view.on)
