"""Request and response shapes of the JSON API (pydantic, through ninja's Schema).

Inputs forbid unknown fields, so a misspelt field is a 422 naming it rather
than silently ignored. Choice fields list their allowed values in the OpenAPI
document. PATCH bodies: a field left out is unchanged; a field that cannot be
empty (a name, a stage) refuses an explicit null.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from dancecard.core.text import text_problem
from dancecard.portfolio.models import form_choices
from dancecard.portfolio.stages import Autonomy, Proximity, Stage


def _literal(values):
    return Literal[tuple(values)]  # type: ignore[valid-type]


StageValue = _literal(Stage.values)
FormValue = _literal(key for key, _ in form_choices())
AutonomyValue = _literal(Autonomy.values)
ProximityValue = _literal(Proximity.values)


def _clean_text(multiline: bool):
    def check(value: str) -> str:
        problem = text_problem(value, multiline=multiline)
        if problem:
            raise ValueError(f"the text {problem}")
        return value

    return AfterValidator(check)


def Text(max_length: int | None = None, *, required: bool = False):  # noqa: N802 - a type factory
    """A string, trimmed; `required` ones must not be empty after trimming. Control and invisible
    formatting characters are refused (core/text.py); unbounded texts (notes) may span lines."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1 if required else 0,
                                            max_length=max_length), _clean_text(multiline=max_length is None)]


Name = Text(200, required=True)

# Whole numbers are strict: JSON true/false or "5" are refused, not read as 1/0/5 (pydantic's lax mode would).
# A database id: positive and within a 64-bit integer (larger ones overflow SQLite).
Id = Annotated[int, Field(ge=1, le=2**63 - 1, strict=True)]


class In(Schema):
    model_config = ConfigDict(extra="forbid")


# --- instruments -------------------------------------------------------------


class SourceOut(Schema):
    seed: str
    section: str
    citation: str


class OptionOut(Schema):
    value: str
    label: str
    level: float


class ScalePointOut(Schema):
    at: float
    level: float


class ItemOut(Schema):
    id: str
    factor: str
    dimension: str
    dimension_label: str
    question: str
    help: str
    kind: str
    labels: list[str]
    options: list[OptionOut]
    scale: list[ScalePointOut]
    unit: str
    direction: str
    weight: float
    gate: bool
    quick: bool
    part: str = Field(description="where the item counts: market, to_mnc, to_sme, exposure or safeguard")
    pool: str | None = Field(description="items sharing a pool count once, by their strongest answer")
    asks: str = Field(description="who answers an unknown: partner or in_house")
    ask_partner: str = Field(description="the question to put to the partner (partner items)")
    check_in_house: str = Field(description="the check to make inside the SME (in-house items)")
    source: SourceOut


class InstrumentSummary(Schema):
    name: str
    version: str
    key: str = Field(description="name@version, as stored with every assessment")
    title: str
    description: str
    minutes: int
    items: int = Field(description="number of items")
    latest: bool = Field(description="the newest version of this instrument")


class InstrumentOut(Schema):
    name: str
    version: str
    key: str
    title: str
    description: str
    minutes: int
    items: list[ItemOut]


# --- partners ----------------------------------------------------------------


class PartnerFields(In):
    headquarters_country: Text(100) = ""
    sector: Text(200) = ""
    subsidiary: Text(200) = Field("", description="The unit you deal with, e.g. 'Microsoft India, Bangalore'.")
    subsidiary_mandate: Text() = ""
    autonomy: AutonomyValue = Field("", description="Subsidiary autonomy; empty: not known.")
    revenues_musd: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=1)] | None = Field(
        None, description="Revenues in USD millions, one decimal.")
    employees: Annotated[int, Field(ge=0, le=2_147_483_647, strict=True)] | None = None
    founded: Annotated[int, Field(ge=1000, le=2100, strict=True)] | None = None
    proximity: ProximityValue = Field("", description="Distance from us; empty: not known.")
    internal_politics: Text() = ""
    notes: Text() = ""


class PartnerIn(PartnerFields):
    name: Name


class PartnerPatch(PartnerFields):
    # Defaults are not validated: a field left out stays None and is skipped (exclude_unset);
    # an explicit null for a text or choice field is refused.
    name: Name = None  # type: ignore[assignment]
    headquarters_country: Text(100) = None  # type: ignore[assignment]
    sector: Text(200) = None  # type: ignore[assignment]
    subsidiary: Text(200) = None  # type: ignore[assignment]
    subsidiary_mandate: Text() = None  # type: ignore[assignment]
    autonomy: AutonomyValue = None  # type: ignore[assignment]
    proximity: ProximityValue = None  # type: ignore[assignment]
    internal_politics: Text() = None  # type: ignore[assignment]
    notes: Text() = None  # type: ignore[assignment]
    revision: int | None = Field(None, ge=0, strict=True, description=(
        "The revision this change was made from (from a GET). If the record has been saved since, the change "
        "is refused with 409 and nothing is changed; left out, the change applies to whatever is stored."))


