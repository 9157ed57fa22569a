"""The JSON API (django-ninja), mounted at /api/; OpenAPI at /api/openapi.json, docs at /api/docs.

Every request works in `request.workspace`; every object is fetched with
`get_in_workspace`, so an unknown id and another workspace's id are the same 404.
Errors are JSON: 404 {"detail": "..."}; 422 {"detail": [{"loc", "msg", "type"}, ...]}
listing every problem (field validation, invalid answers, unknown ids); 409 for
changing what is closed. Every write passes the guard in api/security.py first: 403
without the CSRF token or from another site, 415 without a JSON body, 400 when the
body does not parse as JSON (`WRITE`).
A team member's unsubmitted round answers never show here (assessments/privacy.py).
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Query, Status
from ninja.errors import ValidationError

from dancecard.api import schemas as s
from dancecard.assessments import services
from dancecard.assessments.models import Assessment
from dancecard.core.errors import (
    AssessmentClosed,
    DancecardError,
    InstrumentError,
    InvalidAnswers,
    UnknownInstrument,
)
from dancecard.core.explain import source_of
from dancecard.core.instruments import Instrument, available, get_instrument, parse_key
from dancecard.core.verdict import Band
from dancecard.core.wording import band_label, citation
from dancecard.core.vocabulary import load_vocabulary
from dancecard.portfolio.models import Alliance, AllianceMember, Partner, form_choices
from dancecard.portfolio.services import StaleEdit, claim_revision
from dancecard.portfolio.stages import Stage
from dancecard.api.security import CsrfRefused, NoWorkspace, NotJson, NotSignedIn, api_access
from dancecard.assessments.privacy import is_private_draft, visible
from dancecard.workspaces.access import Permission, get_in_workspace, requires

api = NinjaAPI(
    title="Dancecard API",
    version="1",
    description=(
        "Partners, alliances and assessments of one workspace, and the instruments they are assessed with; "
        "each alliance's life: its people, meetings, milestones, commitments, warning signals and health checks. "
        "\n\n**Who may call it**: a signed-in browser session, or a personal API token sent as "
        "`Authorization: Bearer TOKEN` (make and revoke tokens at /account/tokens/). A token works in the workspace "
        "it was made in, with its owner's current role there: viewers read, editors and owners also write. "
        "Without either, every call is 401; a role that may not do something gets 403. "
        "Assessment results are `dancecard.result/2` documents (docs/result.md). "
        "Validation errors are 422 with `detail: [{loc, msg, type}]`, every problem listed. "
        "\n\n**Writes** (POST, PUT, PATCH, DELETE) need a JSON body, and with a session Django's CSRF token, so "
        "that no other web site can write here through your browser. Get the token from the `csrftoken` cookie that any "
        "Dancecard page sets (the site's pages, these docs, or any GET under /api/) and send it back, with the "
        "cookie, in the `X-CSRFToken` header; without it, or from another site, a write is 403 "
        "`{detail, reason, cookie, header}`. The body must be sent as `Content-Type: application/json`, "
        "else 415. These docs send the token by themselves: \"Try it out\" works as it is."
    ),
    urls_namespace="api",
    auth=api_access,
    docs_decorator=login_required,
)

# An id in the path: unknown (or another workspace's) → 404, not an integer → 422.
BY_ID = {404: s.Message, 422: s.Problems}
UNPROCESSABLE = {422: s.Problems}
# Every call passes the guard (api/security.py): 401 without a session or token, 403 when the role does not
# allow it; every write also 403 without the CSRF token (session calls) and 415 without a JSON body, and 400
# when the body does not parse as JSON (ninja's "Cannot parse request body").
GUARDED = {401: s.Message, 403: s.Refusal}
READ_DOCS = {"responses": {
    401: {"description": "Not signed in: no session, and no valid `Authorization: Bearer TOKEN`."},
    403: {"description": "Not a member of any workspace."},
}}
WRITE = {**GUARDED, 400: s.Message, 415: s.Message}
WRITE_DOCS = {"responses": {
    400: {"description": "The body is not valid JSON."},
    401: READ_DOCS["responses"][401],
    403: {"description": "The role does not allow changes (viewers read only), or the CSRF check failed: with the "
                         "session, send the `csrftoken` cookie's value in the `X-CSRFToken` header, from this site "
                         "(see the API description)."},
    415: {"description": "The body was not sent as `Content-Type: application/json`."},
}}


# --- errors ------------------------------------------------------------------


def problem(loc: tuple | list, msg: str, kind: str) -> dict[str, Any]:
    return {"loc": list(loc), "msg": msg, "type": kind}


def unprocessable(*errors: dict[str, Any]) -> ValidationError:
    return ValidationError(list(errors))


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError):
    # ninja puts the body parameter's name in the location (["body", "payload", "name"]);
    # clients care about the field: ["body", "name"].
    errors = []
    for error in exc.errors:
        error = dict(error)
        loc = list(error.get("loc", ()))
        if len(loc) >= 2 and loc[0] == "body" and loc[1] == "payload":
            del loc[1]
        error["loc"] = loc
        errors.append(error)
    return api.create_response(request, {"detail": errors}, status=422)


_PROBLEM = re.compile(r"^'(?P<item>[^']*)': (?P<msg>.*)$", re.DOTALL)


def answer_problems(exc: InvalidAnswers) -> list[dict[str, Any]]:
    """One error per item at fault, located at ["body", "answers", item_id]."""
    if exc.by_item:
        return [problem(("body", "answers", item), msg, "invalid_answer") for item, msg in exc.by_item.items()]
    errors = []
    for text in exc.problems:
        match = _PROBLEM.match(text)
        if match:
            errors.append(problem(("body", "answers", match["item"]), match["msg"], "invalid_answer"))
        else:
            errors.append(problem(("body", "answers"), text, "invalid_answer"))
    return errors


@api.exception_handler(InvalidAnswers)
def invalid_answers(request: HttpRequest, exc: InvalidAnswers):
    return api.create_response(request, {"detail": answer_problems(exc)}, status=422)


@api.exception_handler(UnknownInstrument)
def unknown_instrument(request: HttpRequest, exc: UnknownInstrument):
    return api.create_response(
        request, {"detail": [problem(("body", "instrument"), str(exc), "unknown_instrument")]}, status=422)


@api.exception_handler(AssessmentClosed)
def assessment_closed(request: HttpRequest, exc: AssessmentClosed):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(InstrumentError)
def broken_instrument(request: HttpRequest, exc: InstrumentError):
    # A shipped instrument file that does not load is the server's fault, not the client's.
    return api.create_response(request, {"detail": f"An instrument file is broken: {exc}"}, status=500)


@api.exception_handler(DancecardError)
def dancecard_error(request: HttpRequest, exc: DancecardError):
    return api.create_response(request, {"detail": [problem(("body",), str(exc), "invalid")]}, status=422)


@api.exception_handler(CsrfRefused)
def csrf_refused(request: HttpRequest, exc: CsrfRefused):
    return api.create_response(request, exc.body(), status=403)


@api.exception_handler(NotSignedIn)
def not_signed_in(request: HttpRequest, exc: NotSignedIn):
    response = api.create_response(request, exc.body(), status=401)
    response["WWW-Authenticate"] = 'Bearer realm="dancecard"'
    return response


@api.exception_handler(NoWorkspace)
def no_workspace(request: HttpRequest, exc: NoWorkspace):
    return api.create_response(request, exc.body(), status=403)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or "Not allowed."}, status=403)


@api.exception_handler(StaleEdit)
def stale_edit(request: HttpRequest, exc: StaleEdit):
    return api.create_response(request, {
        "detail": "Someone saved this record after the revision you sent: nothing was changed. "
                  "GET it again, redo your change on what is stored now, and send it with the new revision.",
        "revision": exc.current}, status=409)


@api.exception_handler(NotJson)
def not_json(request: HttpRequest, exc: NotJson):
    return api.create_response(request, exc.body(), status=415)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or "Not found"}, status=404)


# --- instruments -------------------------------------------------------------


def _instrument_summary(instrument: Instrument, latest: bool) -> dict[str, Any]:
    return {
        "name": instrument.name, "version": instrument.version, "key": instrument.key,
        "title": instrument.title, "description": instrument.description, "minutes": instrument.minutes,
        "items": len(instrument.items), "latest": latest,
    }


def _item(item) -> dict[str, Any]:
    return {
        "id": item.id, "factor": item.factor.value, "dimension": item.dimension,
        "dimension_label": load_vocabulary().label(item.dimension),
        "question": item.question, "help": item.help, "kind": item.kind.value, "labels": list(item.labels),
        "options": [{"value": o.value, "label": o.label, "level": o.level} for o in item.options],
        "scale": [{"at": p.at, "level": p.level} for p in item.scale], "unit": item.unit,
        "direction": item.direction.value, "weight": item.weight, "gate": item.gate, "quick": item.quick,
        "part": item.part.value, "pool": item.pool, "asks": item.asks.value,
        "ask_partner": item.ask_partner, "check_in_house": item.check_in_house,
        "source": source_of(item) | {"citation": citation(source_of(item))},
    }


@api.get("/instruments", response={200: list[s.InstrumentSummary], **GUARDED}, tags=["instruments"],
         openapi_extra=READ_DOCS)
def list_instruments(request: HttpRequest):
    """Every shipped instrument version, oldest first within each name."""
    found = available()
    newest = {name: version for name, version, _ in found}  # sorted: the last one per name wins
    return [_instrument_summary(get_instrument(name, version), newest[name] == version)
            for name, version, _ in found]


@api.get("/instruments/{name}", response={200: s.InstrumentOut, 404: s.Message, **GUARDED}, tags=["instruments"],
         openapi_extra=READ_DOCS)
def get_instrument_items(request: HttpRequest, name: str):
    """One instrument with its items: `quick` (the newest version) or `quick@1.0`."""
    try:
        instrument = get_instrument(*parse_key(name))
    except UnknownInstrument as exc:
        raise Http404(str(exc)) from None
    return {
        "name": instrument.name, "version": instrument.version, "key": instrument.key,
        "title": instrument.title, "description": instrument.description, "minutes": instrument.minutes,
        "items": [_item(item) for item in instrument.items],
    }


# --- partners ----------------------------------------------------------------


def _partners(request: HttpRequest):
    return Partner.objects.filter(workspace=request.workspace).prefetch_related("alliances")


@api.get("/partners", response={200: list[s.PartnerOut], **GUARDED}, tags=["partners"], openapi_extra=READ_DOCS)
def list_partners(request: HttpRequest):
    return list(_partners(request))


@api.post("/partners", response={201: s.PartnerOut, **UNPROCESSABLE, **WRITE}, tags=["partners"],
          openapi_extra=WRITE_DOCS)
def create_partner(request: HttpRequest, payload: s.PartnerIn):
    partner = Partner.objects.create(workspace=request.workspace, **payload.dict())
    return Status(201, partner)


@api.get("/partners/{partner_id}", response={200: s.PartnerOut, **BY_ID, **GUARDED}, tags=["partners"],
         openapi_extra=READ_DOCS)
def get_partner(request: HttpRequest, partner_id: int):
    return get_in_workspace(request.access, Partner, partner_id)


@api.patch("/partners/{partner_id}", response={200: s.PartnerOut, **BY_ID, **WRITE, 409: s.Stale},
           tags=["partners"], openapi_extra=WRITE_DOCS)
def update_partner(request: HttpRequest, partner_id: int, payload: s.PartnerPatch):
    """Change any field. Send the `revision` you read to be refused (409) if someone saved in between."""
    partner = get_in_workspace(request.access, Partner, partner_id, need=Permission.EDIT)
    changes = payload.dict(exclude_unset=True)
    revision = changes.pop("revision", None)
    with transaction.atomic():
        claim_revision(partner, revision)
        for field, value in changes.items():
            setattr(partner, field, value)
        partner.save()
    return partner


# --- alliances ---------------------------------------------------------------

FORM_LABELS = dict(form_choices())


def _verdict_summary(assessment: Assessment | None) -> dict[str, Any] | None:
    if assessment is None or not assessment.summary:
        return None
    band = assessment.summary.get("band") or assessment.band
    try:
        label = band_label(Band(band).value)
    except ValueError:
        label = band
    return {
        "assessment_id": assessment.pk, "instrument": assessment.instrument_key, "band": band, "label": label,
        "factors": assessment.summary.get("factors", {}), "completed": assessment.completed,
    }


def _alliance(alliance: Alliance, with_assessments: bool = False) -> dict[str, Any]:
    members = sorted(alliance.members.all(), key=lambda m: (m.partner.name, m.partner_id))
    data = {
        "id": alliance.pk, "name": alliance.name, "purpose": alliance.purpose,
        "form": alliance.form, "form_label": FORM_LABELS.get(alliance.form, alliance.form),
        "stage": alliance.stage, "stage_label": Stage(alliance.stage).label, "iso_stage": alliance.iso_stage,
        "owner": alliance.owner, "consortium": len(members) > 1,
        "partners": [{"id": m.partner_id, "name": m.partner.name, "role": m.role} for m in members],
        "current": _verdict_summary(alliance.current_assessment),
        "created": alliance.created, "updated": alliance.updated, "revision": alliance.revision,
    }
    if with_assessments:
        data["assessments"] = list(visible(alliance.assessments.all()).order_by("-created", "-pk"))
    return data


def _alliances(request: HttpRequest):
    return (Alliance.objects.filter(workspace=request.workspace)
            .select_related("current_assessment")
            .prefetch_related("members__partner"))


def _partners_in_workspace(request: HttpRequest, partner_ids: list[int]) -> list[Partner]:
    """The partners, in the order given (duplicates dropped); 422 naming each id not in this workspace."""
    wanted = list(dict.fromkeys(partner_ids))
    found = Partner.objects.filter(workspace=request.workspace, pk__in=wanted).in_bulk()
    missing = [(index, pk) for index, pk in enumerate(partner_ids) if pk not in found]
    if missing:
        raise unprocessable(*(
            problem(("body", "partner_ids", index), f"No partner with id {pk} in this workspace.", "unknown_partner")
            for index, pk in missing))
    return [found[pk] for pk in wanted]


def _set_partners(alliance: Alliance, partners: list[Partner]) -> None:
    keep = {p.pk for p in partners}
    alliance.members.exclude(partner_id__in=keep).delete()
    present = set(alliance.members.values_list("partner_id", flat=True))
    AllianceMember.objects.bulk_create([
        AllianceMember(workspace=alliance.workspace, alliance=alliance, partner=p)
        for p in partners if p.pk not in present
    ])


@api.get("/alliances", response={200: list[s.AllianceOut], **UNPROCESSABLE, **GUARDED}, tags=["alliances"],
         openapi_extra=READ_DOCS)
def list_alliances(request: HttpRequest, stage: Query[s.StageValue | None] = None):  # type: ignore[valid-type]
    """The workspace's alliances by name; `?stage=active` keeps one pipeline stage."""
    alliances = _alliances(request)
    if stage:
        alliances = alliances.filter(stage=stage)
    return [_alliance(a) for a in alliances]


