"""Health-check pages: for members (open a check, see who answered and the two-sided picture, close and
reopen it, manage the private links, the alliance's cadence) and for respondents through their private
link (`/h/<token>/`, no sign-in).

A respondent sees the statements worded for their side and their own answers, never anyone else's nor
the check's results. A link that is unknown answers 404; one that no longer works (revoked, replaced by
a new link, or its check closed) answers 410 Gone with a page saying so, and nothing of the answers.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from dancecard.charts.health import render_health_chart
from dancecard.core import timeline as t
from dancecard.portfolio.models import Alliance
from dancecard.tracking.health import services
from dancecard.tracking.health.forms import AddPeopleForm, AnswersForm, CadenceForm, OpenCheckForm, side_label
from dancecard.tracking.models import HealthCheck, HealthResponse
from dancecard.web.links import absolute_url
from dancecard.workspaces.access import Permission, get_in_workspace, requires


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def health_check_new(request, alliance_pk):
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    already = services.open_check_of(alliance)
    if already is not None:
        messages.info(request, "A health check is already open on this alliance: close it before opening another.")
        return redirect(already)
    form = OpenCheckForm(request.POST or None, initial=services.people_on_record(alliance))
    if request.method == "POST" and form.is_valid():
        try:
            check = services.open_check(alliance, form.cleaned_data["ours"], form.cleaned_data["partner"])
        except services.HealthCheckError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Health check opened. Send each person their private link.")
            return redirect(check)
    return render(request, "tracking/health/check_new.html", {
        "nav": "portfolio", "alliance": alliance, "form": form, "check": services.load_health_check(),
        "prefilled": any(form.initial.values()),
    }, status=422 if form.errors else 200)


def answer_path(response: HealthResponse) -> str:
    return reverse("health_answer", args=[response.token])


def _people(responses, editor: bool, request, is_open: bool):
    """Each side's people with their state, and their private link for editors while the check is open."""
    sides = []
    for side in t.Side:
        rows = []
        for r in responses:
            if r.side != side:
                continue
            state = "revoked" if r.revoked else "valid"
            link = absolute_url(answer_path(r), request) if editor and is_open and not r.revoked else None
            rows.append({"response": r, "state": state, "link": link, "answered": services.answered_count(r.answers)})
        sides.append({"side": side.value, "label": side_label(side.value), "rows": rows})
    return sides


def health_check(request, pk):
    check = get_in_workspace(request.access, HealthCheck, pk)
    alliance = check.alliance
    instrument = services.instrument_of(check)
    responses = list(check.responses.all())
    counts = services.tally(responses)
    is_open = check.closed is None
    if is_open:
        summary = services.comparison_summary(services.compare(check, responses), counts) \
            if counts.picture_ready else None
    else:
        summary = check.summary
    editor = request.access.can(Permission.EDIT)
    notes = [{"side": side_label(r.side), "name": r.name, "question": item.question_for(t.Side(r.side)),
              "note": r.answers[item.id]["note"]}
             for r in responses if r.submitted for item in instrument.items
             if isinstance(r.answers.get(item.id), dict) and r.answers[item.id].get("note")]
    return render(request, "tracking/health/check_detail.html", {
        "nav": "portfolio", "check": check, "alliance": alliance, "instrument": instrument, "is_open": is_open,
        "people": _people(responses, editor, request, is_open), "counts": counts, "summary": summary,
        "chart": render_health_chart(summary, instrument) if summary else "",
        "actions": services.present_actions(summary, instrument),
        "notes": notes, "add_form": AddPeopleForm(),
        "side_ours": side_label(t.Side.OURS), "side_partner": side_label(t.Side.PARTNER),
    })


@requires(Permission.EDIT)
@require_POST
def health_check_close(request, pk):
    check = get_in_workspace(request.access, HealthCheck, pk, need=Permission.EDIT)
    try:
        services.close_check(check)
    except services.HealthCheckError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Health check closed: its scores now count in the alliance's record.")
    return redirect(check)


@requires(Permission.EDIT)
@require_POST
def health_check_reopen(request, pk):
    check = get_in_workspace(request.access, HealthCheck, pk, need=Permission.EDIT)
    try:
        services.reopen_check(check)
    except services.HealthCheckError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Health check reopened. People who had not submitted can answer through their "
                                  "links; the scores are worked out again when you close it.")
    return redirect(check)


