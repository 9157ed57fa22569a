from django.conf import settings
from django.db import models
from django.utils import timezone

from dancecard.workspaces.models import Workspace


class SignInLink(models.Model):
    """A one-time link that signs a user in, as a notebook server prints its token link."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()
    used = models.DateTimeField(null=True, blank=True)

    @property
    def is_usable(self) -> bool:
        return self.used is None and self.expires > timezone.now()


class ApiToken(models.Model):
    """A personal API token for scripts: it acts as its user in one workspace, with the role the user
    has there at the time of each request (so removing the member stops the token too)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)
    # The first characters, shown in lists so the user can tell their tokens apart.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