@api.post("/alliances", response={201: s.AllianceDetail, **UNPROCESSABLE, **WRITE}, tags=["alliances"],
          openapi_extra=WRITE_DOCS)
def create_alliance(request: HttpRequest, payload: s.AllianceIn):
    data = payload.dict()
    partners = _partners_in_workspace(request, data.pop("partner_ids"))
    with transaction.atomic():
        alliance = Alliance.objects.create(workspace=request.workspace, **data)
        _set_partners(alliance, partners)
    return Status(201, _alliance(_alliances(request).get(pk=alliance.pk), with_assessments=True))


@api.get("/alliances/{alliance_id}", response={200: s.AllianceDetail, **BY_ID, **GUARDED}, tags=["alliances"],
         openapi_extra=READ_DOCS)
def get_alliance(request: HttpRequest, alliance_id: int):
    """The alliance, its partners, its ISO 44001 stage, its current verdict and every assessment, newest first."""
    get_in_workspace(request.access, Alliance, alliance_id)
    return _alliance(_alliances(request).get(pk=alliance_id), with_assessments=True)


@api.patch("/alliances/{alliance_id}", response={200: s.AllianceDetail, **BY_ID, **WRITE, 409: s.Stale},
           tags=["alliances"], openapi_extra=WRITE_DOCS)
