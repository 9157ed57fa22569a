"""A programme's cohort in the JSON API: the same figures as its cohort page, under the same disclosure rule.

Mounted on the API by routes.py. Its operations answer only a programme's staff (managers and
analysts), with their session or a personal API token made in the programme's workspace; in a
firm's workspace they are 404, as the programme's pages are (`programme_api_access`).

The document is codes and numbers (programmes/cohort/document.py), the one `dancecard cohort
--format json` prints: every cell with its state ("shown"; "suppressed": fewer than `min_firms`
firms; "empty": no data), a value and a firm count only when shown.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

router = Router()

from dancecard.api.routes import GUARDED  # noqa: E402
from dancecard.api.schemas import Message  # noqa: E402
from dancecard.api.security import programme_api_access  # noqa: E402
from dancecard.programmes.cohort.document import cohort_document  # noqa: E402
from dancecard.programmes.cohort.facts import cohort_for  # noqa: E402

PROGRAMME_DOCS = {"responses": {
    401: {"description": "Not signed in: no session, and no valid `Authorization: Bearer TOKEN`."},
    403: {"description": "Not a member of any workspace."},
    404: {"description": "The workspace is not a programme's (a firm's workspace has no cohort)."},
}}


class CellOut(Schema):
    key: str = Field(description="The figure's code: a stage, a status, a verdict band, a sector, a signal, or 'total'.")
    state: Literal["shown", "suppressed", "empty"] = Field(
        description="shown; suppressed: fewer than `min_firms` firms (or hidden so that another cannot be worked "
                    "out from the totals); empty: no data.")
    value: int | None = Field(None, description="The count, only when shown (0 when empty).")
    firms: int | None = Field(None, description="The distinct firms it rests on, only when shown (0 when empty).")


class RowOut(Schema):
    key: str
    cells: list[CellOut]
    total: CellOut | None = None


class SourceOut(Schema):
    seed: str
    section: str


class HelpOut(Schema):
    key: str = Field(description="The help rule (data/cohort/help-VERSION.toml).")
    strategy: str = Field(description="The vocabulary term of the strategy or countermeasure that answers it.")
    row: RowOut = Field(description="Firms affected and unaffected; total: firms with an alliance.")
    share: float | None = Field(None, description="Affected firms' share of the total, when both are shown.")
    source: SourceOut


class CohortOut(Schema):
    min_firms: int = Field(description="k: a figure shows only when it rests on at least this many firms.")
    members: CellOut
    named: int = Field(description="Member firms that show their alliances by name.")
    funnel: RowOut
    reached: dict[str, CellOut]
    formal_share: float | None = None
    alliances_by_stage: RowOut
    alliances_by_sector: RowOut
    verdicts: RowOut
    barriers: list[RowOut]
    motives: list[RowOut]
    strategies: list[RowOut]
    networking: RowOut
    signals: RowOut
    help: list[HelpOut]


class NamedAllianceOut(Schema):
    firm: str
    alliance: str
    stage: str
    band: str | None = None
    signals: list[str]


class CohortDocument(Schema):
    on: date
    cohort: CohortOut
    named: list[NamedAllianceOut] = Field(
        description="Only the alliances of firms that agreed to show them by name: never anything else of theirs.")


@router.get("/programme/cohort", response={200: CohortDocument, 404: Message, **GUARDED}, tags=["programme"],
            auth=programme_api_access, openapi_extra=PROGRAMME_DOCS)
def programme_cohort(request: HttpRequest):
    """The programme's cohort: firms by the furthest stage reached, the funnel, alliances by stage and sector,
    verdicts, the 5A barriers, motives, strategies, networking types, open warnings and where the programme could
    help most; every figure under each member firm's consent and the disclosure rule. A programme's staff only."""
    return cohort_document(cohort_for(request.access))
