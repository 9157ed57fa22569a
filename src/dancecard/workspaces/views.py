from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from dancecard.accounts.tokens import digest
from dancecard.web.links import absolute_url
from dancecard.workspaces import history, services
from dancecard.workspaces.access import Permission, any_kind, no_workspace, requires
from dancecard.workspaces.middleware import SESSION_KEY
from dancecard.workspaces.models import Invitation, Kind, Membership, Role

# Kept in the session while a newcomer signs up, so that sign-up is open to them (accounts/adapter.py).
PENDING_INVITATION = "dancecard_invitation"


def _choose(request, workspace_id: int) -> None:
    request.session[SESSION_KEY] = workspace_id


@no_workspace
@require_http_methods(["GET", "POST"])
def workspace_list(request):
    """The user's workspaces: switch between them, or create one."""
    error, name, kind = "", "", Kind.FIRM
    if request.method == "POST":
        name, kind = request.POST.get("name", ""), request.POST.get("kind", Kind.FIRM)
        try:
            workspace = services.create_workspace(request.user, name, kind)
        except services.MembershipError as exc:
            error = str(exc)
        else:
            _choose(request, workspace.pk)
            role = services.founding_role(workspace).label.lower()
            if workspace.is_programme:
                messages.success(request, f"Programme “{workspace.name}” created: you are its {role}. "
                                          "Invite your first firms here.")
                return redirect("hosting_firms")
            messages.success(request, f"Workspace “{workspace.name}” created: you are its {role}.")
            return redirect("dashboard")
    memberships = Membership.objects.filter(user=request.user).select_related("workspace")
    return render(request, "workspaces/workspace_list.html", {
        "nav": "workspaces", "memberships": memberships, "error": error, "name": name,
        "kinds": [(value, label, services.KIND_HELP[value]) for value, label in Kind.choices],
        "kind": kind if kind in Kind.values else Kind.FIRM,
    }, status=422 if error else 200)


@no_workspace
@require_POST
def workspace_switch(request, pk):
    member = Membership.objects.filter(user=request.user, workspace_id=pk).select_related("workspace").first()
    if member is None:
        raise Http404("You are not a member of that workspace")
    _choose(request, member.workspace_id)
    messages.success(request, f"You are working in “{member.workspace.name}”.")
    return redirect("dashboard")


@no_workspace
@require_POST
def workspace_leave(request, pk):
    try:
        workspace = services.leave(request.user, pk)
    except services.MembershipError as exc:
        messages.error(request, str(exc))
        return redirect("workspaces")
    request.session.pop(SESSION_KEY, None)
    messages.success(request, f"You left “{workspace.name}”.")
    return redirect("workspaces")


@any_kind  # a firm's members, a programme's staff
def members(request, invitation_link: str = "", error: str = "", status: int = 200):
    access = request.access
    # Who joined, left, was removed or changed role, and the invitations: for owners only.
    changes = (Paginator(history.members_history(access.workspace), history.PAGE_SIZE).get_page(request.GET.get("page"))
               if access.can(Permission.MANAGE) else None)
    return render(request, "workspaces/members.html", {
        "nav": "members",
        "members": Membership.objects.filter(workspace=access.workspace).select_related("user").order_by("user__username"),
        "invitations": (Invitation.objects.filter(workspace=access.workspace).select_related("created_by")
                        if access.can(Permission.MANAGE) else []),
        "roles": [(role.value, role.label) for role in services.roles_of(access.workspace)],
        "least_role": services.roles_of(access.workspace)[-1].value,
        "invitation_link": invitation_link, "error": error, "changes": changes,
    }, status=status)


@any_kind
@requires(Permission.MANAGE)
@require_POST
def member_invite(request):
    least = services.roles_of(request.workspace)[-1]
    role, email = request.POST.get("role", least), request.POST.get("email", "").strip()
    try:
        invitation, path = services.invite(request.access, role, email)
    except services.MembershipError as exc:
        return members(request, error=str(exc), status=422)
    link = absolute_url(path, request)
    if email:
        send_mail(f"You are invited to {request.workspace.name} on Dancecard",
                  f"{request.user.get_username()} invites you to work in {request.workspace.name} on Dancecard "
                  f"as {Role(role).label.lower()}.\n\nOpen this link to join (it works once, within 14 days):\n{link}\n",
                  None, [email])
        messages.success(request, f"Invitation sent to {email}. You can also pass on the link below.")
    else:
        messages.success(request, "Invitation made. Send the link below privately: it works once, within 14 days.")
    return members(request, invitation_link=link)


@any_kind
@requires(Permission.MANAGE)
@require_POST
def member_role(request, pk):
    try:
        member = services.change_role(request.access, pk, request.POST.get("role", ""))
    except services.MembershipError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{member.user.get_username()} is now {member.get_role_display().lower()}.")
    return redirect("members")


@any_kind
@requires(Permission.MANAGE)
@require_POST
def member_remove(request, pk):
    try:
        member = services.remove_member(request.access, pk)
    except services.MembershipError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{member.user.get_username()} was removed from this workspace.")
    return redirect("members")


@any_kind
@requires(Permission.MANAGE)
@require_POST
def member_undo_removal(request, history_id):
    """The members page's history: bring back someone an owner removed, with the role they had."""
    try:
        member = history.undo_removal(request.access, history_id)
    except history.UndoRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{member.user.get_username()} is back in this workspace, as "
                                  f"{member.get_role_display().lower()}.")
    return redirect(reverse("members") + "#history")


@any_kind
@requires(Permission.MANAGE)
@require_POST
def invitation_revoke(request, pk):
    services.revoke_invitation(request.access, pk)
    messages.success(request, "Invitation revoked: its link no longer works.")
    return redirect("members")


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request, secret):
    """An invitation link: sign in (or sign up) first, then join with one click."""
    found = services.find_invitation(secret)
    if found is None or not found.is_usable:
        return render(request, "workspaces/invitation.html", {"invitation": found, "usable": False}, status=404)
    if not request.user.is_authenticated:
        request.session[PENDING_INVITATION] = digest(secret)  # its hash only, as the invitation table keeps it
        return render(request, "workspaces/invitation.html", {"invitation": found, "usable": True,
                                                               "next": request.path})
    if request.method == "POST":
        try:
            membership = services.accept_invitation(request.user, secret)
        except services.MembershipError as exc:
            messages.error(request, str(exc))
            return redirect("workspaces")
        request.session.pop(PENDING_INVITATION, None)
        _choose(request, membership.workspace_id)
        messages.success(request, f"Welcome to “{membership.workspace.name}”: your role here is "
                                  f"{membership.get_role_display().lower()}.")
        return redirect("dashboard")
    return render(request, "workspaces/invitation.html", {"invitation": found, "usable": True})