@requires(Permission.EDIT)
@require_POST
def health_check_people(request, pk):
    check = get_in_workspace(request.access, HealthCheck, pk, need=Permission.EDIT)
    form = AddPeopleForm(request.POST)
    if form.is_valid():
        try:
            added = services.add_people(check, form.cleaned_data["side"], form.cleaned_data["names"])
        except services.HealthCheckError as exc:
            form.add_error("names", str(exc))
        else:
            messages.success(request, f"Added {', '.join(r.name for r in added)}: send each their private link.")
            return redirect(f"{check.get_absolute_url()}#people")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, f"Nobody was added: {error}")
    return redirect(f"{check.get_absolute_url()}#people")


def _response(request, pk) -> HealthResponse:
    return get_in_workspace(request.access, HealthResponse, pk, need=Permission.EDIT)


@requires(Permission.EDIT)
@require_POST
def health_response_revoke(request, pk):
    response = _response(request, pk)
    try:
        services.revoke_link(response)
    except services.HealthCheckError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{response.name}'s link is revoked: it no longer works. Their answers are kept; "
                                  "make a new link to let them answer again.")
    return redirect(f"{response.health_check.get_absolute_url()}#people")


@requires(Permission.EDIT)
@require_POST
def health_response_new_link(request, pk):
    response = _response(request, pk)
    services.renew_link(response)
    messages.success(request, f"A new link for {response.name} is ready (below); their old link no longer works.")
    return redirect(f"{response.health_check.get_absolute_url()}#response-{response.pk}")


@requires(Permission.EDIT)
@require_POST
def health_cadence(request, alliance_pk):
    alliance = get_in_workspace(request.access, Alliance, alliance_pk, need=Permission.EDIT)
    form = CadenceForm(request.POST, current=alliance.health_cadence_months)
    if form.is_valid():
        services.set_cadence(alliance, form.cleaned_data["months"])
        months = alliance.health_cadence_months or services.default_cadence()
        messages.success(request, f"Health checks are now due every {months} months.")
    else:
        messages.error(request, " ".join(form.errors.get("months", ["Choose how often."])))
    return redirect(f"{alliance.get_absolute_url()}#health")


# --- respondents, through their private link -----------------------------------------------------


def _gone(request, response: HealthResponse, state: str):
    """410 Gone: the link existed but no longer works. Says why and whom to ask; nothing of the answers."""
    runner = services.check_runner(response.health_check)
    return render(request, "tracking/health/link_gone.html", {
        "state": state, "when": response.revoked if state == "revoked" else response.health_check.closed,
        "runner": (runner.get_full_name() or runner.get_username()) if runner is not None else "",
        "firm": response.workspace.name,
    }, status=410)


@login_not_required
@never_cache  # a respondent's own answers: never kept by a browser's or a proxy's cache
@require_http_methods(["GET", "POST"])
def health_answer(request, token):
    response, state = services.find_by_token(token)
    if response is None:
        raise Http404("No such private link")
    if state != "valid":
        return _gone(request, response, state)
    check = response.health_check
    instrument = services.instrument_of(check)
    if response.submitted is not None:
        if request.method == "POST":
            messages.info(request, "Your answers are already submitted; they can no longer be changed.")
            return redirect("health_answer", response.token)
        return _answer_page(request, response, instrument, None)
    submit = request.POST.get("go") == "submit"
    form = AnswersForm(request.POST or None, check=instrument, side=response.side, submit=submit,
                       stored=response.answers)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_answers(response, form.answers(), submit=submit)
        except services.HealthCheckError as exc:
            messages.error(request, str(exc))
        else:
            if not submit:
                answered = len(form.answers())
                messages.success(request, f"Saved: {answered} of {len(instrument.items)} answered. Come back with this "
                                          "link to finish, then submit.")
        return redirect("health_answer", response.token)
    return _answer_page(request, response, instrument, form, status=422 if form.errors else 200)


def _answer_page(request, response: HealthResponse, instrument, form, status: int = 200):
    side = t.Side(response.side)
    mine = []
    if response.submitted is not None:
        labels = instrument.health.labels
        for item in instrument.items:
            answer = response.answers.get(item.id) or {}
            value = answer.get("value") if isinstance(answer, dict) else answer
            shown = f"{value} · {labels[value - 1]}" if isinstance(value, int) and 1 <= value <= 5 else "Don't know"
            mine.append({"question": item.question_for(side), "answer": shown if item.id in response.answers
                         else "Not answered", "note": answer.get("note", "") if isinstance(answer, dict) else ""})
    return render(request, "tracking/health/answer.html", {
        "respondent": response, "check": response.health_check, "alliance": response.health_check.alliance,
        "instrument": instrument, "form": form, "partner_side": side == t.Side.PARTNER, "mine": mine,
        "firm": response.workspace.name,
    }, status=status)
