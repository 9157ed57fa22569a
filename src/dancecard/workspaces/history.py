"""What happened to a workspace's members, for its owners: who joined (with which role), whose role changed, who
was removed or left, who did it and when, read from Membership's history (django-simple-history); and the
invitations made, accepted and revoked, read from the Invitation rows. A removal can be undone: the member comes
back with the role they had, unless they have re-joined since.

Every entry is built from three queries, however long the history: the membership records (with the members'
and the actors' accounts), the invitations, and the memberships as they are now.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from dancecard.workspaces.access import Access, Permission, get_in_workspace
from dancecard.workspaces.models import Invitation, Membership, Role, Workspace

PAGE_SIZE = 30
# The change reason on a membership an undo brings back (history_change_reason holds 100 characters).
UNDO_REASON = "undo removal:{history_id}"
# A membership made this close to an invitation's acceptance, for the same account, is that acceptance.
SAME_MOMENT = timedelta(minutes=1)


class Event(enum.StrEnum):
    JOINED = "joined"  # by accepting an invitation, or by creating the workspace
    ADDED = "added"  # made a member by someone else (the command line, an administrator)
    ROLE = "role"
    REMOVED = "removed"
    LEFT = "left"
    BACK = "back"  # a removal undone
    INVITED = "invited"
    ACCEPTED = "accepted"  # an invitation accepted, when no membership of that moment is recorded
    REVOKED = "revoked"


class Blocked(enum.StrEnum):
    """Why a removal cannot be undone (the undo refuses with the same reason, in words)."""

    MEMBER = "member"  # they are a member again
    REJOINED = "rejoined"  # they re-joined since (and left or were removed again)
    NO_ACCOUNT = "no_account"  # their account has been deleted


@dataclass
class Entry:
    event: Event
    when: datetime
    by: str = ""  # who did it (their username), "" when not recorded
    member: str = ""  # whose membership (their username); "" for an invitation nobody accepted
    role: str = ""  # the role they joined with, have now, had when they went; an invitation's role
    old_role: str = ""  # a role change's role before
    email: str = ""  # where an invitation was sent
    invited_by: str = ""  # a join by invitation: who made it
    history_id: int = 0  # the membership record (a removal's: what its undo acts on)
    blocked: str = ""

    @property
    def undoable(self) -> bool:
        return self.event == Event.REMOVED and not self.blocked

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else self.role

    @property
    def old_role_label(self) -> str:
        return Role(self.old_role).label if self.old_role in Role.values else self.old_role

    @property
    def blocked_text(self) -> str:
        return BLOCKED_TEXT.get(self.blocked, "")


BLOCKED_TEXT = {Blocked.MEMBER: "A member again", Blocked.REJOINED: "Re-joined since",
                Blocked.NO_ACCOUNT: "Account deleted"}


def _name(user) -> str:
    return user.get_username() if user is not None else ""


def went_by_themselves(record) -> bool:
    """A membership's deletion made by its own member: they left (else an owner removed them)."""
    return record.history_user_id is not None and record.history_user_id == record.user_id


