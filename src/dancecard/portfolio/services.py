"""Verb functions for partners and alliances."""

from __future__ import annotations

from django.db import transaction

from dancecard.portfolio.models import Alliance, AllianceMember, Partner


@transaction.atomic
def save_alliance(alliance: Alliance, partners: list[Partner]) -> Alliance:
    """Save an alliance and make its membership exactly the given partners (all of its workspace)."""
    if any(p.workspace_id != alliance.workspace_id for p in partners):
        raise ValueError("Every partner must belong to the alliance's workspace.")
    alliance.save()
    wanted = {p.pk for p in partners}
    alliance.members.exclude(partner_id__in=wanted).delete()
    existing = set(alliance.members.values_list("partner_id", flat=True))
    AllianceMember.objects.bulk_create(
        AllianceMember(workspace_id=alliance.workspace_id, alliance=alliance, partner=p)
        for p in partners if p.pk not in existing
    )
    return alliance
