"""Who may do what in a workspace: access control as one idea in one place.

Every page, API operation, export and CLI command works through an `Access` (a user, the
workspace they work in, their role there) and fetches objects with `get_in_workspace`:

- another workspace's object, or an unknown id, is a 404 (its existence is not revealed);
- an object in the workspace that the role may not act on in the asked way is a 403.

Pages and API operations also pass the view-level check in `check_view` (middleware.py and
the API's guard): reads need VIEW and writes need EDIT unless the view asks for more with
`@requires`, so a view that forgets to say anything is still closed to viewers' writes.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404

from dancecard.workspaces.models import Membership, Role, Workspace


class Permission(enum.StrEnum):
    VIEW = "view"  # read everything in the workspace, export it
    EDIT = "edit"  # create, change, delete and restore its records
    MANAGE = "manage"  # members, invitations, the workspace itself


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.EDITOR: frozenset({Permission.VIEW, Permission.EDIT}),
    Role.VIEWER: frozenset({Permission.VIEW}),
    Role.MANAGER: frozenset(Permission),
    Role.ANALYST: frozenset({Permission.VIEW}),
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Access:
    """A user at work in one workspace, with their role there (the CLI acts as the workspace's owner)."""

    workspace: Workspace
    role: str
    user: Any = None

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS.get(self.role, frozenset())

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            denied = DENIED_IN_PROGRAMME if self.workspace.is_programme else DENIED
            raise PermissionDenied(denied[permission].format(role=Role(self.role).label.lower()))

    @property
    def permissions(self) -> frozenset[Permission]:
        return ROLE_PERMISSIONS.get(self.role, frozenset())


DENIED = {
    Permission.VIEW: "You are not a member of this workspace.",
    Permission.EDIT: "As a {role} of this workspace you can read its alliances but not change them. "
                     "Ask an owner to make you an editor.",
    Permission.MANAGE: "Only the workspace's owners can manage its members and settings.",
}
# A programme has no alliances, editors or owners: its analysts read, its managers change.
DENIED_IN_PROGRAMME = {
    **DENIED,
    Permission.EDIT: "As an analyst of this programme you can read its pages but not change them. "
                     "Ask a manager to make you a manager.",
    Permission.MANAGE: "Only the programme's managers can change its firms, partner programmes, settings and staff.",
}

M = TypeVar("M", bound=Model)


def get_in_workspace(access: Access, model: type[M], pk: Any, need: Permission = Permission.VIEW,
                     via: str = "workspace", **filters) -> M:
    """The object with this id in the access's workspace, if the role allows `need`; else 404 / 403.

    `via` is the path from the object to the workspace it must be reached through: its own
    workspace by default; for what one workspace shares with another, the link that shares it
    (a programme's partner programmes reach its member firms through their participation)."""
    try:
        obj = model.objects.filter(**{via: access.workspace}, **filters).distinct().get(pk=int(pk))  # type: ignore[attr-defined]
    except (model.DoesNotExist, ValueError, TypeError, OverflowError):  # type: ignore[attr-defined]
        raise Http404(f"No such {model._meta.verbose_name} in this workspace") from None
    access.require(need)
    return obj


def access_for(user, workspace_id: int | None = None) -> Access | None:
    """The user's access to the workspace they chose (or their first one); None if they belong to none."""
    memberships = Membership.objects.filter(user=user).select_related("workspace").order_by("created", "pk")
    chosen = None
    if workspace_id is not None:
        chosen = next((m for m in memberships if m.workspace_id == workspace_id), None)
    chosen = chosen or next(iter(memberships), None)
    if chosen is None:
        return None
    return Access(workspace=chosen.workspace, role=chosen.role, user=user)


# --- the view-level check ------------------------------------------------------------------------


def requires(permission: Permission) -> Callable:
    """Mark a page or API operation as needing more than the default (VIEW to read, EDIT to write)."""

    def mark(view: Callable) -> Callable:
        view.dancecard_permission = permission  # type: ignore[attr-defined]
        return view

    return mark


def programme_page(view: Callable) -> Callable:
    """Mark a page or API operation of a programme's own (its cohort, firms, partner programmes).

    Every other workspace page is a firm's: a page answers only in the kind of workspace it is
    for (404 in the other kind), so a programme's staff never reach a firm's pages and back."""
    view.dancecard_programme = True  # type: ignore[attr-defined]
    return view


def any_kind(view: Callable) -> Callable:
    """Mark a page that answers in both kinds of workspace: its members (a programme's staff), and the
    reference pages (glossary, instruments) that show no workspace's records."""
    view.dancecard_any_kind = True  # type: ignore[attr-defined]
    return view


def check_kind(access: Access, view: Callable) -> None:
    if getattr(view, "dancecard_any_kind", False):
        return
    if bool(getattr(view, "dancecard_programme", False)) != access.workspace.is_programme:
        where = "a programme's" if access.workspace.is_programme else "a firm's"
        raise Http404(f"This page is not part of {where} workspace. Switch workspace from the Workspaces page.")


def no_workspace(view: Callable) -> Callable:
    """Mark a page that needs a signed-in user but no workspace (creating or choosing one, accounts)."""
    view.dancecard_no_workspace = True  # type: ignore[attr-defined]
    return view


def needed_permission(view: Callable, method: str) -> Permission:
    declared = getattr(view, "dancecard_permission", None)
    default = Permission.VIEW if method in SAFE_METHODS else Permission.EDIT
    if declared is None:
        return default
    # A declaration can only raise the bar, never lower a write to a read.
    order = [Permission.VIEW, Permission.EDIT, Permission.MANAGE]
    return max(declared, default, key=order.index)


def check_view(access: Access, view: Callable, method: str) -> None:
    check_kind(access, view)
    access.require(needed_permission(view, method))