def update_alliance(request: HttpRequest, alliance_id: int, payload: s.AlliancePatch):
    """Change any field; `partner_ids` replaces the partners (assessments about a removed partner are kept).
    Send the `revision` you read to be refused (409) if someone saved in between."""
    alliance = get_in_workspace(request.access, Alliance, alliance_id, need=Permission.EDIT)
    changes = payload.dict(exclude_unset=True)
    revision = changes.pop("revision", None)
    partner_ids = changes.pop("partner_ids", None)
    partners = _partners_in_workspace(request, partner_ids) if partner_ids is not None else None
    with transaction.atomic():
        claim_revision(alliance, revision)
        for field, value in changes.items():
            setattr(alliance, field, value)
        alliance.save()
        if partners is not None:
            _set_partners(alliance, partners)
    return _alliance(_alliances(request).get(pk=alliance.pk), with_assessments=True)


# --- assessments -------------------------------------------------------------


def _assessment(assessment: Assessment) -> Assessment:
    # A draft (started in the web pages) is scored on its answers as they stand.
    assessment.result = services.score(assessment)
    return assessment


@api.get("/alliances/{alliance_id}/assessments", response={200: list[s.AssessmentSummary], **BY_ID, **GUARDED},
         tags=["assessments"], openapi_extra=READ_DOCS)
