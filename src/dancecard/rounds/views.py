"""Team round pages: for editors (open, close, reopen, rename, delete, extend the links, revoke and replace a
link) and for respondents through their private link (`/r/<token>/`, no sign-in).

A respondent's link that is unknown answers 404. One that existed but no longer works (the round's links
expired, it was revoked, or a new link replaced it) answers **410 Gone** with a page saying so and whom to
ask for a new one, and nothing of the round: no answers, results, names or alliance.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
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


# The private links' lifetimes an editor can choose: (form value, label).
LINK_DAY_CHOICES = [(str(d) if d else "never", f"{d} days" if d else "Never expire") for d in services.LINK_DAYS]
NEW_LINK_SESSION_KEY = "dancecard_round_new_link"


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j M Y, H:i")


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def round_new(request, alliance_pk):
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    form = {"title": "", "names": "", "instrument": "quick@" + get_instrument("quick").version,
            "link_days": str(services.DEFAULT_LINK_DAYS)}
    error = ""
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in form}
        try:
            link_days = services.parse_link_days(form["link_days"])
            round_ = services.open_round(alliance, form["instrument"], form["names"], form["title"], link_days=link_days)
        except (services.RoundError, UnknownInstrument) as exc:
            error = str(exc)
        else:
            until = f"until {_when(round_.links_expire)}" if round_.links_expire else "with no expiry"
            messages.success(request, f"Round opened. Send each respondent their private link; the links work {until}.")
            return redirect(round_)
    return render(request, "rounds/round_new.html", {
        "nav": "portfolio", "alliance": alliance, "form": form, "error": error, "instruments": _instrument_choices(),
        "link_days": LINK_DAY_CHOICES,
    }, status=422 if error else 200)


def round_detail(request, pk):
    round_ = get_in_workspace(request.access, Round, pk)
    summary = services.summarise(round_) if round_.is_open else round_.closing_summary
    respondents = list(round_.respondents.select_related("assessment"))
    # The private links are for whoever runs the round; viewers see who answered, not how to answer for them.
    editor = request.access.can(Permission.EDIT)
    links = [(r, absolute_url(r.get_absolute_url(), request) if editor else None) for r in respondents]
    # A link just made is shown once, at the top, to the editor who made it (it stays in the table for editors).
    new_link = None
    fresh = request.session.get(NEW_LINK_SESSION_KEY)
    if isinstance(fresh, list) and fresh[:1] == [round_.pk]:
        del request.session[NEW_LINK_SESSION_KEY]
        if editor:
            new_link = next(((r, link) for r, link in links if r.pk == fresh[1] and r.link_works), None)
    return render(request, "rounds/round_detail.html", {
        "nav": "portfolio", "round": round_, "alliance": round_.alliance, "summary": summary, "links": links,
        "new_link": new_link, "extend_choices": LINK_DAY_CHOICES,
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


@requires(Permission.EDIT)
@require_POST
def round_reopen(request, pk):
    round_ = get_in_workspace(request.access, Round, pk, need=Permission.EDIT)
    try:
        services.reopen_round(round_)
    except services.RoundError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Round reopened. Respondents who had not submitted can answer again while their "
                                  "links work. The alliance's current assessment stays as it is until you close the "
                                  "round again.")
    return redirect(round_)


@requires(Permission.EDIT)
@require_POST
def round_edit(request, pk):
    round_ = get_in_workspace(request.access, Round, pk, need=Permission.EDIT)
    try:
        services.rename_round(round_, request.POST.get("title", ""))
    except services.RoundError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"The round is now called “{round_}”. Its history is on the alliance's History "
                                  "page, where the change can be undone.")
    return redirect(round_)


@requires(Permission.EDIT)
@require_POST
def round_delete(request, pk):
    round_ = get_in_workspace(request.access, Round, pk, need=Permission.EDIT)
    alliance = round_.alliance
    # Named as the alliance's History names it: by its title, or by the day it was opened.
    name = f"“{round_.title}”" if round_.title else f"of {date_format(timezone.localtime(round_.created), 'j M Y')}"
    services.delete_round(round_)
    messages.success(request, format_html(
        "Team round {} deleted, with its respondents' private links and their answers. "
        "<a href=\"{}\">Undo it from the alliance's History</a>.",
        name, reverse("alliance_history", args=[alliance.pk])))
    return redirect(alliance)


@requires(Permission.EDIT)
@require_POST
def round_extend_links(request, pk):
    round_ = get_in_workspace(request.access, Round, pk, need=Permission.EDIT)
    try:
        services.extend_links(round_, services.parse_link_days(request.POST.get("days", "")))
    except services.RoundError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"The private links now work until {_when(round_.links_expire)}."
                         if round_.links_expire else "The private links now never expire.")
    return redirect(round_)


@requires(Permission.EDIT)
@require_POST
def respondent_revoke(request, pk):
    respondent = get_in_workspace(request.access, Respondent, pk, need=Permission.EDIT)
    round_ = respondent.round
    try:
        services.revoke_link(respondent)
    except services.RoundError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{respondent.name}'s link is revoked: it no longer works. Their answers are kept; "
                                  f"make a new link to let them answer again.")
    return redirect(round_)


@requires(Permission.EDIT)
@require_POST
def respondent_new_link(request, pk):
    respondent = get_in_workspace(request.access, Respondent, pk, need=Permission.EDIT)
    round_ = respondent.round
    services.renew_link(respondent)
    request.session[NEW_LINK_SESSION_KEY] = [round_.pk, respondent.pk]
    messages.success(request, f"A new link for {respondent.name} is ready; their old link no longer works.")
    return redirect(f"{round_.get_absolute_url()}#new-link")


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


class LinkGone(Exception):
    def __init__(self, respondent: Respondent, state: str):
        super().__init__(state)
        self.respondent, self.state = respondent, state


def _respondent(token: str) -> Respondent:
    """The respondent whose link this is, if it works; Http404 for an unknown link, LinkGone for a dead one."""
    respondent, state = services.find_by_token(token)
    if respondent is None:
        raise Http404("No such private link")
    if state != "valid":
        raise LinkGone(respondent, state)
    return respondent


def _gone(request, gone: LinkGone):
    """410 Gone: the link existed but no longer works. Says why and whom to ask; nothing of the round's answers."""
    respondent, round_ = gone.respondent, gone.respondent.round
    runner = services.round_runner(round_)
    response = render(request, "rounds/link_gone.html", {
        "state": gone.state, "round": round_,
        "when": respondent.revoked if gone.state == "revoked" else round_.links_expire,
        "runner": (runner.get_full_name() or runner.get_username()) if runner is not None else "",
    }, status=410)
    if request.htmx:
        # An autosave from a page opened before the link died: reload it, so the person sees why.
        response["HX-Refresh"] = "true"
    return response


def link_works(view):
    """Respondent pages answer only through a link that works: otherwise 404 (unknown) or 410 (expired, revoked)."""
    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        try:
            respondent = _respondent(token)
        except LinkGone as gone:
            return _gone(request, gone)
        return view(request, respondent, *args, **kwargs)

    # A respondent's answers and the round's summary: never kept by a browser's or a proxy's cache.
    return never_cache(wrapper)


@login_not_required
@link_works
def respond(request, respondent):
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
@link_works
def respond_step(request, respondent, number):
    if respondent.has_submitted or not respondent.round.is_open:
        return redirect("respond", respondent.token)
    return handle_step(request, respondent.assessment, number, RespondentUrls(respondent),
                       template="rounds/respond_step.html",
                       extra={"respondent": respondent, "base_template": "rounds/respondent_base.html"})


@login_not_required
@require_POST
@link_works
def respond_submit(request, respondent):
    try:
        services.submit(respondent)
    except services.RoundError as exc:
        messages.error(request, str(exc))
    return redirect("respond", respondent.token)

