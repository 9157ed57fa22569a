"""An alliance's trends, for its page and its brief: the three factors from its completed assessments of
the whole alliance, and each side's health from its closed health checks.

The same records, read the same way, as the signals "risk getting worse" and "health getting worse"
(tracking/life.py): assessments about one partner of a consortium and a team member's own answers
are left out. The drawing is charts/trends.py's. Two queries."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.safestring import mark_safe

from dancecard.assessments.models import Assessment, Status
from dancecard.charts.trends import render_factor_trend, render_health_trend
from dancecard.core.signals import load_signal_rules
from dancecard.tracking.models import HealthCheck


def factor_points(alliance) -> list[dict[str, Any]]:
    rows = (Assessment.objects.filter(alliance=alliance, status=Status.COMPLETE, partner__isnull=True,
                                      respondent_of__isnull=True)
            .order_by("completed", "pk").values("completed", "summary"))
    return [{"date": timezone.localdate(row["completed"]), "factors": (row["summary"] or {}).get("factors", {})}
            for row in rows if row["completed"] is not None]


def health_points(alliance) -> list[dict[str, Any]]:
    rows = (HealthCheck.objects.filter(alliance=alliance, closed__isnull=False)
            .order_by("closed", "pk").values("closed", "ours", "partner"))
    return [{"date": row["closed"], "ours": row["ours"], "partner": row["partner"]} for row in rows]


def _threshold(code: str) -> float | None:
    rule = load_signal_rules().rule(code)
    return rule.threshold if rule is not None else None


def trends(alliance, compact: bool = False) -> dict[str, Any]:
    """Both charts (SVG text, safe to insert), how many points each rests on, and the rises and falls
    between two points that the signals warn of (the signal rules' thresholds)."""
    factors, health = factor_points(alliance), health_points(alliance)
    return {
        "factors": mark_safe(render_factor_trend(factors, compact=compact)),
        "health": mark_safe(render_health_trend(health, compact=compact)),
        "assessments": len(factors),
        "checks": len(health),
        "risk_rising": _threshold("risk_rising"),
        "health_declining": _threshold("health_declining"),
    }