class Ref(Schema):
    id: int
    name: str


class PartnerOut(Schema):
    id: int
    name: str
    headquarters_country: str
    sector: str
    subsidiary: str
    subsidiary_mandate: str
    autonomy: str
    revenues_musd: float | None
    employees: int | None
    founded: int | None
    proximity: str
    internal_politics: str
    notes: str
    alliances: list[Ref]
    created: datetime
    updated: datetime
    revision: int = Field(description="Raised by every change; send it back with a PATCH to refuse overwriting another's change.")

    @staticmethod
    def resolve_alliances(obj) -> list[dict[str, Any]]:
        return [{"id": a.pk, "name": a.name} for a in obj.alliances.all()]


# --- alliances ---------------------------------------------------------------

PartnerIds = Annotated[list[Id], Field(min_length=1, description="Ids of partners in this workspace; at least one.")]


class AllianceIn(In):
    name: Name
    purpose: Text(required=True) = Field(description="What the SME wants from it: the market need it serves.")
    partner_ids: PartnerIds
    form: FormValue = Field("", description="The alliance structure; empty: not decided.")
    stage: StageValue = Stage.PROSPECT.value
    owner: Text(200) = Field("", description="The person in your firm who runs this alliance.")


class AlliancePatch(In):
    name: Name = None  # type: ignore[assignment]
    purpose: Text(required=True) = None  # type: ignore[assignment]
    partner_ids: PartnerIds = Field(None, description="Replaces the alliance's partners.")  # type: ignore[assignment]
    form: FormValue = None  # type: ignore[assignment]
    stage: StageValue = None  # type: ignore[assignment]
    owner: Text(200) = None  # type: ignore[assignment]
    revision: int | None = Field(None, ge=0, strict=True, description=(
        "The revision this change was made from (from a GET). If the record has been saved since, the change "
        "is refused with 409 and nothing is changed; left out, the change applies to whatever is stored."))


class FactorSummary(Schema):
    score: float | None
    low: float | None
    high: float | None
    coverage: float


class AssessmentSummary(Schema):
    id: int
    alliance_id: int
    partner_id: int | None
    instrument: str = Field(description="name@version")
    status: str
    respondent: str
    band: str = Field(description="the verdict band once complete, else empty")
    factors: dict[str, FactorSummary] | None
    created: datetime
    completed: datetime | None

    @staticmethod
    def resolve_instrument(obj) -> str:
        return obj.instrument_key

    @staticmethod
    def resolve_factors(obj) -> dict[str, Any] | None:
        return (obj.summary or {}).get("factors")


class VerdictSummary(Schema):
    assessment_id: int
    instrument: str
    band: str
    label: str
    factors: dict[str, FactorSummary]
    completed: datetime | None


class MemberOut(Schema):
    id: int
    name: str
    role: str


class AllianceOut(Schema):
    id: int
    name: str
    purpose: str
    form: str
    form_label: str
    stage: str
    stage_label: str
    iso_stage: str
    owner: str
    consortium: bool
    partners: list[MemberOut]
    current: VerdictSummary | None = Field(description="the verdict of the alliance's current (latest completed) assessment")
    created: datetime
    updated: datetime
    revision: int = Field(description="Raised by every change; send it back with a PATCH to refuse overwriting another's change.")


class AllianceDetail(AllianceOut):
    assessments: list[AssessmentSummary]


# --- assessments -------------------------------------------------------------


class AssessmentIn(In):
    instrument: Text(60, required=True) = Field("quick", description='"quick", "full" or a version: "quick@1.0"')
    answers: dict[str, Any] = Field(description=(
        "item id → answer: a likert point 1–5, yes/no, an option value, a list of option values, a number, "
        '"dont_know" (or null), or {value, note, evidence}.'))
    respondent: Text(200) = ""
    partner_id: Id | None = Field(None, description="For a consortium: the partner this assessment is about.")


class AssessmentOut(AssessmentSummary):
    result: dict[str, Any] = Field(description=(
        "the dancecard.result/2 document: codes and numbers (see docs/result.md); results stored before model 2 "
        "are dancecard.result/1 documents"))


# --- errors ------------------------------------------------------------------


class ErrorItem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class Stale(Schema):
    """409: the record was saved by someone else after the revision the change was made from."""

    detail: str
    revision: int = Field(description="The revision now stored: GET the record, redo the change, send it again.")


class Problems(Schema):
    detail: list[ErrorItem]


class Message(Schema):
    detail: str


class Refusal(Message):
    """A request refused (403): the caller's role does not allow it, they belong to no workspace, or a
    write failed the CSRF check — then with the reason and how to get a token."""

    reason: str | None = Field(None, description="CSRF refusals: Django's reason, e.g. 'CSRF token missing.'")
    cookie: str | None = Field(None, description="CSRF refusals: the cookie that holds the token: csrftoken.")
    header: str | None = Field(None, description="CSRF refusals: the header to send the token back in: X-CSRFToken.")
