"""A programme's staff run it: its settings, the firms it invites, the partner programmes it knows.

Plain verb functions taking an `Access` (pages and the command line call the same ones). Each checks the
role itself (managers write, analysts read) and that the workspace is a programme's, and each write bumps
the programme's version so that cached fragments refresh (WorkspaceOwned rows do so on save and delete,
workspaces/signals.py; the Programme row and the workspace's name are bumped here).

What a programme learns of a member firm here is its workspace's name, when it joined (and left) and its
consent level: nothing else of the firm is read in this module. What the consent lets the programme see
beyond that is the cohort's business (programmes/cohort), under disclosure control.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from dancecard.accounts.tokens import digest, new_secret
from dancecard.core.text import text_problem
from dancecard.core.vocabulary import Term, load_vocabulary
from dancecard.programmes.models import (
    DEFAULT_MIN_FIRMS,
    LOWEST_MIN_FIRMS,
    BridgingLink,
    Consent,
    FirmInvitation,
    Participation,
    PartnerKind,
    PartnerProgramme,
    Programme,
)
from dancecard.workspaces.access import Access, Permission, get_in_workspace
from dancecard.workspaces.models import Kind, Workspace, bump_version
from dancecard.workspaces.services import MembershipError, clean_name, create_workspace

FIRM_INVITATION_LIFETIME = timedelta(days=30)
HIGHEST_MIN_FIRMS = 100
ABOUT_MAX = 2000
# Where a firm's owner accepts an invitation (programmes/membership builds the page, named "programme_join").
JOIN_PREFIX = "/programmes/join/"
# Kept in history_change_reason (100 characters): a rename of the programme, and what one deletion took.
RENAMED = "renamed from "
DELETED_WITH = "partner programme deleted:"
RESTORED = "restored:"

# What each consent level lets the programme see of the firm (the roster's explanation; the firm reads
# the same from its side in programmes/membership).
K_HELP = (f"A figure shows only when it rests on at least k firms; smaller groups show as “fewer than k firms”. "
          f"Never below {LOWEST_MIN_FIRMS}.")
PARTNER_PROGRAMME_SOURCE = ("000_587ecadf5e23e0b4.txt", "Lesson 3: engage proactively, (i) Use bridging mechanisms")


class HostingError(Exception):
    """A change to the programme that cannot be made, with the reason in plain words."""

    def __init__(self, message: str, errors: Mapping[str, list[str]] | None = None):
        super().__init__(message)
        self.errors: dict[str, list[str]] = dict(errors or {})


def join_path(secret: str) -> str:
    """The path of a firm invitation's link (shown once; the firm side's page accepts it)."""
    try:
        return reverse("programme_join", args=[secret])
    except NoReverseMatch:  # the firm side's page is not there (yet): its agreed address
        return f"{JOIN_PREFIX}{secret}/"


def _programme(access: Access, need: Permission) -> Workspace:
    if not access.workspace.is_programme:
        raise HostingError(f"“{access.workspace.name}” is a firm's workspace, not a programme's.")
    access.require(need)
    return access.workspace


def _mark(obj, user, reason: str = "") -> None:
    """Who made the change (the pages' middleware says so too; the command line has no request)."""
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user
    if reason:
        obj._change_reason = reason[:100]


# --- creating a programme, its settings --------------------------------------------------------------


def create_programme(user, name: str) -> Workspace:
    """A new programme, its creator its manager, its settings at their defaults."""
    try:
        return create_workspace(user, name, Kind.PROGRAMME)
    except MembershipError as exc:
        raise HostingError(str(exc)) from None


def programme_settings(workspace: Workspace) -> Programme:
    return Programme.of(workspace)


def update_settings(access: Access, name: str, about: str, min_firms: Any) -> Programme:
    """Rename the programme, say what it does, set k; refused with every reason at once (HostingError.errors)."""
    workspace = _programme(access, Permission.MANAGE)
    errors: dict[str, list[str]] = {}
    try:
        name = clean_name(name)
    except MembershipError as exc:
        errors["name"] = [str(exc)]
    about = (about or "").strip()
    problem = text_problem(about, multiline=True)
    if problem:
        errors["about"] = [f"This text {problem}."]
    elif len(about) > ABOUT_MAX:
        errors["about"] = [f"Keep it to {ABOUT_MAX} characters: a sentence or two."]
    try:
        k = int(min_firms)
    except (TypeError, ValueError):
        errors["min_firms"] = ["Give k as a whole number, e.g. 5."]
    else:
        if k < LOWEST_MIN_FIRMS:
            errors["min_firms"] = [f"k cannot be below {LOWEST_MIN_FIRMS}: a figure resting on fewer firms "
                                   "could single one out."]
        elif k > HIGHEST_MIN_FIRMS:
            errors["min_firms"] = [f"k is at most {HIGHEST_MIN_FIRMS}."]
    if errors:
        raise HostingError(" ".join(m for ms in errors.values() for m in ms), errors)
    with transaction.atomic():
        locked = Workspace.objects.select_for_update().get(pk=workspace.pk)
        settings, _ = Programme.objects.select_for_update().get_or_create(workspace=locked)
        renamed = locked.name != name
        if not renamed and settings.about == about and settings.min_firms == k:
            return settings
        if renamed:
            old = locked.name
            locked.name = name
            locked.save(update_fields=["name"])
            workspace.name = name
        settings.about, settings.min_firms = about, k
        settings.full_clean()
        _mark(settings, access.user, RENAMED + old if renamed else "")
        settings.save()
        bump_version(workspace.pk)
    return settings


@dataclass
class SettingsChange:
    when: datetime
    by: str
    changes: list[tuple[str, str, str]]  # (what, before, after)
    created: bool = False


SETTINGS_FIELDS = ("about", "min_firms")


def _shown(name: str, value: Any) -> str:
    if name == "about":
        return value or "(empty)"
    return str(value)


def settings_history(workspace: Workspace, limit: int = 20) -> list[SettingsChange]:
    """The last changes to the programme's settings, newest first: who, when, what changed from what to what."""
    records = list(Programme.history.filter(workspace=workspace)  # type: ignore[attr-defined]
                   .select_related("history_user").order_by("history_id"))
    labels = {name: str(Programme._meta.get_field(name).verbose_name).capitalize() for name in SETTINGS_FIELDS}
    renames = [(i, r.history_change_reason[len(RENAMED):]) for i, r in enumerate(records)
               if (r.history_change_reason or "").startswith(RENAMED)]
    new_names = {i: (renames[n + 1][1] if n + 1 < len(renames) else workspace.name) for n, (i, _) in enumerate(renames)}
    entries: list[SettingsChange] = []
    previous = None
    for i, record in enumerate(records):
        by = record.history_user.get_username() if record.history_user is not None else ""
        if record.history_type == "+" or previous is None:
            entries.append(SettingsChange(record.history_date, by, [(labels["min_firms"], "", str(record.min_firms))],
                                          created=True))
        else:
            changes = [(labels[name], _shown(name, getattr(previous, name)), _shown(name, getattr(record, name)))
                       for name in SETTINGS_FIELDS if getattr(previous, name) != getattr(record, name)]
            if i in new_names:
                old = record.history_change_reason[len(RENAMED):]
                changes.insert(0, ("Name", old + ("…" if len(RENAMED + old) >= 100 else ""), new_names[i]))
            if changes:
                entries.append(SettingsChange(record.history_date, by, changes))
        previous = record
    return list(reversed(entries))[:limit]


# --- the firms: roster and invitations ----------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    """All the roster says of a member firm: its workspace's name, when it joined (and left), its consent."""

    name: str
    joined: datetime
    consent: str
    left: datetime | None = None
    k: int = DEFAULT_MIN_FIRMS  # the programme's, for the explanation

    @property
    def consent_label(self) -> str:
        return Consent(self.consent).label

    @property
    def shows(self) -> str:
        from dancecard.programmes.membership.services import consent_level

        return consent_level(self.consent, self.k).sees


def roster(access: Access) -> tuple[list[RosterRow], list[RosterRow]]:
    """The programme's current member firms and its former ones (who left), by name."""
    workspace = _programme(access, Permission.VIEW)
    k = programme_settings(workspace).min_firms
    rows = (Participation.objects.filter(workspace=workspace).order_by("firm__name", "pk")
            .values_list("firm__name", "joined", "consent", "left"))
    current = [RosterRow(name, joined, consent, None, k) for name, joined, consent, left in rows if left is None]
    former = [RosterRow(name, joined, consent, left, k) for name, joined, consent, left in rows if left is not None]
    former.sort(key=lambda r: r.left, reverse=True)  # type: ignore[arg-type, return-value]
    return current, former


@dataclass(frozen=True)
class InvitationRow:
    pk: int
    label: str
    created: datetime
    expires: datetime
    by: str
    state: str
    firm: str = ""  # the firm that joined with it (its workspace's name)


def firm_invitations(access: Access) -> list[InvitationRow]:
    """Every firm invitation of the programme, newest first, with its state (open, accepted, expired, revoked)."""
    workspace = _programme(access, Permission.VIEW)
    found = (FirmInvitation.objects.filter(workspace=workspace).select_related("created_by", "participation__firm")
             .order_by("-created", "-pk"))
    return [InvitationRow(i.pk, i.label, i.created, i.expires,
                          i.created_by.get_username() if i.created_by is not None else "", i.state,
                          i.participation.firm.name if i.participation is not None else "")
            for i in found]


def invite_firm(access: Access, label: str = "") -> tuple[FirmInvitation, str]:
    """A firm invitation valid for 30 days; returns it and its secret (shown once: only its hash is kept)."""
    workspace = _programme(access, Permission.MANAGE)
    label = " ".join((label or "").split())
    problem = text_problem(label)
    if problem:
        raise HostingError(f"The label {problem}.", {"label": [f"This text {problem}."]})
    if len(label) > FirmInvitation._meta.get_field("label").max_length:  # type: ignore[operator]
        raise HostingError("Keep the label to 200 characters.", {"label": ["Keep the label to 200 characters."]})
    secret = new_secret()
    invitation = FirmInvitation.objects.create(
        workspace=workspace, label=label, digest=digest(secret),
        created_by=access.user if getattr(access.user, "is_authenticated", False) else None,
        expires=timezone.now() + FIRM_INVITATION_LIFETIME)
    return invitation, secret


def revoke_firm_invitation(access: Access, invitation: FirmInvitation | int) -> FirmInvitation:
    """Stop an invitation's link working (404 for another programme's, 403 for an analyst)."""
    _programme(access, Permission.MANAGE)
    pk = invitation.pk if isinstance(invitation, FirmInvitation) else invitation
    with transaction.atomic():
        found = get_in_workspace(access, FirmInvitation, pk, need=Permission.MANAGE)
        found = FirmInvitation.objects.select_for_update().get(pk=found.pk)
        if found.accepted is not None:
            raise HostingError("This invitation was used already: the firm is a member. A firm leaves from its "
                               "own workspace.")
        if found.revoked is None:
            found.revoked = timezone.now()
            found.save(update_fields=["revoked"])
    return found


# --- partner programmes -----------------------------------------------------------------------------


def motive_terms() -> list[Term]:
    return load_vocabulary().in_group("motive")


def asset_terms() -> list[Term]:
    return load_vocabulary().in_group("asset")


def partner_programme_citation() -> str:
    return load_vocabulary().cite(*PARTNER_PROGRAMME_SOURCE)


def _keys(value: Any, terms: Iterable[Term], what: str, errors: dict[str, list[str]], name: str) -> list[str]:
    known = [t.key for t in terms]
    given = [value] if isinstance(value, str) else list(value or [])
    unknown = [str(v) for v in given if v not in known]
    if unknown:
        errors[name] = [f"Not {what} in the vocabulary: {', '.join(unknown[:5])}. Choose from: {', '.join(known)}."]
    return [k for k in known if k in given]  # the vocabulary's order, each once


@dataclass
class _Text:
    name: str
    label: str
    required: bool = False
    multiline: bool = False
    limit: int = 200


def _clean_text(data: Mapping[str, Any], spec: _Text, errors: dict[str, list[str]]) -> str:
    value = data.get(spec.name, "")
    value = "" if value is None else str(value)
    problem = text_problem(value, multiline=spec.multiline)
    value = value.strip()
    if problem:
        errors[spec.name] = [f"This text {problem}."]
    elif spec.required and not value:
        errors[spec.name] = [f"Give its {spec.label}."]
    elif len(value) > spec.limit:
        errors[spec.name] = [f"Keep the {spec.label} to {spec.limit} characters."]
    return value


def save_partner_programme(access: Access, data: Mapping[str, Any],
                           instance: PartnerProgramme | None = None) -> PartnerProgramme:
    """Add a partner programme (or change `instance`): name, kind, sponsor, offers, url, and the MNC motives
    and SME assets it looks for (vocabulary keys, refused when unknown). HostingError.errors says what is wrong."""
    workspace = _programme(access, Permission.MANAGE)
    errors: dict[str, list[str]] = {}
    name = _clean_text(data, _Text("name", "name", required=True), errors)
    sponsor = _clean_text(data, _Text("sponsor", "sponsor"), errors)
    offers = _clean_text(data, _Text("offers", "offer", required=True, multiline=True, limit=4000), errors)
    url = _clean_text(data, _Text("url", "address", limit=200), errors)
    kind = str(data.get("kind") or PartnerKind.MNC_PROGRAMME)
    if kind not in PartnerKind.values:
        errors["kind"] = [f"Unknown kind {kind!r}: choose one of {', '.join(PartnerKind.values)}."]
    motives = _keys(data.get("motives"), motive_terms(), "an MNC motive", errors, "motives")
    assets = _keys(data.get("assets"), asset_terms(), "an SME asset", errors, "assets")
    if errors:
        raise HostingError(" ".join(m for ms in errors.values() for m in ms), errors)
    with transaction.atomic():
        if instance is None:
            pp = PartnerProgramme(workspace=workspace)
        else:
            found = get_in_workspace(access, PartnerProgramme, instance.pk, need=Permission.MANAGE)
            pp = PartnerProgramme.objects.select_for_update().get(pk=found.pk)
        pp.name, pp.kind, pp.sponsor, pp.offers, pp.url = name, kind, sponsor, offers, url
        pp.motives, pp.assets = motives, assets
        try:
            pp.full_clean(exclude=["workspace"])
        except ValidationError as exc:
            found_errors = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
            raise HostingError(" ".join(m for ms in found_errors.values() for m in ms), found_errors) from None
        _mark(pp, access.user)
        pp.save()
    return pp


def delete_partner_programme(access: Access, pp: PartnerProgramme | int) -> PartnerProgramme:
    """Delete a partner programme, and the member firms' records of taking part in it (which depend on it).

    Everything it took is in history under one mark, so `restore_partner_programme` brings it all back."""
    _programme(access, Permission.MANAGE)
    pk = pp.pk if isinstance(pp, PartnerProgramme) else pp
    with transaction.atomic():
        found = get_in_workspace(access, PartnerProgramme, pk, need=Permission.MANAGE)
        found = PartnerProgramme.objects.select_for_update().get(pk=found.pk)
        mark = f"{DELETED_WITH}{found.pk}:{uuid.uuid4().hex[:16]}"
        # One by one, so that each firm's record carries the mark (a cascade would not) and bumps that firm's version.
        for link in BridgingLink.objects.select_for_update().filter(partner_programme=found).order_by("pk"):
            _mark(link, access.user, mark)
            link.delete()
        _mark(found, access.user, mark)
        found.delete()
    return found


@dataclass(frozen=True)
class DeletedRow:
    history_id: int
    name: str
    when: datetime
    by: str


def deleted_partner_programmes(access: Access, limit: int = 20) -> list[DeletedRow]:
    """The programme's deleted partner programmes that can come back (the newest deletion of each), newest first."""
    workspace = _programme(access, Permission.VIEW)
    history = PartnerProgramme.history  # type: ignore[attr-defined]
    deletions = list(history.filter(workspace=workspace, history_type="-").select_related("history_user")
                     .order_by("-history_id")[:limit * 3])
    ids = {d.id for d in deletions}
    latest: dict[int, int] = {}
    for pk, history_id in history.filter(id__in=ids).values_list("id", "history_id"):
        latest[pk] = max(latest.get(pk, 0), history_id)
    existing = set(PartnerProgramme.objects.filter(pk__in=ids).values_list("pk", flat=True))
    rows = [DeletedRow(d.history_id, d.name, d.history_date,
                       d.history_user.get_username() if d.history_user is not None else "")
            for d in deletions if d.id not in existing and latest.get(d.id) == d.history_id]
    return rows[:limit]


def restore_partner_programme(access: Access, history_id: int) -> PartnerProgramme:
    """Bring back a deleted partner programme as it was, with the firms' records its deletion took."""
    _programme(access, Permission.MANAGE)
    with transaction.atomic():
        record = get_in_workspace(access, PartnerProgramme.history.model, history_id,  # type: ignore[attr-defined]
                                  need=Permission.MANAGE)
        if record.history_type != "-":
            raise HostingError("Only a deleted partner programme can be restored.")
        if PartnerProgramme.objects.select_for_update().filter(pk=record.id).exists():
            raise HostingError(f"“{record.name}” is back already.")
        history = PartnerProgramme.history  # type: ignore[attr-defined]
        if history.filter(id=record.id, history_id__gt=record.history_id).exists():
            raise HostingError(f"“{record.name}” was restored and deleted again since: restore its latest deletion.")
        pp = record.instance
        _mark(pp, access.user, f"{RESTORED}{record.history_id}")
        pp.save(force_insert=True)
        PartnerProgramme.objects.filter(pk=pp.pk).update(created=record.created)  # not the moment it came back
        mark = record.history_change_reason or ""
        if mark.startswith(DELETED_WITH):
            _restore_links(access, pp, mark)
    return pp


def _restore_links(access: Access, pp: PartnerProgramme, mark: str) -> None:
    from dancecard.portfolio.models import Alliance

    taken = list(BridgingLink.history.filter(  # type: ignore[attr-defined]
        history_type="-", history_change_reason=mark, partner_programme_id=pp.pk).order_by("history_id"))
    # Only into firms still members: a firm that left (or whose workspace is gone) gets nothing from the programme.
    firms = set(Participation.objects.filter(workspace_id=pp.workspace_id, left__isnull=True,
                                             firm_id__in={r.workspace_id for r in taken})
                .values_list("firm_id", flat=True))
    alliances = set(Alliance.objects.filter(pk__in={r.alliance_id for r in taken if r.alliance_id})
                    .values_list("pk", "workspace_id"))
    for record in taken:
        if record.workspace_id not in firms or BridgingLink.objects.filter(pk=record.id).exists():
            continue  # the firm left or is gone, or the record is back already
        link = record.instance
        if link.alliance_id and (link.alliance_id, link.workspace_id) not in alliances:
            link.alliance_id = None  # its alliance was deleted since
        _mark(link, access.user, f"{RESTORED}{record.history_id}")
        link.save(force_insert=True)
        BridgingLink.objects.filter(pk=link.pk).update(created=record.created)
