"""A firm's side of bridging programmes: joining one by invitation, consent, leaving, partner programmes.

Plain functions shared by the pages and the command line. Each acts for a firm's workspace through
an `Access` (or, to join, a user who owns the firm): only the firm's owners (Permission.MANAGE)
join, change consent and leave; editors may join a partner programme as a bridging mechanism.

Nothing is shared before the firm says yes: the programme sees a firm only through a current
`Participation`, which exists from the moment its owner accepts the invitation. Every change of
consent and every departure is a history record of the participation, with who made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from dancecard.accounts.tokens import digest
from dancecard.assessments.models import Assessment, Status
from dancecard.assessments.services import save_answers, start_assessment
from dancecard.assessments.wizard import steps_for
from dancecard.core import programme_fit
from dancecard.core.vocabulary import load_vocabulary
from dancecard.portfolio.models import Alliance
from dancecard.programmes.models import (
    DEFAULT_MIN_FIRMS, BridgingLink, Consent, FirmInvitation, Participation, PartnerProgramme, Programme,
)
from dancecard.workspaces.access import ROLE_PERMISSIONS, Access, Permission, get_in_workspace
from dancecard.workspaces.models import Kind, Membership, Workspace, bump_version

# The instrument item a partner programme answers, and the answer joining one gives.
BRIDGING_INSTRUMENT = "full"
BRIDGING_ITEM = "full.bridging"
BRIDGING_LABEL = "Actively involved"
# How a firm reaches a programme's partner programmes: through its current participation in that programme.
# (`participation` is the reverse of Participation.workspace, the programme; `participations` would be the
# reverse of Participation.firm, which leads nowhere from a partner programme's workspace.)
THROUGH_PARTICIPATION = {"via": "workspace__participation__firm", "workspace__participation__left__isnull": True}


class MembershipRefused(Exception):
    """A step a firm cannot take (join, change consent, leave, join a partner programme), with the reason."""


class InvitationUnusable(MembershipRefused):
    """The link was used, revoked or has expired (or never existed)."""


# --- what each consent level shares ------------------------------------------------------------


@dataclass(frozen=True)
class ConsentLevel:
    value: str
    label: str
    sees: str  # what the programme sees at this level
    never: str  # what it never sees at this level


def consent_levels(min_firms: int = DEFAULT_MIN_FIRMS) -> list[ConsentLevel]:
    """Each consent level, least first, with what the programme sees and never sees (k = `min_firms`)."""
    from dancecard.core.cohort_wording import cohort_words

    words = cohort_words()["consent"]
    text = {level: (words[level]["sees"].format(k=min_firms), words[level]["never"].format(k=min_firms))
            for level in Consent}
    return [ConsentLevel(str(level), level.label, *text[level]) for level in Consent]


def consent_level(consent: str, min_firms: int = DEFAULT_MIN_FIRMS) -> ConsentLevel:
    return next(level for level in consent_levels(min_firms) if level.value == consent)


def min_firms_of(programme_workspace: Workspace) -> int:
    return Programme.of(programme_workspace).min_firms


def _check_consent(consent: str) -> str:
    if consent not in Consent.values:
        raise MembershipRefused(f"Unknown consent level {consent!r}: choose one of {', '.join(Consent.values)}.")
    return consent


# --- joining --------------------------------------------------------------------------------------


def find_firm_invitation(secret: str) -> FirmInvitation | None:
    if not isinstance(secret, str) or not secret:
        return None
    return FirmInvitation.objects.select_related("workspace").filter(
        digest=digest(secret)).first()


def firms_owned_by(user) -> list[Workspace]:
    """The firm workspaces in which the user may join programmes: those where they are an owner."""
    managing = [role for role, permissions in ROLE_PERMISSIONS.items() if Permission.MANAGE in permissions]
    return [m.workspace for m in Membership.objects.filter(user=user, role__in=managing, workspace__kind=Kind.FIRM)
            .select_related("workspace").order_by("workspace__name", "workspace_id")]


def _owner_access(user, firm: Workspace | int) -> Access:
    firm_id = firm.pk if isinstance(firm, Workspace) else firm
    membership = (Membership.objects.select_related("workspace").filter(user=user, workspace_id=firm_id).first()
                  if user is not None and getattr(user, "pk", None) else None)
    if membership is None or membership.workspace.kind != Kind.FIRM:
        raise MembershipRefused("Choose one of the firms you own: only a firm's owner can join a programme with it.")
    access = Access(workspace=membership.workspace, role=membership.role, user=user)
    if not access.can(Permission.MANAGE):
        raise MembershipRefused(f"Only the owners of {membership.workspace.name} can join a programme with it: "
                                "ask one of them to open this link.")
    return access


def accept_firm_invitation(user, secret: str, firm_workspace: Workspace | int, consent: str) -> Participation:
    """The firm joins the invitation's programme with this consent; the invitation is used up.

    In one transaction: the participation (joined now), the invitation marked accepted, and the
    firm's workspace version raised (the programme's is raised by the participation's save)."""
    _check_consent(consent)
    access = _owner_access(user, firm_workspace)
    firm = access.workspace
    with transaction.atomic():
        invitation = (FirmInvitation.objects.select_for_update().select_related("workspace")
                      .filter(digest=digest(secret)).first()) if isinstance(secret, str) and secret else None
        if invitation is None or not invitation.is_usable:
            raise InvitationUnusable("This invitation no longer works: it was used, revoked or has expired. "
                                     "Ask the programme for a new link.")
        programme = invitation.workspace
        if not programme.is_programme:
            raise InvitationUnusable("This link does not lead to a programme.")
        if Participation.objects.filter(workspace=programme, firm=firm, left__isnull=True).exists():
            raise MembershipRefused(f"{firm.name} is already a member of {programme.name}.")
        participation = Participation(workspace=programme, firm=firm, consent=consent, joined=timezone.now())
        participation._history_user = user  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                participation.save()
        except IntegrityError:  # the same firm joined at the same moment through another link
            raise MembershipRefused(f"{firm.name} is already a member of {programme.name}.") from None
        invitation.accepted, invitation.accepted_by, invitation.participation = timezone.now(), user, participation
        invitation.save(update_fields=["accepted", "accepted_by", "participation"])
        bump_version(firm.pk)
    return participation


