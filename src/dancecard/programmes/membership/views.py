"""A firm's programmes: joining by invitation, consent, leaving, and the partner programmes that fit.

Firm pages (unmarked: they 404 in a programme's workspace), except the invitation link, which needs
only a signed-in user: it is opened before choosing which of one's firms joins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from dancecard.programmes.membership import services
from dancecard.programmes.membership.forms import ConsentForm, JoinForm, PartnerJoinForm
from dancecard.programmes.models import Consent, Participation, Programme
from dancecard.workspaces.access import Permission, no_workspace, requires
from dancecard.workspaces.middleware import SESSION_KEY, chosen_workspace_id

# Kept in the session while a newcomer signs up from a programme's link (accounts/adapter.py).
PENDING_FIRM_INVITATION = "dancecard_firm_invitation"

HISTORY_PAGE_SIZE = 30


def _first_error(form) -> str:
    return next((str(e) for errors in form.errors.values() for e in errors), "Check the form and send it again.")


def _settings_of(workspace_ids) -> dict[int, Programme]:
    return {p.workspace_id: p for p in Programme.objects.filter(workspace_id__in=set(workspace_ids))}


# --- joining ----------------------------------------------------------------------------------------


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def programme_join(request, secret):
    """A programme's invitation link: the owner of a firm chooses which firm joins, and what it shares.

    Someone without an account yet may sign up from it, as from a workspace invitation: the session
    keeps the link's hash (accounts/adapter.py opens sign-up while it is usable)."""
    invitation = services.find_firm_invitation(secret)
    if invitation is None or not invitation.workspace.is_programme:
        return render(request, "programmes/membership/join.html", {"state": "unknown"}, status=404)
    if not invitation.is_usable:
        return render(request, "programmes/membership/join.html", {"state": invitation.state,
                                                                     "programme": invitation.workspace}, status=410)
    programme = invitation.workspace
    settings = Programme.of(programme)
    if not request.user.is_authenticated:
        if request.method != "GET":
            return redirect(f"{reverse('account_login')}?next={request.path}")
        request.session[PENDING_FIRM_INVITATION] = invitation.digest  # its hash only
        return render(request, "programmes/membership/join.html", {
            "state": "sign_in", "programme": programme, "programme_settings": settings, "next": request.path})
    min_firms = settings.min_firms
    owned = services.firms_owned_by(request.user)
    members = set(Participation.objects.filter(workspace=programme, firm__in=owned, left__isnull=True)
                  .values_list("firm_id", flat=True))
    joinable = [f for f in owned if f.pk not in members]
    current = chosen_workspace_id(request)  # a public page: the middleware chose no workspace
    chosen = current if any(f.pk == current for f in joinable) else (joinable[0].pk if joinable else None)
    form = JoinForm(request.POST if request.method == "POST" else None, firms=joinable,
                    initial={"firm": chosen})
    error, status = "", 200
    if request.method == "POST":
        if not joinable:
            error, status = "None of your firms can join: see below.", 422
        elif form.is_valid():
            try:
                participation = services.accept_firm_invitation(request.user, secret, form.cleaned_data["firm"],
                                                                form.cleaned_data["consent"])
            except services.InvitationUnusable:
                invitation.refresh_from_db()
                return render(request, "programmes/membership/join.html", {
                    "state": invitation.state if invitation.state != "open" else "accepted",
                    "programme": programme}, status=410)
            except services.MembershipRefused as exc:
                error, status = str(exc), 409
            else:
                request.session[SESSION_KEY] = participation.firm_id  # work in the firm that joined
                level = services.consent_level(participation.consent, min_firms)
                messages.success(request, f"{participation.firm.name} joined {programme.name} with consent "
                                          f"“{level.label}”: {level.sees} You can change it or leave at any time.")
                return redirect("membership_list")
        else:
            error, status = _first_error(form), 422
    consent = form["consent"].value() or str(services.Consent(form.fields["consent"].initial))
    return render(request, "programmes/membership/join.html", {
        "state": "open", "invitation": invitation, "programme": programme, "programme_settings": settings,
        "form": form, "joinable": joinable, "already": [f for f in owned if f.pk in members],
        "chosen": str(form["firm"].value() or ""), "consent": consent,
        "levels": services.consent_levels(min_firms), "min_firms": min_firms, "error": error,
    }, status=status)


