"""The alliance's life in the JSON API: its people, meetings, milestones (and postponements), written
commitments, early-warning signals and closed health checks. Mounted on the API by routes.py.

The rules are the pages' own: every write is validated by the form its page uses (tracking/people/forms.py,
tracking/work/forms.py) and done by the same service functions, so the API cannot store what a page would
refuse. The form's errors come back as a 422 listing every problem at ["body", field]. Ids in the body
(partners, contacts) must be this alliance's: any other, another workspace's included, is a 422 naming it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.forms.models import model_to_dict
from django.http import HttpRequest
from ninja import Query, Router, Status

# The router exists before routes.py is read: routes.py mounts it by its import path at its very end.
router = Router()

from dancecard.api import life_schemas as ls  # noqa: E402
from dancecard.api.routes import (  # noqa: E402
    BY_ID,
    GUARDED,
    READ_DOCS,
    UNPROCESSABLE,
    WRITE,
    WRITE_DOCS,
    problem,
    unprocessable,
)
from dancecard.api.schemas import Message, Text  # noqa: E402
from dancecard.core import timeline as t  # noqa: E402
from dancecard.core.signal_wording import code_label, present_signal  # noqa: E402
from dancecard.core.signals import Severity  # noqa: E402
from dancecard.portfolio.models import Alliance  # noqa: E402
from dancecard.tracking.attention.services import open_signals  # noqa: E402
from dancecard.tracking.health.services import instrument_of  # noqa: E402
from dancecard.tracking.life import signals_by_alliance, today  # noqa: E402
from dancecard.tracking.models import Commitment, Contact, HealthCheck, Interaction, Milestone  # noqa: E402
from dancecard.tracking.people.forms import ContactForm, InteractionForm  # noqa: E402
from dancecard.tracking.people.services import move_to_side  # noqa: E402
from dancecard.tracking.work import services as work  # noqa: E402
from dancecard.tracking.work.forms import CommitmentForm, MilestoneForm, PostponeForm  # noqa: E402
from dancecard.workspaces.access import Permission, get_in_workspace  # noqa: E402

CLOSED = {409: Message}
CLOSED_DOCS = {"responses": {**WRITE_DOCS["responses"],
                             409: {"description": "The milestone is done or cancelled: reopen it first."}}}


# --- the forms' verdicts as 422s -------------------------------------------------------------------------

# A form field → the API field it comes from (ids of records are `*_id`, lists of them `*_ids`).
API_FIELD = {"partner": "partner_id", "known_by": "known_by_id", "ours": "our_contact_ids",
             "theirs": "their_contact_ids"}
# A record id the form does not offer (another alliance's, another workspace's, or one that does not exist).
UNKNOWN = {
    "partner": ("Partner {pk} is not a partner in this alliance.", "unknown_partner"),
    "known_by": ("Contact {pk} is not one of our people in this alliance.", "unknown_contact"),
    "ours": ("Contact {pk} is not one of our people in this alliance, or has left.", "unknown_contact"),
    "theirs": ("Contact {pk} is not one of the partner's people in this alliance, or has left.", "unknown_contact"),
}


def _form_problems(form, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every error of a bound form that did not validate, located at the API's field."""
    found = []
    for field, errors in form.errors.as_data().items():
        loc = ("body",) if field == "__all__" else ("body", API_FIELD.get(field, field))
        if field in UNKNOWN and any(e.code == "invalid_choice" for e in errors):
            message, kind = UNKNOWN[field]
            offered = set(form.fields[field].queryset.values_list("pk", flat=True))
            sent = data.get(field)
            if isinstance(sent, list):
                found += [problem((*loc, index), message.format(pk=pk), kind)
                          for index, pk in enumerate(sent) if pk not in offered]
            else:
                found.append(problem(loc, message.format(pk=sent), kind))
            continue
        for error in errors:
            found += [problem(loc, message, error.code or "invalid") for message in error.messages]
    return found


def _validated(form, data: dict[str, Any]):
    if not form.is_valid():
        raise unprocessable(*_form_problems(form, data))
    return form


def _form_data(changes: dict[str, Any], instance=None, fields: list[str] | None = None) -> dict[str, Any]:
    """What the page's form would receive: the stored values (when editing), with the API's changes over them."""
    data = model_to_dict(instance, fields=fields) if instance is not None else {}
    reverse = {api: name for name, api in API_FIELD.items()}
    data.update({reverse.get(key, key): value for key, value in changes.items()})
    return data