# --- consent and leaving --------------------------------------------------------------------------


def get_participation(access: Access, pk: Any, need: Permission = Permission.VIEW) -> Participation:
    """One of the firm's participations (current or former); 404 for any other firm's, 403 without `need`."""
    return get_in_workspace(access, Participation, pk, need=need, via="firm")


def _locked_current(access: Access, participation: Participation) -> Participation:
    access.require(Permission.MANAGE)
    found = (Participation.objects.select_for_update().select_related("workspace")
             .filter(pk=participation.pk, firm=access.workspace).first())
    if found is None:
        raise MembershipRefused("That is not a programme of this firm.")
    if not found.is_current:
        raise MembershipRefused(f"{access.workspace.name} has left {found.workspace.name}: nothing is shared any more.")
    return found


def set_consent(access: Access, participation: Participation, consent: str) -> Participation:
    """Change what the programme may see; it holds from the programme's next request (both versions bumped)."""
    _check_consent(consent)
    with transaction.atomic():
        current = _locked_current(access, participation)
        if current.consent != consent:
            current.consent = consent
            current._history_user = access.user  # type: ignore[attr-defined]
            current.save(update_fields=["consent"])
            bump_version(current.workspace_id)
            bump_version(current.firm_id)
    participation.consent, participation.left = current.consent, current.left
    return current


def leave_programme(access: Access, participation: Participation) -> Participation:
    """The firm leaves: the programme sees nothing of it from the next request on."""
    with transaction.atomic():
        current = _locked_current(access, participation)
        current.left = timezone.now()
        current._history_user = access.user  # type: ignore[attr-defined]
        current.save(update_fields=["left"])
        bump_version(current.workspace_id)
        bump_version(current.firm_id)
    participation.left = current.left
    return current


def participations(access: Access) -> tuple[list[Participation], list[Participation]]:
    """The firm's current programmes, and those it has left (latest first)."""
    rows = list(Participation.objects.filter(firm=access.workspace).select_related("workspace", "workspace__programme")
                .order_by("workspace__name", "-joined", "pk"))
    return [p for p in rows if p.is_current], sorted((p for p in rows if not p.is_current),
                                                       key=lambda p: p.left, reverse=True)


@dataclass(frozen=True)
class ConsentChange:
    when: datetime
    by: str  # username, "" if not recorded
    programme: str
    event: str  # "joined", "consent" or "left"
    old: str = ""  # consent before (consent changes)
    new: str = ""  # consent after (joining, consent changes); when leaving, the consent it had

    @property
    def old_label(self) -> str:
        return Consent(self.old).label if self.old in Consent.values else self.old

    @property
    def new_label(self) -> str:
        return Consent(self.new).label if self.new in Consent.values else self.new


