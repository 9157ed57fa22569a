from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from dancecard.briefs.services import PAPERS, NoAssessment, build_brief, render_brief_pdf
from dancecard.portfolio.models import Alliance
from dancecard.workspaces.access import Permission, get_in_workspace, requires


def _brief_or_redirect(request, pk):
    alliance = get_in_workspace(request.access, Alliance, pk)
    try:
        return alliance, build_brief(alliance)
    except NoAssessment as exc:
        messages.error(request, str(exc))
        return alliance, None


def brief(request, pk):
    alliance, brief = _brief_or_redirect(request, pk)
    if brief is None:
        return redirect(alliance)
    return render(request, "briefs/brief_page.html", brief | {"nav": "portfolio"})


def brief_pdf(request, pk):
    paper = request.GET.get("paper", "a4").lower()
    if paper not in PAPERS:
        return HttpResponse("paper must be a4 or letter", status=400, content_type="text/plain")
    alliance, brief = _brief_or_redirect(request, pk)
    if brief is None:
        return redirect(alliance)
    response = HttpResponse(render_brief_pdf(brief, paper), content_type="application/pdf")
    response["Cache-Control"] = "no-store"  # a board brief is confidential, like every export
    response["Content-Disposition"] = f'attachment; filename="brief-{slugify(alliance.name) or alliance.pk}-{paper}.pdf"'
    return response