# --- people ------------------------------------------------------------------------------------------------


def _contact(c: Contact) -> dict[str, Any]:
    return {
        "id": c.pk, "alliance_id": c.alliance_id, "name": c.name, "side": c.side,
        "side_label": code_label("side", c.side), "job_title": c.job_title, "partner_id": c.partner_id,
        "unit": c.unit, "unit_label": code_label("unit", c.unit) if c.unit else "",
        "level": c.level, "level_label": code_label("level", c.level),
        "role": c.role, "role_label": code_label("role", c.role), "known_by_id": c.known_by_id,
        "email": c.email, "notes": c.notes, "left": c.left, "created": c.created,
    }


def _contact_form(alliance: Alliance, data: dict[str, Any], instance: Contact | None = None) -> ContactForm:
    form = ContactForm(data, alliance=alliance, instance=instance)
    if "partner" not in form.fields and data.get("partner") is not None and data["partner"] != form.only_partner.pk:
        # A bilateral alliance: the page asks nothing, the partner is its one partner.
        raise unprocessable(problem(("body", "partner_id"), UNKNOWN["partner"][0].format(pk=data["partner"]),
                                    UNKNOWN["partner"][1]))
    return _validated(form, data)


@router.get("/alliances/{alliance_id}/contacts", response={200: list[ls.ContactOut], **BY_ID, **GUARDED},
            tags=["people"], openapi_extra=READ_DOCS)
def list_contacts(request: HttpRequest, alliance_id: int):
    """The people on both sides of the alliance: ours first, then the partner's, by name. People who left stay."""
    alliance = get_in_workspace(request.access, Alliance, alliance_id)
    return [_contact(c) for c in alliance.contacts.all()]


@router.post("/alliances/{alliance_id}/contacts", response={201: ls.ContactOut, **BY_ID, **WRITE},
             tags=["people"], openapi_extra=WRITE_DOCS)
def create_contact(request: HttpRequest, alliance_id: int, payload: ls.ContactIn):
    """Add a person on either side. The page's rules apply: ours have no partner unit, partner or `known_by_id`;
    a consortium's partner's people may name the partner they work for."""
    alliance = get_in_workspace(request.access, Alliance, alliance_id, need=Permission.EDIT)
    data = _form_data(payload.dict())
    contact = _contact_form(alliance, data).save(commit=False)
    contact.workspace, contact.alliance = request.workspace, alliance
    contact.save()
    return Status(201, _contact(contact))


@router.get("/contacts/{contact_id}", response={200: ls.ContactOut, **BY_ID, **GUARDED}, tags=["people"],
            openapi_extra=READ_DOCS)
def get_contact(request: HttpRequest, contact_id: int):
    return _contact(get_in_workspace(request.access, Contact, contact_id))


@router.patch("/contacts/{contact_id}", response={200: ls.ContactOut, **BY_ID, **WRITE}, tags=["people"],
              openapi_extra=WRITE_DOCS)
def update_contact(request: HttpRequest, contact_id: int, payload: ls.ContactPatch):
    """Change any field. Moving someone to the other side moves them in the meetings they attended; mark
    someone who left with `left` (they stay on the map, greyed)."""
    contact = get_in_workspace(request.access, Contact, contact_id, need=Permission.EDIT)
    side_before = contact.side
    data = _form_data(payload.dict(exclude_unset=True), contact, ContactForm.Meta.fields)
    form = _contact_form(contact.alliance, data, contact)
    with transaction.atomic():
        contact = form.save()
        if contact.side != side_before:
            move_to_side(contact)
    return _contact(contact)


# --- meetings ----------------------------------------------------------------------------------------------


def _person(c: Contact) -> dict[str, Any]:
    return {"id": c.pk, "name": c.name, "unit": c.unit, "unit_label": code_label("unit", c.unit) if c.unit else ""}


def _interaction(i: Interaction) -> dict[str, Any]:
    def people(related) -> list[dict[str, Any]]:
        return [_person(c) for c in sorted(related.all(), key=lambda c: (c.name, c.pk))]

    return {
        "id": i.pk, "alliance_id": i.alliance_id, "date": i.date, "kind": i.kind,
        "kind_label": code_label("interaction_kind", i.kind), "ours": people(i.ours), "theirs": people(i.theirs),
        "initiated_by": i.initiated_by, "note": i.note, "decision_without_us": i.decision_without_us,
        "cost_not_in_plan": i.cost_not_in_plan, "terms_reopened": i.terms_reopened, "created": i.created,
    }


