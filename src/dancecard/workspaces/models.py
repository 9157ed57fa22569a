from django.db import models
from django.db.models import F


class Workspace(models.Model):
    """An organisation (one SME). Every stored record belongs to exactly one workspace."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    # Bumped on every change to the workspace's records: pages cache their rendered
    # lists under this number, so a cache entry can never outlive the data it shows.
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return self.name


def bump_version(workspace_id: int) -> None:
    Workspace.objects.filter(pk=workspace_id).update(version=F("version") + 1)


class WorkspaceOwned(models.Model):
    """Base for every model whose rows belong to a workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE)

    class Meta:
        abstract = True
