"""Verb functions for partners and alliances."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, ProtectedError
from simple_history.utils import bulk_create_with_history

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
    # With history: the alliance's history page shows each partner joining (and leaving, above).
    bulk_create_with_history(
        [AllianceMember(workspace_id=alliance.workspace_id, alliance=alliance, partner=p)
         for p in partners if p.pk not in existing],
        AllianceMember,
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


class PartnerInUse(Exception):
    """A partner that alliances (or assessments, contacts...) still use is not deleted."""

    def __init__(self, partner: Partner, uses: dict[str, int]):
        super().__init__(f"{partner.name} is still used: {uses}.")
        self.partner = partner
        self.uses = uses


def partner_uses(partner: Partner) -> dict[str, int]:
    """What still points at the partner, by kind ("alliances", "assessments", ...): one count per kind.

    Read from the model's relations, so a new kind of record about partners blocks deletion too: memberships
    PROTECT it, and the others (SET_NULL) would lose it beyond what undoing the deletion brings back."""
    uses = {}
    for relation in Partner._meta.related_objects:
        if relation.many_to_many:
            continue  # Alliance.partners goes through AllianceMember, counted as alliances below
        rows = relation.related_model._base_manager.filter(**{relation.field.name: partner})
        if relation.related_model is AllianceMember:
            uses["alliances"] = rows.values("alliance_id").distinct().count()
        else:
            uses[str(relation.related_model._meta.verbose_name_plural)] = rows.count()
    return {kind: n for kind, n in uses.items() if n}


@transaction.atomic
def delete_partner(partner: Partner, change_reason: str = "") -> None:
    """Delete a partner nothing uses any more (PartnerInUse otherwise, changing nothing).

    Its history keeps it, so the deletion can be undone (history.undo)."""
    Partner.objects.select_for_update().filter(pk=partner.pk).first()  # no membership can slip in meanwhile
    uses = partner_uses(partner)
    if uses:
        raise PartnerInUse(partner, uses)
    if change_reason:
        partner._change_reason = change_reason  # type: ignore[attr-defined]
    try:
        partner.delete()
    except ProtectedError:  # a membership made between the count and the delete
        raise PartnerInUse(partner, partner_uses(partner)) from None