def consent_history(access: Access) -> list[ConsentChange]:
    """Every joining, change of consent and leaving of the firm's participations, newest first."""
    records = (Participation.history.filter(firm_id=access.workspace.pk)
               .select_related("history_user").order_by("id", "history_date", "history_id"))
    names = dict(Workspace.objects.filter(pk__in={r.workspace_id for r in records}).values_list("pk", "name"))
    changes: list[ConsentChange] = []
    previous: dict[int, Any] = {}
    for record in records:
        before = previous.get(record.id)
        who = record.history_user.get_username() if record.history_user is not None else ""
        where = names.get(record.workspace_id, "a programme since deleted")
        if record.history_type == "+" or before is None:
            changes.append(ConsentChange(record.history_date, who, where, "joined", new=record.consent))
        else:
            if record.consent != before.consent:
                changes.append(ConsentChange(record.history_date, who, where, "consent", before.consent,
                                             record.consent))
            if record.left is not None and before.left is None:
                changes.append(ConsentChange(record.history_date, who, where, "left", new=record.consent))
        previous[record.id] = record
    return sorted(changes, key=lambda c: c.when, reverse=True)


# --- partner programmes ---------------------------------------------------------------------------


def visible_partner_programmes(access: Access):
    """The partner programmes of the programmes the firm is a current member of."""
    via = THROUGH_PARTICIPATION
    return (PartnerProgramme.objects.filter(**{via["via"]: access.workspace},
                                            **{k: v for k, v in via.items() if k != "via"})
            .distinct().select_related("workspace").order_by("name", "pk"))


def get_partner_programme(access: Access, pk: Any, need: Permission = Permission.VIEW) -> PartnerProgramme:
    """A partner programme the firm may see (through a current participation); 404 otherwise."""
    return get_in_workspace(access, PartnerProgramme, pk, need=need, **THROUGH_PARTICIPATION)


def firm_profiles(access: Access) -> list[dict[str, Any]]:
    """The profiles of the firm's alliances' current assessments (Assessment.summary["profile"])."""
    summaries = (Alliance.objects.filter(workspace=access.workspace, current_assessment__isnull=False)
                 .values_list("current_assessment__summary", flat=True))
    return [s["profile"] for s in summaries if isinstance(s, dict) and isinstance(s.get("profile"), dict)]


FIT_LABELS = {"good": "Good fit", "partial": "Partial fit", "none": "Little fit", "unknown": "Fit not known yet"}


@dataclass
class FittingProgramme:
    programme: PartnerProgramme
    fit: programme_fit.Fit
    links: list[BridgingLink] = field(default_factory=list)  # the firm's own links to it

    def _labels(self, keys) -> list[str]:
        vocabulary = load_vocabulary()
        return [vocabulary.label(k) for k in keys]

    @property
    def level(self) -> str:
        return str(getattr(self.fit, "level", "unknown"))

    @property
    def level_label(self) -> str:
        return FIT_LABELS.get(self.level, self.level)

    @property
    def matched_motives(self) -> list[str]:
        return self._labels(getattr(self.fit, "matched_motives", ()))

    @property
    def matched_assets(self) -> list[str]:
        return self._labels(getattr(self.fit, "matched_assets", ()))

    @property
    def possible(self) -> list[str]:
        return self._labels(getattr(self.fit, "possible", ()))

    @property
    def missing(self) -> list[str]:
        return self._labels(getattr(self.fit, "missing", ()))

    @property
    def unknown(self) -> list[str]:
        return self._labels(getattr(self.fit, "unknown", ()))

    @property
    def sought_motives(self) -> list[str]:
        return self._labels(self.programme.motives or ())

    @property
    def sought_assets(self) -> list[str]:
        return self._labels(self.programme.assets or ())


def _known_keys(keys: Any, group: str) -> list[str]:
    """The keys that are vocabulary terms of the group (a stored list is never trusted to be clean)."""
    terms = load_vocabulary().terms
    if not isinstance(keys, list | tuple):
        return []
    return [k for k in keys if isinstance(k, str) and k in terms and terms[k].group == group]


