"""Deleting an alliance keeps its export, so the deletion can be undone whole."""

from __future__ import annotations

import msgspec
from django.db import transaction

from dancecard.exchange.exporting import export_alliance
from dancecard.exchange.importing import ImportSummary, import_document, read_document
from dancecard.exchange.models import DeletedAlliance
from dancecard.portfolio.models import Alliance

KEEP_DELETED = 50  # per workspace; older ones are gone for good (an export is the long-term backup)
KEPT_REASON = "kept {pk}"  # the deleted alliance's history record names its DeletedAlliance


@transaction.atomic
def delete_alliance(alliance: Alliance) -> DeletedAlliance:
    """Remove the alliance with its assessments and rounds; its partners stay."""
    document = msgspec.to_builtins(export_alliance(alliance))
    kept = DeletedAlliance.objects.create(workspace=alliance.workspace, name=alliance.name, document=document)
    # The alliance's history records where it is kept, so undoing the deletion there restores this copy.
    alliance._change_reason = KEPT_REASON.format(pk=kept.pk)  # type: ignore[attr-defined]
    alliance.delete()
    old = DeletedAlliance.objects.filter(workspace=alliance.workspace).values_list("pk", flat=True)[KEEP_DELETED:]
    DeletedAlliance.objects.filter(pk__in=list(old)).delete()
    return kept


@transaction.atomic
def restore_alliance(deleted: DeletedAlliance) -> ImportSummary:
    """Bring the alliance back as it was (ImportRejected, changing nothing, if that is no longer possible)."""
    summary = import_document(deleted.workspace, read_document(msgspec.json.encode(deleted.document)))
    deleted.delete()
    return summary
