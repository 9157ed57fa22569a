"""Every page passes here before its view: sign-in, the workspace it works in, and the role's check.

Deny by default: a page answers without signing in only if it says so (`login_not_required`: the
sign-in pages and a respondent's private link). The API (namespace "api") answers in JSON and runs
the same checks in its own guard (api/security.py)."""

from __future__ import annotations

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.shortcuts import redirect

from dancecard.workspaces.access import access_for, check_view

SESSION_KEY = "dancecard_workspace"


def chosen_workspace_id(request) -> int | None:
    value = request.session.get(SESSION_KEY)
    return value if isinstance(value, int) else None


class WorkspaceAccessMiddleware(LoginRequiredMiddleware):
    def process_view(self, request, view_func, view_args, view_kwargs):
        request.access = None
        request.workspace = None
        match = getattr(request, "resolver_match", None)
        if match is not None and match.namespace == "api":
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if not request.user.is_authenticated:
            return self.handle_no_permission(request, view_func)
        request.access = access_for(request.user, chosen_workspace_id(request))
        if request.access is not None:
            request.workspace = request.access.workspace
        # allauth's pages (password, email addresses, two-factor, sign-out) are about the user's own
        # account: a viewer, or someone in no workspace yet, may use them like anyone else.
        account_page = (getattr(view_func, "__module__", None) or "").startswith("allauth.")
        if account_page or getattr(view_func, "dancecard_no_workspace", False):
            return None
        if request.access is None:
            return redirect("workspaces")
        if request.workspace.is_programme and match is not None and match.url_name == "dashboard":
            return redirect("cohort")  # a programme's home is its cohort
        check_view(request.access, view_func, request.method)  # PermissionDenied: 403
        return None
