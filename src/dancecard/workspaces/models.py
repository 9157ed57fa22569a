from django.db import models


class Workspace(models.Model):
    """An organisation (one SME). Every stored record belongs to exactly one workspace."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class WorkspaceOwned(models.Model):
    """Base for every model whose rows belong to a workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE)

    class Meta:
        abstract = True
