"""Compare: alliances (or candidate partners) side by side, and a TOPSIS ranking with adjustable weights.

The page makes the same number of queries however many are compared: one for the list to
choose from, one (plus one prefetch) for the chosen. Every query is filtered by the
request's workspace; an id from another workspace is simply not found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, Subquery
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from dancecard.assessments.models import Assessment, Status
from dancecard.compare import ranking as mcdm
from dancecard.portfolio.models import Alliance, AllianceMember, Partner

MAX_COMPARED = 30
SLIDER_DEFAULT = 50

PARTNER_RULE = (
    "A partner's scores are those of its most recent completed assessment: either one made "
    "about this partner, or the current assessment of an alliance it belongs to (for a "
    "consortium, the assessment of the whole alliance, never one made about another member)."
)


@dataclass
class Column:
    """One alliance or partner, as compared."""

    id: int
    name: str
    url: str
    summary: dict[str, Any] | None
    band: str = ""
    detail: str = ""  # a line under the name: partners, or the assessment the scores come from
    stage: str = ""
    source_url: str = ""

    @property
    def assessed(self) -> bool:
        return bool(self.summary and self.summary.get("factors"))

    def scores(self) -> dict[str, Any]:
        factors = (self.summary or {}).get("factors") or {}
        return {key: (factors.get(key) or {}).get("score") for key in mcdm.KEYS}


# --------------------------------------------------------------------------- input


def _param(request, key: str) -> str | None:
    if request.method == "POST" and key in request.POST:
        return request.POST.get(key)
    return request.GET.get(key)


def _ids(request) -> tuple[list[int], int]:
    """The chosen ids, in order, without duplicates; and how many values were not ids at all."""
    raw = request.POST.getlist("ids") if request.method == "POST" and "ids" in request.POST else request.GET.getlist("ids")
    ids: list[int] = []
    bad = 0
    for value in raw:
        for part in str(value).split(","):
            part = part.strip()
            if not part:
                continue
            try:
                number = int(part)
            except ValueError:
                bad += 1
                continue
            if 0 < number < 2**63 and number not in ids:
                ids.append(number)
            elif number not in ids:
                bad += 1
    return ids, bad


def _sliders(request) -> dict[str, str]:
    """What to show in the sliders: the posted value when it is a usable number, else the default."""
    values = {}
    for criterion in mcdm.CRITERIA:
        raw = _param(request, criterion.key)
        try:
            number = float(raw) if raw not in (None, "") else SLIDER_DEFAULT
        except ValueError:
            number = SLIDER_DEFAULT
        values[criterion.key] = f"{min(100, max(0, number)):g}" if number == number else str(SLIDER_DEFAULT)
    return values


# --------------------------------------------------------------------------- sources


def _alliance_choices(workspace) -> list[dict[str, Any]]:
    rows = (Alliance.objects.filter(workspace=workspace)
            .select_related("current_assessment")
            .only("id", "name", "stage", "current_assessment__id", "current_assessment__band")
            .order_by("name", "pk"))
    return [{"id": a.pk, "name": a.name, "stage": a.get_stage_display(),
             "band": a.current_assessment.band if a.current_assessment else ""} for a in rows]


def _alliance_columns(workspace, ids: list[int]) -> list[Column]:
    alliances = (Alliance.objects.filter(workspace=workspace, pk__in=ids)
                 .select_related("current_assessment")
                 .defer("current_assessment__result", "current_assessment__answers")
                 .prefetch_related("partners"))
    columns = []
    for alliance in alliances:
        current = alliance.current_assessment
        partners = [p.name for p in alliance.partners.all()]
        detail = ", ".join(partners) + (" · consortium" if len(partners) > 1 else "")
        columns.append(Column(
            id=alliance.pk, name=alliance.name, url=alliance.get_absolute_url(),
            summary=current.summary if current else None, band=current.band if current else "",
            detail=detail, stage=alliance.get_stage_display(),
            source_url=current.get_absolute_url() if current else "",
        ))
    return columns


def _partner_source_ids(workspace):
    """Partners of the workspace annotated with the id of the assessment their scores come from."""
    via_alliance = AllianceMember.objects.filter(
        workspace=workspace, partner=OuterRef(OuterRef("pk")), alliance__current_assessment__isnull=False,
    ).values("alliance__current_assessment")
    latest = (Assessment.objects
              .filter(workspace=workspace, status=Status.COMPLETE)
              .filter(Q(partner=OuterRef("pk")) | (Q(pk__in=via_alliance)
                                                   & (Q(partner__isnull=True) | Q(partner=OuterRef("pk")))))
              .order_by("-completed", "-pk")
              .values("pk")[:1])
    return Partner.objects.filter(workspace=workspace).annotate(source_id=Subquery(latest))


def _partner_data(workspace, ids: list[int] | None):
    """(choices, columns): one query for the partners, one for the assessments their scores come from."""
    partners = list(_partner_source_ids(workspace).only("id", "name", "sector", "headquarters_country")
                    .order_by("name", "pk"))
    sources = {a.pk: a for a in (Assessment.objects
                                 .filter(workspace=workspace, pk__in=[p.source_id for p in partners if p.source_id])
                                 .select_related("alliance")
                                 .only("id", "band", "summary", "completed", "status", "instrument_name",
                                       "instrument_version", "partner_id", "alliance__id", "alliance__name"))}
    choices = []
    by_id = {}
    for p in partners:
        source = sources.get(p.source_id)
        choices.append({"id": p.pk, "name": p.name,
                        "stage": " · ".join(x for x in (p.sector, p.headquarters_country) if x),
                        "band": source.band if source else ""})
        if source:
            about = "about this partner" if source.partner_id == p.pk else "the whole alliance"
            when = f", {source.completed:%d %b %Y}" if source.completed else ""
            detail = f"Scores from {source.alliance.name} ({about}){when}"
        else:
            detail = "No completed assessment yet"
        by_id[p.pk] = Column(
            id=p.pk, name=p.name, url=p.get_absolute_url(),
            summary=source.summary if source else None, band=source.band if source else "",
            detail=detail, stage=choices[-1]["stage"],
            source_url=source.get_absolute_url() if source else "",
        )
    return choices, [by_id[i] for i in (ids or []) if i in by_id]


# --------------------------------------------------------------------------- page


def _factor_rows(columns: list[Column]) -> list[dict[str, Any]]:
    rows = []
    for criterion in mcdm.CRITERIA:
        cells = []
        for column in columns:
            factor = ((column.summary or {}).get("factors") or {}).get(criterion.key) or {}
            cells.append(factor)
        rows.append({"criterion": criterion, "cells": cells})
    return rows


def _ranking_context(columns: list[Column], request, nouns: str) -> dict[str, Any]:
    raw = {c.key: _param(request, c.key) for c in mcdm.CRITERIA}
    weights, errors = mcdm.parse_weights(raw, default=SLIDER_DEFAULT)
    not_assessed = [mcdm.Excluded(c.id, c.name, "not assessed yet") for c in columns if not c.assessed]
    alternatives = [{"id": c.id, "name": c.name, **c.scores()} for c in columns if c.assessed]
    context: dict[str, Any] = {"weight_errors": errors, "not_assessed": not_assessed, "ranking": None,
                               "sweeps": [], "shares": {}, "excluded": []}
    if errors:
        return context
    result = mcdm.rank(alternatives, weights)
    if not result.ok:
        result.error = (f"Choose at least two {nouns} to rank them." if len(columns) < 2 else
                        "Fewer than two of the chosen have a completed assessment with a score on all three "
                        "factors, so there is nothing to rank yet.")
    names = {c.id: c for c in columns}
    context["ranking"] = result
    context["ranked"] = [{"row": row, "column": names[row.id]} for row in result.rows]
    labels = {c.key: c.short for c in mcdm.CRITERIA}
    context["excluded"] = [{"name": e.name, "reason": e.reason, "missing": ", ".join(labels[k] for k in e.missing)}
                           for e in not_assessed + result.excluded]
    context["shares"] = result.weights
    if result.ok:
        order = [row.id for row in result.rows]
        sweeps = []
        for sweep in mcdm.sensitivity(alternatives, weights):
            sweeps.append({
                "sweep": sweep,
                "weights": [step.weight for step in sweep.steps],
                "rows": [{"column": names[i], "ranks": [step.ranks[i] for step in sweep.steps]} for i in order],
            })
        context["sweeps"] = sweeps
    return context


@require_http_methods(["GET", "POST"])
def compare(request):
    return _compare(request, "alliances")


@require_http_methods(["GET", "POST"])
def compare_partners(request):
    return _compare(request, "partners")


def _compare(request, mode: str):
    workspace = request.workspace
    ids, bad = _ids(request)
    too_many = len(ids) > MAX_COMPARED
    ids = ids[:MAX_COMPARED]
    if mode == "partners":
        choices, columns = _partner_data(workspace, ids)
    else:
        choices = _alliance_choices(workspace)
        found = {c.id: c for c in _alliance_columns(workspace, ids)} if ids else {}
        columns = [found[i] for i in ids if i in found]
    ignored = bad + len(ids) - len(columns)
    chosen = {c.id for c in columns}
    for choice in choices:
        choice["checked"] = choice["id"] in chosen
    context = {
        "nav": "compare", "mode": mode, "choices": choices, "columns": columns, "ids": [c.id for c in columns],
        "ignored": ignored, "too_many": too_many, "max_compared": MAX_COMPARED,
        "factor_rows": _factor_rows(columns), "criteria": mcdm.CRITERIA,
        "partner_rule": PARTNER_RULE, "action": reverse("compare_partners" if mode == "partners" else "compare"),
        "noun": "partner" if mode == "partners" else "alliance",
        "nouns": "partners" if mode == "partners" else "alliances",
    }
    if columns:
        context.update(_ranking_context(columns, request, context["nouns"]))
    values, shares = _sliders(request), context.get("shares") or {}
    context["sliders"] = [{"criterion": c, "value": values[c.key], "share": shares.get(c.key)} for c in mcdm.CRITERIA]
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        context["oob"] = True
        response = render(request, "compare/_ranking.html", context)
    else:
        response = render(request, "compare/compare.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
