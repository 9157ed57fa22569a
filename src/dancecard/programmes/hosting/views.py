"""A programme's own pages: its firms (roster and invitations), its settings, the partner programmes it knows.

Every page answers only in a programme's workspace (`@programme_page`); analysts read, managers write
(`@requires(Permission.MANAGE)`; the settings page, read by both, checks MANAGE before a change). Each view
fetches through the access check, acts through services.py, and redirects (post/redirect/get), except
where a secret is shown once or a form is shown again with its errors."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dancecard.programmes.hosting import services
from dancecard.programmes.hosting.forms import FirmInvitationForm, PartnerProgrammeForm, SettingsForm
from dancecard.programmes.models import PartnerProgramme
from dancecard.web.links import absolute_url
from dancecard.workspaces.access import Permission, get_in_workspace, programme_page, requires

INVALID = 422


# --- firms ------------------------------------------------------------------------------------------


def _firms_page(request, form: FirmInvitationForm | None = None, invitation_link: str = "", status: int = 200):
    access = request.access
    current, former = services.roster(access)
    return render(request, "programmes/hosting/firms.html", {
        "nav": "firms", "current": current, "former": former,
        "invitations": services.firm_invitations(access),
        "form": form or FirmInvitationForm(), "invitation_link": invitation_link,
        "lifetime_days": services.FIRM_INVITATION_LIFETIME.days,
        "k": services.programme_settings(access.workspace).min_firms,
    }, status=status)


@programme_page
@never_cache  # the page may carry an invitation link, shown once
@require_safe
def firms(request):
    return _firms_page(request)


@programme_page
@requires(Permission.MANAGE)
@never_cache
@require_POST
def firm_invite(request):
    form = FirmInvitationForm(request.POST)
    if not form.is_valid():
        return _firms_page(request, form=form, status=INVALID)
    try:
        invitation, secret = services.invite_firm(request.access, form.cleaned_data["label"])
    except services.HostingError as exc:
        form.add_error("label", str(exc))
        return _firms_page(request, form=form, status=INVALID)
    days = services.FIRM_INVITATION_LIFETIME.days
    messages.success(request, f"Invitation made{f' for {invitation.label}' if invitation.label else ''}. Send the "
                              f"link below to the firm's owner privately: it works once, within {days} days, and "
                              "is shown only now.")
    return _firms_page(request, invitation_link=absolute_url(services.join_path(secret), request))


@programme_page
@requires(Permission.MANAGE)
@require_POST
def invitation_revoke(request, pk):
    try:
        invitation = services.revoke_firm_invitation(request.access, pk)
    except services.HostingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Invitation{f' for {invitation.label}' if invitation.label else ''} revoked: "
                                  "its link no longer works.")
    return redirect(reverse("hosting_firms") + "#invitations")


# --- settings ---------------------------------------------------------------------------------------


@programme_page
@require_http_methods(["GET", "POST"])
def settings(request):
    access = request.access
    current = services.programme_settings(access.workspace)
    form = SettingsForm(initial={"name": access.workspace.name, "about": current.about,
                                 "min_firms": current.min_firms})
    status = 200
    if request.method == "POST":
        access.require(Permission.MANAGE)  # analysts read the settings; only managers change them
        form = SettingsForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_settings(access, data["name"], data["about"], data["min_firms"])
            except services.HostingError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, "Settings saved.")
                return redirect("hosting_settings")
        status = INVALID
    if not access.can(Permission.MANAGE):
        for field in form.fields.values():
            field.disabled = True
    return render(request, "programmes/hosting/settings.html", {
        "nav": "programme_settings", "form": form, "k_help": services.K_HELP,
        "changes": services.settings_history(access.workspace),
    }, status=status)


# --- partner programmes -----------------------------------------------------------------------------


@programme_page
@require_safe
def partner_programmes(request):
    access = request.access
    vocabulary_label = {t.key: t.label for t in services.motive_terms() + services.asset_terms()}
    listed = [{"pp": pp, "motives": [vocabulary_label.get(k, k) for k in pp.motives],
               "assets": [vocabulary_label.get(k, k) for k in pp.assets]}
              for pp in PartnerProgramme.objects.filter(workspace=access.workspace).order_by("name", "pk")]
    return render(request, "programmes/hosting/partner_programmes.html", {
        "nav": "partner_programmes", "listed": listed, "citation": services.partner_programme_citation(),
        "deleted": services.deleted_partner_programmes(access),
    })


def _partner_programme_form(request, form: PartnerProgrammeForm, pp: PartnerProgramme | None):
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_partner_programme(request.access, form.cleaned_data, instance=pp)
        except services.HostingError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"Partner programme “{saved.name}” {'saved' if pp else 'added'}. Member firms "
                                      "see it in their list of partner programmes.")
            return redirect(reverse("hosting_partner_programmes") + f"#pp-{saved.pk}")
    return render(request, "programmes/hosting/partner_programme_form.html", {
        "nav": "partner_programmes", "form": form, "pp": pp, "citation": services.partner_programme_citation(),
    }, status=INVALID if form.errors else 200)


@programme_page
@requires(Permission.MANAGE)
@require_http_methods(["GET", "POST"])
def partner_programme_new(request):
    return _partner_programme_form(request, PartnerProgrammeForm(request.POST or None), None)


@programme_page
@requires(Permission.MANAGE)
@require_http_methods(["GET", "POST"])
def partner_programme_edit(request, pk):
    pp = get_in_workspace(request.access, PartnerProgramme, pk, need=Permission.MANAGE)
    # The form works on its own copy: the page's title keeps the saved name while a refused change is shown again.
    form = PartnerProgrammeForm(request.POST or None, instance=PartnerProgramme.objects.get(pk=pp.pk))
    return _partner_programme_form(request, form, pp)


@programme_page
@requires(Permission.MANAGE)
@require_http_methods(["GET", "POST"])
def partner_programme_delete(request, pk):
    pp = get_in_workspace(request.access, PartnerProgramme, pk, need=Permission.MANAGE)
    if request.method == "POST":
        services.delete_partner_programme(request.access, pp)
        messages.success(request, f"Partner programme “{pp.name}” deleted. You can restore it from “Recently "
                                  "deleted” below.")
        return redirect(reverse("hosting_partner_programmes") + "#deleted")
    return render(request, "programmes/hosting/partner_programme_delete.html",
                  {"nav": "partner_programmes", "pp": pp})


@programme_page
@requires(Permission.MANAGE)
@require_POST
def partner_programme_restore(request, history_id):
    try:
        pp = services.restore_partner_programme(request.access, history_id)
    except services.HostingError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("hosting_partner_programmes") + "#deleted")
    messages.success(request, f"Partner programme “{pp.name}” restored, as it was when deleted.")
    return redirect(reverse("hosting_partner_programmes") + f"#pp-{pp.pk}")