def _interactions():
    people = Contact.objects.only("pk", "name", "unit")
    return Interaction.objects.prefetch_related(Prefetch("ours", queryset=people),
                                                Prefetch("theirs", queryset=people))


@router.get("/alliances/{alliance_id}/interactions", response={200: list[ls.InteractionOut], **BY_ID, **GUARDED},
            tags=["meetings"], openapi_extra=READ_DOCS)
def list_interactions(request: HttpRequest, alliance_id: int):
    """The alliance's meetings, calls and messages, newest first."""
    alliance = get_in_workspace(request.access, Alliance, alliance_id)
    return [_interaction(i) for i in _interactions().filter(alliance=alliance)]


@router.post("/alliances/{alliance_id}/interactions", response={201: ls.InteractionOut, **BY_ID, **WRITE},
             tags=["meetings"], openapi_extra=WRITE_DOCS)
def log_interaction(request: HttpRequest, alliance_id: int, payload: ls.InteractionIn):
    """Log a meeting that happened (today unless `date` says otherwise), who took part, who asked for it, and
    the three warning flags the signals read."""
    alliance = get_in_workspace(request.access, Alliance, alliance_id, need=Permission.EDIT)
    changes = payload.dict()
    changes["date"] = changes["date"] or today()
    data = _form_data(changes)
    form = _validated(InteractionForm(data, alliance=alliance), data)
    with transaction.atomic():
        interaction = form.save(commit=False)
        interaction.workspace, interaction.alliance = request.workspace, alliance
        interaction.created_by = request.access.user
        interaction.save()
        form.save_m2m()
    return Status(201, _interaction(_interactions().get(pk=interaction.pk)))


@router.get("/interactions/{interaction_id}", response={200: ls.InteractionOut, **BY_ID, **GUARDED},
            tags=["meetings"], openapi_extra=READ_DOCS)
def get_interaction(request: HttpRequest, interaction_id: int):
    get_in_workspace(request.access, Interaction, interaction_id)
    return _interaction(_interactions().get(pk=interaction_id))


# --- milestones --------------------------------------------------------------------------------------------


def _milestone(m: Milestone) -> dict[str, Any]:
    return {
        "id": m.pk, "alliance_id": m.alliance_id, "title": m.title, "due": m.due, "owner": m.owner,
        "status": m.status, "status_label": code_label("milestone_status", m.status),
        "value_if_stopped": m.value_if_stopped, "closed": m.closed,
        "postponements": [{"date": p.date, "reason": p.reason, "previous_due": p.previous_due, "new_due": p.new_due}
                          for p in m.postponements.all()],
        "created": m.created,
    }


@router.get("/alliances/{alliance_id}/milestones", response={200: list[ls.MilestoneOut], **BY_ID, **GUARDED},
            tags=["milestones"], openapi_extra=READ_DOCS)
def list_milestones(request: HttpRequest, alliance_id: int):
    """The alliance's milestones by due date, each with its postponements."""
    alliance = get_in_workspace(request.access, Alliance, alliance_id)
    return [_milestone(m) for m in alliance.milestones.prefetch_related("postponements")]


@router.post("/alliances/{alliance_id}/milestones", response={201: ls.MilestoneOut, **BY_ID, **WRITE},
             tags=["milestones"], openapi_extra=WRITE_DOCS)
def create_milestone(request: HttpRequest, alliance_id: int, payload: ls.MilestoneIn):
    alliance = get_in_workspace(request.access, Alliance, alliance_id, need=Permission.EDIT)
    data = _form_data(payload.dict())
    milestone = _validated(MilestoneForm(data), data).save(commit=False)
    milestone.workspace, milestone.alliance = request.workspace, alliance
    milestone.save()
    return Status(201, _milestone(milestone))


@router.get("/milestones/{milestone_id}", response={200: ls.MilestoneOut, **BY_ID, **GUARDED},
            tags=["milestones"], openapi_extra=READ_DOCS)
def get_milestone(request: HttpRequest, milestone_id: int):
    return _milestone(get_in_workspace(request.access, Milestone, milestone_id))


