from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, When
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from dancecard.core.text import bad_characters
from dancecard.core.verdict import BAND_ORDER, Band
from dancecard.core.wording import band_label
from dancecard.history.services import deleted_partners
from dancecard.history.templatetags.history_words import in_use_text
from dancecard.portfolio.consortium import rollup
from dancecard.portfolio.forms import AllianceForm, MemberRolesForm, PartnerForm
from dancecard.portfolio.models import Alliance, Partner
from dancecard.portfolio.sector_context import sector_context
from dancecard.portfolio.services import (
    PartnerInUse, StaleEdit, claim_revision, delete_partner, partner_uses, save_alliance,
)
from dancecard.portfolio.stages import ISO_44001, Stage
from dancecard.tracking.health.services import health_section
from dancecard.tracking.life import today
from dancecard.tracking.people.panel import alliance_people, with_last_interactions
from dancecard.tracking.trend import trends
from dancecard.workspaces.cache import cached_fragment
from dancecard.workspaces.access import Permission, get_in_workspace, requires

PAGE_SIZE = 25
STAGE_ORDER = Case(*[When(stage=s, then=i) for i, s in enumerate(Stage.values)], output_field=IntegerField())


def _alliance_rows(workspace):
    # "Last interaction" and "last face-to-face" come from the interactions' dates, in the same query.
    return (with_last_interactions(Alliance.objects.filter(workspace=workspace))
            .select_related("current_assessment")
            .prefetch_related("partners")
            .defer("current_assessment__result", "current_assessment__answers"))


def dashboard(request):
    workspace = request.workspace
    # Every parameter checked here: unknown values are ignored, never errors, and only these four
    # make the fragment's cache key.
    query = _search(request)
    stage = request.GET.get("stage", "")
    stage = stage if stage in Stage.values else ""
    band = request.GET.get("band", "")
    band = band if band == "none" or band in {b.value for b in Band} else ""
    page = request.GET.get("page", "")  # Paginator.get_page reads any text as a page number or page 1
    # Today's date too: the rows say "met 12 days ago", which changes overnight with no save to retire the cache.
    params = "&".join(f"{k}={v}" for k, v in (("band", band), ("page", page), ("q", query), ("stage", stage),
                                               ("today", today())))
    body = cached_fragment(request.access, "dashboard", params,
                           lambda: _dashboard_body(request, workspace, stage, band, query, page))
    return render(request, "portfolio/dashboard.html", {"nav": "portfolio", "body": mark_safe(body)})


# Longer searches are no search a person types; SQLite also refuses LIKE patterns over 50,000 bytes.
SEARCH_MAX = 200


def _search(request) -> str:
    """The dashboard's search text, at most SEARCH_MAX characters of it; a message says what was left out.

    Checked here, outside the cached fragment, so the message shows on every request that needs it."""
    query = request.GET.get("q", "").strip()
    bad = bad_characters(query)
    if bad:  # nothing stored holds them (core/text.py), and PostgreSQL refuses NUL in a query
        query = "".join(ch for ch in query if ch not in bad).strip()
        messages.warning(request, "The search held control or invisible formatting characters: they were left out.")
    if len(query) > SEARCH_MAX:
        messages.warning(request, f"Searches are limited to {SEARCH_MAX} characters: "
                                  f"only the first {SEARCH_MAX} of {len(query):,} were used.")
        query = query[:SEARCH_MAX].strip()
    return query


def safe_next(request, fallback: str) -> str:
    """The page to go back to after a form: `next` if it is a page of this site, else the fallback."""
    wanted = request.GET.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return wanted
    return fallback


