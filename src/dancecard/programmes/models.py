"""Bridging programmes: the firms they host, on each firm's consent, and the partner programmes they know.

A programme is a workspace of kind "programme" (workspaces.models.Kind) with its own staff.
A firm's workspace joins it through a `Participation` that the firm's owner controls: the
consent level says what the programme may see, and every change of it is kept in history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from dancecard.workspaces.models import OneTimeLink, Workspace, WorkspaceOwned

# Statistical disclosure control: a figure shows only when it rests on at least this many firms.
DEFAULT_MIN_FIRMS = 5
LOWEST_MIN_FIRMS = 3


class Consent(models.TextChoices):
    """What a member firm lets the programme see, from least to most (the order matters: `at_least`)."""

    HIDDEN = "hidden", "Hidden"
    COUNTS = "counts", "Counts only"
    AGGREGATES = "aggregates", "Anonymised aggregates"
    NAMED = "named", "Named alliances"


CONSENT_ORDER = [Consent.HIDDEN, Consent.COUNTS, Consent.AGGREGATES, Consent.NAMED]
# Offered first when a firm joins: it says yes to aggregates, or chooses otherwise (nothing is shared before).
DEFAULT_CONSENT = Consent.AGGREGATES


def at_least(level: str) -> list[str]:
    """The consent levels that include `level`."""
    return [str(c) for c in CONSENT_ORDER[CONSENT_ORDER.index(Consent(level)):]]


class Programme(models.Model):
    """The settings of a programme workspace."""

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, primary_key=True, related_name="programme")
    about = models.TextField(blank=True, help_text="What the programme does for firms, in a sentence or two. Firms see it when invited.")
    min_firms = models.PositiveSmallIntegerField(
        "smallest group shown", default=DEFAULT_MIN_FIRMS,
        validators=[MinValueValidator(LOWEST_MIN_FIRMS), MaxValueValidator(100)],
        help_text=f"A figure shows only when it rests on at least this many firms (never fewer than {LOWEST_MIN_FIRMS}).")
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.workspace.name

    @classmethod
    def of(cls, workspace: Workspace) -> Programme:
        """A programme workspace's settings: its stored row, or the defaults (unsaved) if it was made without one."""
        return cls.objects.filter(workspace=workspace).first() or cls(workspace=workspace)


class Participation(WorkspaceOwned):
    """A firm's membership of a programme (`workspace` is the programme; `firm` is the firm's workspace)."""

    firm = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="participations")
    consent = models.CharField(max_length=20, choices=Consent.choices, default=Consent.HIDDEN)
    joined = models.DateTimeField(default=timezone.now)
    left = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["firm__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["workspace", "firm"], condition=models.Q(left__isnull=True),
                                               name="one_current_participation")]
        indexes = [models.Index(fields=["workspace", "left"])]

    def __str__(self) -> str:
        return f"{self.firm} in {self.workspace}"

    @property
    def is_current(self) -> bool:
        return self.left is None


class FirmInvitation(OneTimeLink, WorkspaceOwned):
    """A link that lets a firm's owner join the programme (`workspace`) with one of their firms.

    Only a hash of the token is stored: the link is shown once, when it is made."""

    label = models.CharField(max_length=200, blank=True, help_text="Whom it is for (a firm's name or an email), for your own list.")
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()
    accepted = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    participation = models.ForeignKey(Participation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]


class PartnerKind(models.TextChoices):
    MNC_PROGRAMME = "mnc_programme", "A multinational's partner or ISV programme"
    PUBLIC_INITIATIVE = "public_initiative", "A public bridging initiative"
    CLUSTER = "cluster", "A cluster or industry body"


class PartnerProgramme(WorkspaceOwned):
    """A partner programme the intermediary (`workspace`) knows of, and tells its member firms about.

    `motives` are the MNC motives it answers (vocabulary group "motive"), `assets` the SME assets it
    looks for (instrument dimensions of group "asset"): a firm's profile is matched against both."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=PartnerKind.choices, default=PartnerKind.MNC_PROGRAMME)
    sponsor = models.CharField(max_length=200, blank=True, help_text="The multinational or agency behind it.")
    offers = models.TextField(help_text="What it offers member firms: access, tools, introductions, co-marketing…")
    motives = models.JSONField(default=list, blank=True)
    assets = models.JSONField(default=list, blank=True)
    url = models.URLField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class BridgingLink(WorkspaceOwned):
    """A firm (`workspace`) taking part in a partner programme, as a bridging mechanism for an alliance."""

    partner_programme = models.ForeignKey(PartnerProgramme, on_delete=models.CASCADE, related_name="links")
    alliance = models.ForeignKey("portfolio.Alliance", null=True, blank=True, on_delete=models.SET_NULL, related_name="bridging_links")
    joined = models.DateField(default=timezone.localdate)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-joined", "pk"]
