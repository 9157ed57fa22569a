import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from dancecard.workspaces.models import WorkspaceOwned


class RoundStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


def new_token() -> str:
    # 32 bytes from the OS's CSPRNG: a private link nobody can guess.
    return secrets.token_urlsafe(32)


class Round(WorkspaceOwned):
    """Several colleagues assess one alliance independently (Cotman's internal communication)."""

    alliance = models.ForeignKey("portfolio.Alliance", on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(max_length=200, blank=True)
    instrument_name = models.CharField(max_length=40)
    instrument_version = models.CharField(max_length=20)
    status = models.CharField(max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    consensus = models.ForeignKey("assessments.Assessment", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", help_text="The consensus assessment made when the round closed.")
    # The agreement figures as they stood at closing, kept with the round.
    closing_summary = models.JSONField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    closed = models.DateTimeField(null=True, blank=True)
    links_expire = models.DateTimeField(null=True, blank=True,
                                        help_text="When the respondents' private links stop working (empty: never).")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.title or f"Team round on {self.alliance}"

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def links_expired(self) -> bool:
        return self.links_expire is not None and self.links_expire <= timezone.now()

    @property
    def instrument_key(self) -> str:
        return f"{self.instrument_name}@{self.instrument_version}"

    def get_absolute_url(self) -> str:
        return reverse("round", args=[self.pk])


class Respondent(WorkspaceOwned):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="respondents")
    name = models.CharField(max_length=200)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    assessment = models.OneToOneField("assessments.Assessment", on_delete=models.CASCADE, related_name="respondent_of")
    submitted = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True, help_text="When this private link was revoked.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["round", "name"], name="one_respondent_name_per_round")]

    def __str__(self) -> str:
        return self.name

    @property
    def has_submitted(self) -> bool:
        return self.submitted is not None

    @property
    def link_state(self) -> str:
        """"revoked", "expired" (the round's links have expired) or "valid"."""
        if self.revoked is not None:
            return "revoked"
        if self.round.links_expired:
            return "expired"
        return "valid"

    @property
    def link_works(self) -> bool:
        return self.link_state == "valid"

    def get_absolute_url(self) -> str:
        return reverse("respond", args=[self.token])