def _dashboard_body(request, workspace, stage: str, band: str, query: str, page_number: str) -> str:
    counts = dict(Alliance.objects.filter(workspace=workspace).values_list("stage").annotate(n=Count("pk")).order_by())
    alliances = _alliance_rows(workspace)
    if stage:
        alliances = alliances.filter(stage=stage)
    if band == "none":
        alliances = alliances.filter(current_assessment__isnull=True)
    elif band:
        alliances = alliances.filter(current_assessment__band=band)
    if query:
        alliances = alliances.filter(Q(name__icontains=query) | Q(partners__name__icontains=query)).distinct()
    page = Paginator(alliances.order_by(STAGE_ORDER, "name"), PAGE_SIZE).get_page(page_number or None)
    stages = [{"value": s.value, "label": s.label, "count": counts.get(s.value, 0), "iso": ISO_44001[s][0]} for s in Stage]
    return render_to_string("portfolio/_dashboard_body.html", {
        "page": page, "stages": stages, "stage": stage, "band": band, "q": query,
        "bands": [(b.value, band_label(b.value)) for b in reversed(BAND_ORDER)], "total": sum(counts.values()),
        "has_partners": Partner.objects.filter(workspace=workspace).exists(),
        "filtered": bool(stage or band or query),
    }, request)


def partner_list(request):
    partners = (Partner.objects.filter(workspace=request.workspace)
                .annotate(alliance_count=Count("alliances", distinct=True)))
    return render(request, "portfolio/partner_list.html", {"nav": "partners", "partners": partners,
                                                           "deleted": deleted_partners(request.workspace)})


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def partner_new(request):
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner = form.save(commit=False)
        partner.workspace = request.workspace
        partner.save()
        messages.success(request, f"Partner “{partner.name}” added.")
        return redirect(safe_next(request, partner.get_absolute_url()))
    return render(request, "portfolio/partner_form.html", {"nav": "partners", "form": form, "partner": None})


def partner_detail(request, pk):
    partner = get_in_workspace(request.access, Partner, pk)
    alliances = _alliance_rows(request.workspace).filter(members__partner=partner).order_by(STAGE_ORDER, "name")
    return render(request, "portfolio/partner_detail.html", {"nav": "partners", "partner": partner, "alliances": alliances})


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def partner_edit(request, pk):
    partner = get_in_workspace(request.access, Partner, pk, need=Permission.EDIT)
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                claim_revision(partner, form.cleaned_data["revision"])
                form.save()
        except StaleEdit as exc:
            return _stale(request, form, exc, "portfolio/partner_form.html",
                          {"nav": "partners", "partner": get_in_workspace(request.access, Partner, pk)})
        messages.success(request, "Partner profile saved.")
        return redirect(partner)
    return render(request, "portfolio/partner_form.html", {"nav": "partners", "form": form, "partner": partner})


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def partner_delete(request, pk):
    """Ask, then delete a partner no alliance uses; the partners page can bring it back (history undo)."""
    partner = get_in_workspace(request.access, Partner, pk, need=Permission.EDIT)
    if request.method == "POST":
        try:
            delete_partner(partner)
        except PartnerInUse as exc:
            messages.error(request, f"Not deleted: {in_use_text(partner.name, exc.uses)}")
            return redirect(partner)
        messages.success(request, format_html("Partner “{}” deleted. <a href=\"{}#deleted\">Undo</a>",
                                              partner.name, reverse("partner_list")))
        return redirect("partner_list")
    return render(request, "portfolio/partner_delete.html", {
        "nav": "partners", "partner": partner, "uses": partner_uses(partner),
        "alliances": Alliance.objects.filter(workspace=request.workspace, members__partner=partner).distinct(),
    })


def _stale(request, form, exc: StaleEdit, template: str, context: dict):
    """409: someone saved first. The form keeps what this user typed; saving it again replaces their version."""
    form.take_revision(exc.current)
    messages.error(request, "Someone else saved this while you were editing, so your changes were not saved yet. "
                            "They are kept below: check them against the page as it now stands "
                            "(open it in another tab), then save again to replace the other version.")
    return render(request, template, context | {"form": form}, status=409)


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def alliance_new(request):
    initial = {}
    if "partner" in request.GET:
        initial["partners"] = [get_in_workspace(request.access, Partner, request.GET["partner"]).pk]
    form = AllianceForm(request.POST or None, workspace=request.workspace, initial=initial)
    if request.method == "POST" and form.is_valid():
        alliance = form.save(commit=False)
        alliance.workspace = request.workspace
        save_alliance(alliance, list(form.cleaned_data["partners"]))
        messages.success(request, f"Alliance “{alliance.name}” created. Next: a quick assessment.")
        return redirect(alliance)
    return render(request, "portfolio/alliance_form.html", {
        "nav": "portfolio", "form": form, "alliance": None,
        "has_partners": Partner.objects.filter(workspace=request.workspace).exists(),
    })