def fitting_partner_programmes(access: Access) -> list[FittingProgramme]:
    """The partner programmes the firm may see, best fit with its alliances' profiles first
    (core/programme_fit.py: ties keep the order by name)."""
    access.require(Permission.VIEW)
    known = list(visible_partner_programmes(access))
    profiles = firm_profiles(access)
    links: dict[int, list[BridgingLink]] = {}
    for link in (BridgingLink.objects.filter(workspace=access.workspace, partner_programme__in=known)
                 .select_related("alliance")):
        links.setdefault(link.partner_programme_id, []).append(link)
    sought = [{"motives": _known_keys(p.motives, "motive"), "assets": _known_keys(p.assets, "asset"), "programme": p}
              for p in known]
    return [FittingProgramme(s["programme"], found, links.get(s["programme"].pk, []))
            for s, found in programme_fit.rank(sought, profiles)]


@dataclass(frozen=True)
class BridgingJoined:
    link: BridgingLink
    assessment: Assessment | None  # the draft the bridging item was answered on (None without an alliance)
    started: bool  # whether that draft was started for it
    step: int | None  # the wizard's step showing the item


def bridging_evidence(partner_programme: PartnerProgramme, since: date) -> str:
    sponsor = f" ({partner_programme.sponsor})" if partner_programme.sponsor else ""
    return (f"Member of {partner_programme.name}{sponsor} since {date_format(since, 'j F Y')}, "
            f"introduced by {partner_programme.workspace.name}.")


def open_full_draft(alliance: Alliance) -> Assessment | None:
    """The alliance's newest open draft of the full instrument (about the whole alliance, not a team
    member's own answers) that asks the bridging item."""
    drafts = (Assessment.objects.filter(alliance=alliance, instrument_name=BRIDGING_INSTRUMENT, status=Status.DRAFT,
                                        partner__isnull=True, respondent_of__isnull=True)
              .order_by("-created", "-pk"))
    return next((d for d in drafts if d.instrument.item(BRIDGING_ITEM) is not None), None)


def _bridging_answer(item, stored: Any, evidence: str) -> dict[str, Any]:
    value = item.labels.index(BRIDGING_LABEL) + 1
    note, before = "", ""
    if isinstance(stored, dict):
        note, before = stored.get("note") or "", stored.get("evidence") or ""
        stored = stored.get("value")
    if isinstance(stored, int) and not isinstance(stored, bool) and stored > value:
        value = stored  # a stronger answer already given ("Brokering the alliance") stays
    if before and evidence not in before:
        evidence = f"{before}; {evidence}"
    return {"value": value, "note": note, "evidence": evidence}


def join_partner_programme(access: Access, partner_programme: PartnerProgramme,
                           alliance: Alliance | None = None) -> BridgingJoined:
    """The firm takes part in a partner programme, as a bridging mechanism for one of its alliances.

    With an alliance, the full instrument's bridging item is answered ("Actively involved", with the
    membership as evidence) on its open full draft, or on a new draft of the newest full instrument."""
    access.require(Permission.EDIT)
    with transaction.atomic():
        # Reached again under a lock: only through a current participation, and one join at a time.
        partner_programme = get_in_workspace(access, PartnerProgramme, partner_programme.pk, need=Permission.EDIT,
                                             **THROUGH_PARTICIPATION)
        PartnerProgramme.objects.select_for_update().filter(pk=partner_programme.pk).first()
        if alliance is not None:
            alliance = get_in_workspace(access, Alliance, alliance.pk, need=Permission.EDIT)
        if BridgingLink.objects.filter(workspace=access.workspace, partner_programme=partner_programme,
                                       alliance=alliance).exists():
            for_what = f"for {alliance.name}" if alliance is not None else "for the firm as a whole"
            raise MembershipRefused(f"{access.workspace.name} already takes part in {partner_programme.name} "
                                    f"{for_what}.")
        link = BridgingLink(workspace=access.workspace, partner_programme=partner_programme, alliance=alliance,
                            joined=timezone.localdate())
        link._history_user = access.user  # type: ignore[attr-defined]
        link.save()
        if alliance is None:
            return BridgingJoined(link, None, False, None)
        draft = open_full_draft(alliance)
        started = draft is None
        if draft is None:
            draft = start_assessment(alliance, BRIDGING_INSTRUMENT)
        item = draft.instrument.item(BRIDGING_ITEM)
        if item is None:  # pragma: no cover - the shipped full instruments all ask it
            raise MembershipRefused("The full instrument no longer asks about bridging mechanisms.")
        answer = _bridging_answer(item, draft.answers.get(BRIDGING_ITEM),
                                  bridging_evidence(partner_programme, link.joined))
        save_answers(draft, {BRIDGING_ITEM: answer})
        step = next((s.number for s in steps_for(draft.instrument) if item in s.items), None)
    return BridgingJoined(link, draft, started, step)