def members_history(workspace: Workspace) -> list[Entry]:
    """Every recorded change to the workspace's members and invitations, newest first."""
    records = list(Membership.history.filter(workspace=workspace)  # type: ignore[attr-defined]
                   .select_related("user", "history_user").order_by("id", "history_id"))
    invitations = list(Invitation.objects.filter(workspace=workspace).select_related("created_by", "accepted_by"))
    members_now = set(Membership.objects.filter(workspace=workspace).values_list("user_id", flat=True))

    entries: list[Entry] = []
    accepted: dict[int, list[Invitation]] = {}
    for i in invitations:
        if i.accepted and i.accepted_by_id:
            accepted.setdefault(i.accepted_by_id, []).append(i)
    merged: set[int] = set()  # invitations told as part of a join
    last_of_user: dict[int, int] = {}
    for record in records:
        last_of_user[record.user_id] = max(last_of_user.get(record.user_id, 0), record.history_id)

    before = None
    for record in records:
        previous = before if before is not None and before.id == record.id else None
        before = record
        entry = Entry(Event.JOINED, record.history_date, by=_name(record.history_user), member=_name(record.user),
                      role=record.role, history_id=record.history_id)
        if record.history_type == "+":
            if (record.history_change_reason or "").startswith("undo "):
                entry.event = Event.BACK
            else:
                invitation = next((i for i in accepted.get(record.user_id, []) if i.pk not in merged
                                   and abs(i.accepted - record.history_date) <= SAME_MOMENT), None)
                if invitation is not None:
                    merged.add(invitation.pk)
                    entry.invited_by = _name(invitation.created_by) or "someone"
                elif record.history_user_id is not None and record.history_user_id != record.user_id:
                    entry.event = Event.ADDED
        elif record.history_type == "~":
            if previous is None or previous.role == record.role:
                continue  # saved without a change of role
            entry.event, entry.old_role = Event.ROLE, previous.role
        else:
            entry.event = Event.LEFT if went_by_themselves(record) else Event.REMOVED
            if entry.event == Event.REMOVED:
                entry.blocked = _removal_blocked(record, members_now, last_of_user)
        entries.append(entry)

    for i in invitations:
        entries.append(Entry(Event.INVITED, i.created, by=_name(i.created_by), role=i.role, email=i.email))
        if i.accepted and i.pk not in merged:
            entries.append(Entry(Event.ACCEPTED, i.accepted, by=_name(i.accepted_by), member=_name(i.accepted_by),
                                 role=i.role, email=i.email))
        if i.revoked:
            entries.append(Entry(Event.REVOKED, i.revoked, role=i.role, email=i.email))  # who revoked: not recorded
    return sorted(entries, key=lambda e: (e.when, e.history_id), reverse=True)


def _removal_blocked(record, members_now: set[int], last_of_user: dict[int, int]) -> str:
    if record.user_id is None or record.user is None:
        return Blocked.NO_ACCOUNT
    if record.user_id in members_now:
        return Blocked.MEMBER
    if last_of_user.get(record.user_id, 0) > record.history_id:
        return Blocked.REJOINED
    return ""


class UndoRefused(Exception):
    def __init__(self, code: Blocked | str, message: str):
        super().__init__(message)
        self.code = code


def undo_removal(access: Access, history_id: int) -> Membership:
    """The member a removal took away back, with the role they had; UndoRefused (nothing changed) when they are a
    member again, re-joined since, or their account is gone. 404 for another workspace's record, 403 for a
    non-owner."""
    record = get_in_workspace(access, Membership.history.model, history_id,  # type: ignore[attr-defined]
                              need=Permission.MANAGE)
    if record.history_type != "-" or went_by_themselves(record):
        raise UndoRefused("", "Not undone: only a removal can be undone here. Someone who left can be invited again.")
    with transaction.atomic():
        user = get_user_model().objects.filter(pk=record.user_id).first() if record.user_id else None
        if user is None:
            raise UndoRefused(Blocked.NO_ACCOUNT, "Not undone: their account has been deleted since.")
        name = user.get_username()
        if Membership.objects.select_for_update().filter(workspace=access.workspace, user=user).exists():
            raise UndoRefused(Blocked.MEMBER, f"Not undone: {name} is a member again already.")
        later = Membership.history.filter(  # type: ignore[attr-defined]
            workspace=access.workspace, user_id=user.pk, history_id__gt=record.history_id)
        if later.exists():
            raise UndoRefused(Blocked.REJOINED, f"Not undone: {name} re-joined since, and went again. "
                                                "Invite them again if they should be back.")
        membership = Membership(workspace=access.workspace, user=user, role=record.role)
        if not Membership.objects.filter(pk=record.id).exists():
            membership.pk = record.id  # the same row again: its history reads as one life
        membership._change_reason = UNDO_REASON.format(history_id=record.history_id)  # type: ignore[attr-defined]
        if access.user is not None and access.user.is_authenticated:
            membership._history_user = access.user  # type: ignore[attr-defined]
        membership.save(force_insert=True)
    return membership