@router.patch("/milestones/{milestone_id}", response={200: ls.MilestoneOut, **BY_ID, **WRITE},
              tags=["milestones"], openapi_extra=WRITE_DOCS)
def update_milestone(request: HttpRequest, milestone_id: int, payload: ls.MilestonePatch):
    """Change any field, close it (`status` done or cancelled, `closed` default today) or reopen it (planned).
    A later `due` is refused: that is a postponement, which is kept (POST .../postpone)."""
    milestone = get_in_workspace(request.access, Milestone, milestone_id, need=Permission.EDIT)
    data = _form_data(payload.dict(exclude_unset=True), milestone, MilestoneForm.Meta.fields)
    _validated(MilestoneForm(data, instance=milestone), data).save()
    return _milestone(milestone)


@router.post("/milestones/{milestone_id}/postpone", response={200: ls.MilestoneOut, **BY_ID, **WRITE, **CLOSED},
             tags=["milestones"], openapi_extra=CLOSED_DOCS)
def postpone_milestone(request: HttpRequest, milestone_id: int, payload: ls.PostponeIn):
    """Move an open milestone later, keeping the postponement (its date, reason, previous and new due date):
    postponed twice is a warning sign. A milestone done or cancelled is 409."""
    milestone = get_in_workspace(request.access, Milestone, milestone_id, need=Permission.EDIT)
    data = payload.dict()
    form = _validated(PostponeForm(data, milestone=milestone), data)
    try:
        work.postpone(milestone, form.cleaned_data["new_due"], form.cleaned_data["reason"])
    except work.NotOpen as exc:
        return Status(409, {"detail": str(exc)})
    except ValueError as exc:  # moved meanwhile, by someone else
        raise unprocessable(problem(("body", "new_due"), str(exc), "invalid")) from None
    return _milestone(milestone)


# --- commitments -------------------------------------------------------------------------------------------


def _commitment(c: Commitment) -> dict[str, Any]:
    return {
        "id": c.pk, "alliance_id": c.alliance_id, "kind": c.kind, "kind_label": code_label("commitment_kind", c.kind),
        "title": c.title, "status": c.status, "status_label": code_label("commitment_status", c.status),
        "started": c.started, "signed": c.signed, "expires": c.expires, "governing_law": c.governing_law,
        "exit_clause": c.exit_clause, "ip_ownership": c.ip_ownership, "exclusivity": c.exclusivity,
        "renewal": c.renewal, "document": c.document, "notes": c.notes, "created": c.created,
    }


@router.get("/alliances/{alliance_id}/commitments", response={200: list[ls.CommitmentOut], **BY_ID, **GUARDED},
            tags=["commitments"], openapi_extra=READ_DOCS)
def list_commitments(request: HttpRequest, alliance_id: int):
    """The alliance's written commitments (MoU, NDA, contract, licence, term sheet), newest first."""
    alliance = get_in_workspace(request.access, Alliance, alliance_id)
    return [_commitment(c) for c in alliance.commitments.all()]


@router.post("/alliances/{alliance_id}/commitments", response={201: ls.CommitmentOut, **BY_ID, **WRITE},
             tags=["commitments"], openapi_extra=WRITE_DOCS)
def create_commitment(request: HttpRequest, alliance_id: int, payload: ls.CommitmentIn):
    """Record a commitment with its key terms. A signed (or expired) one needs the day it was signed."""
    alliance = get_in_workspace(request.access, Alliance, alliance_id, need=Permission.EDIT)
    data = _form_data(payload.dict())
    commitment = _validated(CommitmentForm(data), data).save(commit=False)
    commitment.workspace, commitment.alliance = request.workspace, alliance
    commitment.save()
    return Status(201, _commitment(commitment))


@router.get("/commitments/{commitment_id}", response={200: ls.CommitmentOut, **BY_ID, **GUARDED},
            tags=["commitments"], openapi_extra=READ_DOCS)
def get_commitment(request: HttpRequest, commitment_id: int):
    return _commitment(get_in_workspace(request.access, Commitment, commitment_id))


@router.patch("/commitments/{commitment_id}", response={200: ls.CommitmentOut, **BY_ID, **WRITE},
              tags=["commitments"], openapi_extra=WRITE_DOCS)