# The alliance body is cached per workspace version and shared by every visitor, so it must never hold
# one visitor's CSRF token: its forms carry this slot, filled in per request after the cache.
CSRF_SLOT = "<!--dancecard:csrf-->"


def alliance_detail(request, pk):
    alliance = get_in_workspace(request.access, Alliance, pk)
    members = list(alliance.members.select_related("partner").order_by("partner__name", "pk"))
    # Today's date is in the key: the body says what is overdue or about to lapse.
    from django.utils import timezone
    body = cached_fragment(request.access, "alliance", f"{alliance.pk}:{timezone.localdate()}",
                           lambda: _alliance_body(request, alliance, members))
    body = body.replace(CSRF_SLOT, str(csrf_input(request)))
    return render(request, "portfolio/alliance_detail.html", {"nav": "portfolio", "alliance": alliance,
                                                              "members": members, "body": mark_safe(body)})


def _alliance_body(request, alliance, members) -> str:
    is_consortium = len(members) > 1
    return render_to_string("portfolio/_alliance_body.html", {
        "alliance": alliance,
        "assessments": (alliance.assessments.defer("result", "answers").select_related("partner")
                        .filter(respondent_of__isnull=True)),
        "rounds": alliance.rounds.all(),
        "current": (alliance.assessments.defer("result", "answers").select_related("partner")
                    .filter(pk=alliance.current_assessment_id).first()
                    if alliance.current_assessment_id else None),
        "members": members,
        "is_consortium": is_consortium,
        "rollup": rollup(alliance) if is_consortium else None,
        "csrf_slot": mark_safe(CSRF_SLOT),
        "people": alliance_people(alliance, [m.partner for m in members]),
        "health": health_section(alliance),
        "trend": trends(alliance),
        "sector_context": sector_context(m.partner for m in members),
    }, request)


def _roles_form(alliance, data=None) -> MemberRolesForm:
    return MemberRolesForm(data, members=alliance.members.select_related("partner").order_by("partner__name", "pk"),
                           prefix="roles")


@requires(Permission.EDIT)
@require_http_methods(["GET", "POST"])
def alliance_edit(request, pk):
    alliance = get_in_workspace(request.access, Alliance, pk, need=Permission.EDIT)
    form = AllianceForm(request.POST or None, instance=alliance, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                claim_revision(alliance, form.cleaned_data["revision"])
                save_alliance(form.save(commit=False), list(form.cleaned_data["partners"]))
        except StaleEdit as exc:
            return _stale(request, form, exc, "portfolio/alliance_form.html",
                          {"nav": "portfolio", "alliance": get_in_workspace(request.access, Alliance, pk),
                           "has_partners": True, "roles_form": _roles_form(alliance)})
        messages.success(request, "Alliance saved.")
        return redirect(alliance)
    return render(request, "portfolio/alliance_form.html", {"nav": "portfolio", "form": form, "alliance": alliance,
                                                            "has_partners": True, "roles_form": _roles_form(alliance)})


@requires(Permission.EDIT)
@require_http_methods(["POST"])
def alliance_roles(request, pk):
    """Save each member partner's role (lead partner, technology provider...), then back to the alliance."""
    alliance = get_in_workspace(request.access, Alliance, pk, need=Permission.EDIT)
    roles_form = _roles_form(alliance, request.POST)
    if roles_form.is_valid():
        changed = roles_form.save()
        messages.success(request, "Partner roles saved." if changed else "Partner roles unchanged.")
        return redirect(alliance)
    messages.error(request, "The roles were not saved: see “Partner roles” below.")
    form = AllianceForm(instance=alliance, workspace=request.workspace)
    return render(request, "portfolio/alliance_form.html", {"nav": "portfolio", "form": form, "alliance": alliance,
                                                            "has_partners": True, "roles_form": roles_form},
                  status=422)
