from django.db import models

from dancecard.workspaces.models import WorkspaceOwned


class DeletedAlliance(WorkspaceOwned):
    """A deleted alliance, kept whole as its export so that deleting it can be undone."""

    name = models.CharField(max_length=200)
    deleted = models.DateTimeField(auto_now_add=True)
    document = models.JSONField(help_text="The alliance's dancecard.export/1 document, taken just before deletion.")

    class Meta:
        ordering = ["-deleted", "-pk"]

    def __str__(self) -> str:
        return self.name
