"""Verb functions for partners and alliances."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

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


class StaleEdit(Exception):
    """Someone saved the record after this edit began: the edit is refused whole (409), nothing is lost."""

    def __init__(self, current: int):
        super().__init__(f"Saved by someone else since you opened it (now revision {current}).")
        self.current = current


def claim_revision(instance: Partner | Alliance, expected: int | None) -> None:
    """Inside the edit's transaction: refuse with StaleEdit unless the stored revision is still `expected`,
    and move it on. The conditional UPDATE decides, so two saves of the same revision cannot both pass.
    `expected` None (an API call that does not say) skips the check but still moves the revision on."""
    rows = type(instance).objects.filter(pk=instance.pk)
    if expected is not None:
        rows = rows.filter(revision=expected)
    if not rows.update(revision=F("revision") + 1):
        raise StaleEdit(type(instance).objects.values_list("revision", flat=True).get(pk=instance.pk))
    instance.revision = type(instance).objects.values_list("revision", flat=True).get(pk=instance.pk)
