"""Workspaces, members and invitations: verb functions shared by the pages and the CLI."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from dancecard.accounts.tokens import digest, new_secret
from dancecard.core.text import bad_characters
from dancecard.workspaces.access import Access, Permission, get_in_workspace
from dancecard.workspaces.models import FOUNDING_ROLE, ROLES_BY_KIND, Invitation, Kind, Membership, Role, Workspace

INVITATION_LIFETIME = timedelta(days=14)


class MembershipError(Exception):
    """A change to members that cannot be made, with the reason in plain words."""


# What each kind of workspace is for, in a line (the workspaces page's choice).
KIND_HELP = {
    Kind.FIRM: "One firm's partners, alliances and assessments: for an SME and its team.",
    Kind.PROGRAMME: "An accelerator, trade agency, cluster or partner programme that hosts firms and sees "
                    "its cohort, on each firm's consent.",
}


def clean_name(name: str) -> str:
    """A workspace's name on one line, its spaces tidied; MembershipError if it cannot be one."""
    name = " ".join(name.split())
    if not name:
        raise MembershipError("Give the workspace a name: usually your firm's or your programme's.")
    if len(name) > 200 or bad_characters(name):
        raise MembershipError("A workspace name is at most 200 characters, without control characters.")
    return name


def create_workspace(user, name: str, kind: str = Kind.FIRM) -> Workspace:
    """A new workspace of this kind, its creator its first owner (a programme's: manager, with its settings)."""
    if kind not in Kind.values:
        raise MembershipError(f"Unknown kind of workspace {kind!r}: choose "
                              f"{' or '.join(str(label).lower() for label in Kind.labels)}.")
    name = clean_name(name)
    base = slugify(name)[:50] or "workspace"
    with transaction.atomic():
        slug, n = base, 1
        while Workspace.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        workspace = Workspace.objects.create(name=name, slug=slug, kind=kind)
        Membership.objects.create(workspace=workspace, user=user, role=FOUNDING_ROLE[Kind(kind)])
        if workspace.is_programme:
            from dancecard.programmes.models import Programme

            Programme.objects.create(workspace=workspace)  # its settings, at their defaults
    return workspace


def roles_of(workspace: Workspace) -> tuple[Role, ...]:
    """The roles a member can have in this kind of workspace (owner, editor, viewer; or manager, analyst)."""
    return ROLES_BY_KIND[Kind(workspace.kind)]


def check_role(workspace: Workspace, role: str) -> None:
    roles = roles_of(workspace)
    if role not in roles:
        kind = Kind(workspace.kind).label.lower()
        raise MembershipError(f"{role!r} is not a role in a {kind}'s workspace: choose one of "
                              f"{', '.join(str(r.label).lower() for r in roles)}.")


def invite(access: Access, role: str, email: str = "") -> tuple[Invitation, str]:
    """An invitation to the access's workspace with this role; returns it and its path (shown once)."""
    access.require(Permission.MANAGE)
    check_role(access.workspace, role)
    email = email.strip()
    if email:
        try:
            validate_email(email)  # also refuses line breaks, which would otherwise reach the mail's headers
            if len(email) > Invitation._meta.get_field("email").max_length:
                raise ValidationError("too long")
        except ValidationError:
            raise MembershipError(f"{email!r} is not an email address: leave it empty to pass on the link "
                                  "yourself.") from None
    secret = new_secret()
    invitation = Invitation.objects.create(
        workspace=access.workspace, role=role, email=email, digest=digest(secret),
        created_by=access.user, expires=timezone.now() + INVITATION_LIFETIME)
    return invitation, reverse("invitation", args=[secret])


def find_invitation(secret: str) -> Invitation | None:
    return Invitation.objects.select_related("workspace").filter(digest=digest(secret)).first()


def accept_invitation(user, secret: str) -> Membership:
    with transaction.atomic():
        invitation = (Invitation.objects.select_for_update().select_related("workspace")
                      .filter(digest=digest(secret)).first())
        if invitation is None or not invitation.is_usable:
            raise MembershipError("This invitation is no longer valid: it was used, revoked or has expired. "
                                  "Ask for a new one.")
        existing = Membership.objects.filter(workspace=invitation.workspace, user=user).first()
        if existing is not None:
            raise MembershipError(f"You are already a member of {invitation.workspace.name}.")
        invitation.accepted, invitation.accepted_by = timezone.now(), user
        invitation.save(update_fields=["accepted", "accepted_by"])
        return Membership.objects.create(workspace=invitation.workspace, user=user, role=invitation.role)


def revoke_invitation(access: Access, invitation_id: int) -> Invitation:
    invitation = get_in_workspace(access, Invitation, invitation_id, need=Permission.MANAGE)
    if invitation.revoked is None and invitation.accepted is None:
        invitation.revoked = timezone.now()
        invitation.save(update_fields=["revoked"])
    return invitation


def _member(access: Access, membership_id: int) -> Membership:
    return get_in_workspace(access, Membership, membership_id, need=Permission.MANAGE)


def founding_role(workspace: Workspace) -> Role:
    """The role a workspace cannot be left without: a firm's owner, a programme's manager."""
    return FOUNDING_ROLE[Kind(workspace.kind)]


def needs_one_left(workspace: Workspace, mine: bool = False) -> str:
    role = founding_role(workspace).label.lower()
    if mine:
        return f"You are its only {role}: make someone else {role} before you leave."
    return f"A workspace needs at least one {role}: make someone else {role} first."


def _keeps_an_owner(workspace: Workspace, without: Membership) -> bool:
    # Called inside a transaction: locking the owners' rows makes two owners who demote, remove or
    # leave at the same moment take turns (on PostgreSQL), so they cannot both pass and leave none.
    owners = Membership.objects.select_for_update().filter(workspace=workspace, role=founding_role(workspace))
    return any(owner.pk != without.pk for owner in owners)


def change_role(access: Access, membership_id: int, role: str) -> Membership:
    with transaction.atomic():
        member = _member(access, membership_id)
        check_role(access.workspace, role)
        founding = founding_role(access.workspace)
        if member.role == founding and role != founding and not _keeps_an_owner(access.workspace, member):
            raise MembershipError(needs_one_left(access.workspace))
        member.role = role
        member.save(update_fields=["role"])
    return member


def remove_member(access: Access, membership_id: int) -> Membership:
    with transaction.atomic():
        member = _member(access, membership_id)
        if member.role == founding_role(access.workspace) and not _keeps_an_owner(access.workspace, member):
            raise MembershipError(needs_one_left(access.workspace))
        member.delete()
    return member


def leave(user, workspace_id: int) -> Workspace:
    with transaction.atomic():
        member = Membership.objects.select_related("workspace").filter(user=user, workspace_id=workspace_id).first()
        if member is None:
            raise MembershipError("You are not a member of that workspace.")
        if member.role == founding_role(member.workspace) and not _keeps_an_owner(member.workspace, member):
            raise MembershipError(needs_one_left(member.workspace, mine=True))
        member.delete()
    return member.workspace

