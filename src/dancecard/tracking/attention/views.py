"""Needs attention: every open signal across the portfolio; and the private calendar links."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from dancecard.core.signals import Severity, load_signal_rules
from dancecard.glossary.links import term_link
from dancecard.portfolio.models import Alliance
from dancecard.tracking import calendar
from dancecard.tracking.attention.services import (
    NOBODY,
    open_signals,
    owners,
    severity_choices,
    watched,
    watched_signals,
    with_records,
)
from dancecard.tracking.life import today
from dancecard.tracking.models import CalendarFeed
from dancecard.web.links import absolute_url
from dancecard.workspaces.access import get_in_workspace, no_workspace
from dancecard.workspaces.cache import cached_fragment

OWNER_MAX = 200  # an owner's name is at most 200 characters (Alliance.owner)
PAGE_SIZE = 50


def attention(request):
    severity = request.GET.get("severity", "")
    severity = severity if severity in {s.value for s in Severity} else ""
    owner = request.GET.get("owner", "")[:OWNER_MAX]
    page = request.GET.get("page", "")[:10]  # Paginator.get_page reads any text as a page number or page 1
    on = today()
    # Signals depend on the day as well as on the records: today's date is part of the key.
    params = f"on={on.isoformat()}&severity={severity}&owner={owner}&page={page}"
    body = cached_fragment(request.access, "attention", params,
                           lambda: _attention_body(request, on, severity, owner, page))
    return render(request, "tracking/attention/attention.html", {"nav": "attention", "body": mark_safe(body)})


def _attention_body(request, on, severity: str, owner: str, page_number: str) -> str:
    named = owners(request.workspace)
    owner = owner if owner in named or owner == NOBODY else ""  # unknown values are ignored, never errors
    rows = open_signals(request.access, severity, owner, on)
    page = Paginator(rows, PAGE_SIZE).get_page(page_number or None)
    shown = with_records(list(page.object_list))  # the records of this page's signals only
    # The countermeasure's glossary link, made once per countermeasure rather than once per row.
    steps = {r.words["countermeasure"]["code"]: term_link(r.words["countermeasure"]["code"],
                                                          label=r.words["countermeasure"]["label"]) for r in shown}
    totals = Counter(r.signal.severity.value for r in rows)
    groups = []
    for value, label in severity_choices():
        found = [{"row": r, "step": steps[r.words["countermeasure"]["code"]]}
                 for r in shown if r.signal.severity == value]
        if found:
            groups.append({"severity": value, "label": label, "rows": found, "total": totals[value]})
    query = urlencode({k: v for k, v in (("severity", severity), ("owner", owner)) if v})
    return render_to_string("tracking/attention/_attention_body.html", {
        "groups": groups, "page": page, "query": query, "count": len(rows),
        "alliance_count": len({r.alliance.pk for r in rows}),
        "watched_count": watched(request.workspace).count(), "watching": watched_signals(),
        "severities": severity_choices(), "severity": severity, "owners": named, "owner": owner,
        "nobody": NOBODY, "filtered": bool(severity or owner), "on": on,
        "rules_version": load_signal_rules().version,
    }, request)


# --- calendar links --------------------------------------------------------------------------------

@no_workspace
@require_http_methods(["GET", "POST"])
def calendar_links(request):
    """The user's private calendar links: made (for the workspace or one alliance), listed, revoked."""
    access = request.access
    secret, made, error, status = None, None, "", 200
    if request.method == "POST" and "revoke" in request.POST:
        feed = calendar.revoke_feed(request.user, _int(request.POST.get("revoke")))
        if feed is None:
            messages.error(request, "No such calendar link of yours, or it was already revoked.")
        else:
            messages.success(request, "Calendar link revoked: calendars that use it get nothing more from now on.")
        return redirect("calendar_links")
    if request.method == "POST":
        scope = request.POST.get("alliance", "")
        alliance = get_in_workspace(access, Alliance, scope) if scope and access is not None else None
        try:
            made, secret = calendar.make_feed(access, alliance)
        except calendar.FeedError as exc:
            error, status = str(exc), 422
    # Only the links of workspaces the user is still in: the others are dead, and must not keep showing their names.
    listed = (CalendarFeed.objects.filter(user=request.user, workspace__memberships__user=request.user)
              .select_related("workspace", "alliance") if access is not None else CalendarFeed.objects.none())
    return render(request, "tracking/attention/calendar_links.html", {
        "nav": "account", "feeds": listed, "error": error, "made": made,
        "link": absolute_url(reverse("calendar_feed", args=[secret]), request) if secret else "",
        "alliances": watched(access.workspace).order_by("name") if access is not None else [],
        "chosen": _int(request.GET.get("alliance")),
    }, status=status)


@login_not_required
@never_cache
@require_safe
def calendar_feed(request, secret):
    """The dates, for a calendar app that cannot sign in: the secret in the link is the key."""
    found = calendar.feed_access(secret)
    if found is None:
        raise Http404("No such calendar link")
    feed, access = found
    if feed.alliance_id is not None:
        alliance = get_in_workspace(access, Alliance, feed.alliance_id)
        dates, name = calendar.due_dates(access.workspace, alliance.pk), f"{alliance.name} (Dancecard)"
    else:
        dates, name = calendar.due_dates(access.workspace), f"{access.workspace.name} (Dancecard)"
    body = calendar.build_calendar(dates, name, lambda pk: absolute_url(reverse("alliance", args=[pk]), request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="dancecard.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