def update_commitment(request: HttpRequest, commitment_id: int, payload: ls.CommitmentPatch):
    """Change any field, e.g. `{"status": "signed", "signed": "2025-03-12"}` once it is signed."""
    commitment = get_in_workspace(request.access, Commitment, commitment_id, need=Permission.EDIT)
    data = _form_data(payload.dict(exclude_unset=True), commitment, CommitmentForm.Meta.fields)
    _validated(CommitmentForm(data, instance=commitment), data).save()
    return _commitment(commitment)


# --- early-warning signals ---------------------------------------------------------------------------------

SeverityValue = ls._codes(Severity)


@router.get("/alliances/{alliance_id}/signals", response={200: list[ls.SignalOut], **BY_ID, **GUARDED},
            tags=["signals"], openapi_extra=READ_DOCS)
def alliance_signals(request: HttpRequest, alliance_id: int):
    """The alliance's open early-warning signals today, most severe first: codes and numbers, and in words the
    title, the reason with its numbers, the countermeasure and the source. An ended alliance raises none."""
    alliance = get_in_workspace(request.access, Alliance, alliance_id)
    found = sorted(signals_by_alliance([alliance])[alliance.pk], key=lambda s: (s.severity.rank, s.code))
    return [present_signal(s) for s in found]


@router.get("/signals", response={200: list[ls.WorkspaceSignalOut], **UNPROCESSABLE, **GUARDED},
            tags=["signals"], openapi_extra=READ_DOCS)
def workspace_signals(request: HttpRequest,
                      severity: Query[SeverityValue | None] = None,  # type: ignore[valid-type]
                      owner: Query[Text(200) | None] = None):  # type: ignore[valid-type]
    """Every open signal of the workspace's alliances that have not ended, as the needs-attention page lists them:
    most severe first, then by alliance. `?severity=high` keeps one severity, `?owner=Ana` one alliance owner's
    (`-`: alliances that name no owner)."""
    rows = open_signals(request.access, severity or "", owner or "")
    return [row.words | {"alliance": {"id": row.alliance.pk, "name": row.alliance.name, "owner": row.alliance.owner,
                                      "stage": row.alliance.stage}} for row in rows]


# --- health checks -----------------------------------------------------------------------------------------


def _gaps(check: HealthCheck) -> list[dict[str, Any]]:
    """Each dimension's two scores and their gap, as kept when the check closed (never anyone's answers)."""
    labels = {d.key: d.label for d in instrument_of(check).dimensions}
    gaps = (check.summary or {}).get("gaps") if isinstance(check.summary, dict) else None
    found = []
    for gap in gaps if isinstance(gaps, list) else []:
        if isinstance(gap, dict) and isinstance(gap.get("dimension"), str):
            found.append({"dimension": gap["dimension"], "label": labels.get(gap["dimension"], gap["dimension"]),
                          **{k: gap[k] if isinstance(gap.get(k), (int, float)) else None
                             for k in ("ours", "partner", "gap")}})
    return found


@router.get("/alliances/{alliance_id}/health-checks", response={200: list[ls.HealthCheckOut], **BY_ID, **GUARDED},
            tags=["health checks"], openapi_extra=READ_DOCS)
def list_health_checks(request: HttpRequest, alliance_id: int):
    """The alliance's closed health checks, newest first: when, each side's overall score, how many people each
    side asked and heard from, and the gap per dimension. Individual answers never leave their check."""
    alliance = get_in_workspace(request.access, Alliance, alliance_id)
    checks = (alliance.health_checks.filter(closed__isnull=False)
              .annotate(invited_ours=Count("responses", filter=Q(responses__side=t.Side.OURS)),
                        invited_partner=Count("responses", filter=Q(responses__side=t.Side.PARTNER)),
                        answered_ours=Count("responses", filter=Q(responses__side=t.Side.OURS,
                                                                  responses__submitted__isnull=False)),
                        answered_partner=Count("responses", filter=Q(responses__side=t.Side.PARTNER,
                                                                     responses__submitted__isnull=False)))
              .order_by("-closed", "-pk"))
    return [{"id": h.pk, "alliance_id": h.alliance_id, "instrument_version": h.instrument_version,
             "opened": h.opened, "closed": h.closed, "ours": h.ours, "partner": h.partner,
             "invited": {"ours": h.invited_ours, "partner": h.invited_partner},
             "respondents": {"ours": h.answered_ours, "partner": h.answered_partner}, "gaps": _gaps(h)}
            for h in checks]
