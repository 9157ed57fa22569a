from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Kind(models.TextChoices):
    """What the organisation is: a firm assesses and tracks its own alliances; a programme (an
    accelerator, trade agency, cluster or partner programme) hosts firms and sees its cohort, on
    each firm's consent (dancecard.programmes)."""

    FIRM = "firm", "Firm"
    PROGRAMME = "programme", "Programme"


class Workspace(models.Model):
    """An organisation (one SME, or one programme). Every stored record belongs to exactly one workspace."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FIRM)
    created = models.DateTimeField(auto_now_add=True)
    # Bumped on every change to the workspace's records: pages cache their rendered
    # lists under this number, so a cache entry can never outlive the data it shows.
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return self.name

    @property
    def is_programme(self) -> bool:
        return self.kind == Kind.PROGRAMME


def bump_version(workspace_id: int) -> None:
    Workspace.objects.filter(pk=workspace_id).update(version=F("version") + 1)


class WorkspaceOwned(models.Model):
    """Base for every model whose rows belong to a workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE)

    class Meta:
        abstract = True


class Role(models.TextChoices):
    """What a member may do in a workspace (workspaces/access.py maps roles to permissions).

    A round respondent is no member: they hold a private link to their own answers only."""

    OWNER = "owner", "Owner"
    EDITOR = "editor", "Editor"
    VIEWER = "viewer", "Viewer"
    # A programme's staff: managers run it (firms, partner programmes, settings, staff); analysts read its cohort.
    MANAGER = "manager", "Manager"
    ANALYST = "analyst", "Analyst"


ROLES_BY_KIND = {
    Kind.FIRM: (Role.OWNER, Role.EDITOR, Role.VIEWER),
    Kind.PROGRAMME: (Role.MANAGER, Role.ANALYST),
}
# Who a workspace's creator becomes there.
FOUNDING_ROLE = {Kind.FIRM: Role.OWNER, Kind.PROGRAMME: Role.MANAGER}


class Membership(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["workspace__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["workspace", "user"], name="one_membership_per_user")]

    def __str__(self) -> str:
        return f"{self.user} in {self.workspace} ({self.role})"


class OneTimeLink:
    """A link that works once, until it expires or is revoked (a member's or a firm's invitation)."""

    accepted: Any
    revoked: Any
    expires: Any

    @property
    def is_usable(self) -> bool:
        return self.accepted is None and self.revoked is None and self.expires > timezone.now()

    @property
    def state(self) -> str:
        if self.accepted:
            return "accepted"
        if self.revoked:
            return "revoked"
        return "open" if self.expires > timezone.now() else "expired"


class Invitation(OneTimeLink, models.Model):
    """A link that makes whoever opens it (once signed in) a member with this role.

    Only a hash of the token is stored: the link is shown once, when it is made."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    email = models.EmailField(blank=True, help_text="Who it was sent to, if it was sent by email.")
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    accepted = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
