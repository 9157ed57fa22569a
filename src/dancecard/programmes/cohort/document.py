"""The cohort as one JSON document, codes and numbers: what the API answers and `dancecard cohort --format json` prints.

The figures are core/cohort.py's `to_builtins` (already under the disclosure rule); the named
alliances only those of firms that agreed to show them by name, and of them only the firm's name,
the alliance's name, its stage, its verdict band and its open warnings (codes).
"""

from __future__ import annotations

from typing import Any

from dancecard.core.cohort import to_builtins
from dancecard.programmes.cohort.facts import CohortView


def named_alliances(view: CohortView) -> list[dict[str, Any]]:
    return [{"firm": a.firm, "alliance": a.alliance, "stage": a.stage, "band": a.band, "signals": list(a.signals)}
            for a in view.named]


def cohort_document(view: CohortView) -> dict[str, Any]:
    return {"on": view.on.isoformat() if view.on else None, "cohort": to_builtins(view.cohort),
            "named": named_alliances(view)}