def list_assessments(request: HttpRequest, alliance_id: int):
    """The alliance's assessments, newest first, without the full results."""
    alliance = get_in_workspace(request.access, Alliance, alliance_id)
    return list(visible(alliance.assessments.all()).order_by("-created", "-pk"))


@api.post("/alliances/{alliance_id}/assessments",
          response={201: s.AssessmentOut, **BY_ID, **WRITE}, tags=["assessments"], openapi_extra=WRITE_DOCS)
def create_assessment(request: HttpRequest, alliance_id: int, payload: s.AssessmentIn):
    """Answer an instrument and score it in one step; it becomes the alliance's current assessment.

    Invalid answers: 422 listing every problem at ["body", "answers", item_id]; nothing is stored.
    """
    alliance = get_in_workspace(request.access, Alliance, alliance_id, need=Permission.EDIT)
    partner = None
    if payload.partner_id is not None:
        partner = alliance.partners.filter(pk=payload.partner_id).first()
        if partner is None:
            raise unprocessable(problem(("body", "partner_id"),
                                        f"Partner {payload.partner_id} is not a partner in this alliance.",
                                        "unknown_partner"))
    assessment = services.assess_now(alliance, payload.instrument, payload.answers,
                                     respondent=payload.respondent, partner=partner)
    return Status(201, assessment)


@api.get("/assessments/{assessment_id}", response={200: s.AssessmentOut, **BY_ID, **GUARDED}, tags=["assessments"],
         openapi_extra=READ_DOCS)
def get_assessment(request: HttpRequest, assessment_id: int):
    """One assessment with its result: the stored one once complete, else scored on the answers so far.

    A team member's unsubmitted answers are private: 404, as on the pages."""
    assessment = get_in_workspace(request.access, Assessment, assessment_id)
    if is_private_draft(assessment):
        raise Http404("A respondent's answers stay private until they submit")
    return _assessment(assessment)



api.add_router("", "dancecard.api.life.router")  # an alliance's life (api/life.py)
api.add_router("", "dancecard.api.cohort.router")  # a programme's cohort (api/cohort.py)
