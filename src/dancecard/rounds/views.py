from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from dancecard.assessments.views import handle_step
from dancecard.core.errors import UnknownInstrument
from dancecard.core.instruments import available, get_instrument
from dancecard.portfolio.models import Alliance
from dancecard.rounds import services
from dancecard.rounds.models import Respondent, Round
from dancecard.web.links import absolute_url
from dancecard.workspaces.access import Permission, get_in_workspace, requires


def _instrument_choices():
    return [(get_instrument(n, v).key, get_instrument(n, v).title) for n, v, _ in available()]


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def round_new(request, alliance_pk):
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    form = {"title": "", "names": "", "instrument": "quick@" + get_instrument("quick").version}
    error = ""
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in form}
        try:
            round_ = services.open_round(alliance, form["instrument"], form["names"], form["title"])
        except (services.RoundError, UnknownInstrument) as exc:
            error = str(exc)
        else:
            messages.success(request, "Round opened. Send each respondent their private link.")
            return redirect(round_)
    return render(request, "rounds/round_new.html", {
        "nav": "portfolio", "alliance": alliance, "form": form, "error": error, "instruments": _instrument_choices(),
    }, status=422 if error else 200)


def round_detail(request, pk):
    round_ = get_in_workspace(request.access, Round, pk)
    summary = services.summarise(round_) if round_.is_open else round_.closing_summary
    respondents = list(round_.respondents.select_related("assessment"))
    # The private links are for whoever runs the round; viewers see who answered, not how to answer for them.
    links = [(r, absolute_url(r.get_absolute_url(), request) if request.access.can(Permission.EDIT) else None)
             for r in respondents]
    return render(request, "rounds/round_detail.html", {
        "nav": "portfolio", "round": round_, "alliance": round_.alliance, "summary": summary, "links": links,
        "consensus_result": (summary or {}).get("consensus") or (round_.consensus.result if round_.consensus else None),
    })


@requires(Permission.EDIT)
@require_POST
def round_close(request, pk):
    round_ = get_in_workspace(request.access, Round, pk, need=Permission.EDIT)
    try:
        services.close_round(round_)
    except services.RoundError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Round closed: the team's consensus is now the alliance's current assessment.")
    return redirect(round_)


# --- respondents, through their private link -----------------------------------------------------

class RespondentUrls:
    def __init__(self, respondent: Respondent):
        self.token = respondent.token

    def step(self, number: int) -> str:
        return reverse("respond_step", args=[self.token, number])

    def result(self) -> str:
        return reverse("respond", args=[self.token])

    def later(self) -> str:
        return reverse("respond", args=[self.token])


def _respondent(token: str) -> Respondent:
    return get_object_or_404(Respondent.objects.select_related("round__alliance", "assessment"), token=token)


@login_not_required
def respond(request, token):
    respondent = _respondent(token)
    round_ = respondent.round
    summary = None
    if respondent.has_submitted:
        summary = services.summarise(round_) if round_.is_open else round_.closing_summary
    answered = len(respondent.assessment.answers)
    total = len(respondent.assessment.instrument.items)
    return render(request, "rounds/respond.html", {
        "remaining": total - answered,
        "respondent": respondent, "round": round_, "alliance": round_.alliance, "summary": summary,
        "answered": answered, "total": total,
        "consensus_result": (summary or {}).get("consensus") or (round_.consensus.result if round_.consensus else None),
    })


@login_not_required
@require_http_methods(["GET", "POST"])
def respond_step(request, token, number):
    respondent = _respondent(token)
    if respondent.has_submitted or not respondent.round.is_open:
        return redirect("respond", token)
    return handle_step(request, respondent.assessment, number, RespondentUrls(respondent),
                       template="rounds/respond_step.html",
                       extra={"respondent": respondent, "base_template": "rounds/respondent_base.html"})


@login_not_required
@require_POST
def respond_submit(request, token):
    respondent = _respondent(token)
    try:
        services.submit(respondent)
    except services.RoundError as exc:
        messages.error(request, str(exc))
    return redirect("respond", token)