# --- the firm's programmes ----------------------------------------------------------------------------


def membership_list(request):
    access = request.access
    current, former = services.participations(access)
    programmes = _settings_of(p.workspace_id for p in current + former)
    rows = []
    for p in current:
        settings = programmes.get(p.workspace_id)
        min_firms = settings.min_firms if settings else services.DEFAULT_MIN_FIRMS
        rows.append({"participation": p, "about": settings.about if settings else "",
                     "level": services.consent_level(p.consent, min_firms),
                     "levels": services.consent_levels(min_firms)})
    changes = Paginator(services.consent_history(access), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "programmes/membership/list.html", {
        "nav": "programmes", "rows": rows, "former": former, "changes": changes,
        "partner_count": services.visible_partner_programmes(access).count() if current else 0,
        "consent_choices": Consent.choices,
    })


@requires(Permission.MANAGE)
@require_POST
def membership_consent(request, pk):
    participation = services.get_participation(request.access, pk, need=Permission.MANAGE)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"{_first_error(form)} Nothing was changed.")
        return redirect("membership_list")
    before = participation.consent
    try:
        services.set_consent(request.access, participation, form.cleaned_data["consent"])
    except services.MembershipRefused as exc:
        messages.error(request, str(exc))
        return redirect("membership_list")
    if participation.consent == before:
        messages.info(request, f"Consent for {participation.workspace.name} stays “{Consent(before).label}”.")
    else:
        level = services.consent_level(participation.consent, services.min_firms_of(participation.workspace))
        messages.success(request, f"Consent for {participation.workspace.name} is now “{level.label}”: "
                                  f"{level.sees} This holds from its next page, export or request.")
    return redirect("membership_list")


@requires(Permission.MANAGE)
@require_POST
def membership_leave(request, pk):
    participation = services.get_participation(request.access, pk, need=Permission.MANAGE)
    try:
        services.leave_programme(request.access, participation)
    except services.MembershipRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{request.workspace.name} left {participation.workspace.name}: it sees nothing "
                                  "of your firm from now on. It can invite you again.")
    return redirect("membership_list")


# --- partner programmes --------------------------------------------------------------------------------


def membership_partner_programmes(request):
    access = request.access
    current, _ = services.participations(access)
    fitting = services.fitting_partner_programmes(access) if current else []
    return render(request, "programmes/membership/partner_programmes.html", {
        "nav": "programmes", "fitting": fitting, "member_of": current,
        "profiles": len(services.firm_profiles(access)),
        "form": PartnerJoinForm(workspace=access.workspace),
        "bridging_label": services.BRIDGING_LABEL,
    })


@requires(Permission.EDIT)
@require_POST
def membership_partner_join(request, pk):
    access = request.access
    partner_programme = services.get_partner_programme(access, pk, need=Permission.EDIT)
    form = PartnerJoinForm(request.POST, workspace=access.workspace)
    back = reverse("membership_partner_programmes") + f"#partner-{partner_programme.pk}"
    if not form.is_valid():
        messages.error(request, f"{_first_error(form)} Nothing was changed.")
        return redirect(back)
    try:
        joined = services.join_partner_programme(access, partner_programme, form.cleaned_data["alliance"])
    except services.MembershipRefused as exc:
        messages.error(request, str(exc))
        return redirect(back)
    if joined.assessment is None:
        messages.success(request, f"{access.workspace.name} takes part in {partner_programme.name}. Choose an "
                                  "alliance to count it as a bridging mechanism in that alliance's assessment.")
    else:
        step = reverse("assessment_step", args=[joined.assessment.pk, joined.step or 1]) + \
            f"#q-{services.BRIDGING_ITEM}"
        what = "Started a full assessment" if joined.started else "Answered it on the full assessment in progress"
        messages.success(request, format_html(
            "{} takes part in {} as a bridging mechanism for {}. {} of {}: “{}”, with the membership as "
            "evidence. <a href=\"{}\">Continue the assessment</a>",
            access.workspace.name, partner_programme.name, joined.link.alliance.name, what,
            joined.link.alliance.name, services.BRIDGING_LABEL, step))
    return redirect(back)
