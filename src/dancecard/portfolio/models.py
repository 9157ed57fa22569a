from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from dancecard.core.vocabulary import load_vocabulary
from dancecard.portfolio.stages import Autonomy, Proximity, Stage, iso_stage
from dancecard.workspaces.models import WorkspaceOwned


def form_choices() -> list[tuple[str, str]]:
    return [("", "Not decided")] + [
        (term.key.split(".", 1)[1], term.label) for term in load_vocabulary().in_group("form")
    ]


class Partner(WorkspaceOwned):
    """A multinational (or any larger partner), as the SME knows it: Cotman's partner profile."""

    name = models.CharField(max_length=200)
    headquarters_country = models.CharField(max_length=100, blank=True)
    sector = models.CharField(max_length=200, blank=True)
    subsidiary = models.CharField("local subsidiary", max_length=200, blank=True,
                                  help_text="The unit you deal with, e.g. 'Microsoft India, Bangalore'.")
    subsidiary_mandate = models.TextField("subsidiary mandate", blank=True,
                                          help_text="What the local unit is allowed to decide and do.")
    autonomy = models.CharField("subsidiary autonomy", max_length=20, choices=Autonomy.choices, blank=True)
    revenues_musd = models.DecimalField("revenues (USD millions)", max_digits=12, decimal_places=1,
                                        null=True, blank=True)
    employees = models.PositiveIntegerField(null=True, blank=True)
    founded = models.PositiveSmallIntegerField(null=True, blank=True)
    proximity = models.CharField("distance from us", max_length=20, choices=Proximity.choices, blank=True)
    internal_politics = models.TextField("internal politics", blank=True,
                                         help_text="Rivalries, competing agendas, head office versus subsidiary.")
    notes = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # Raised by every edit: a form or API call made on an older revision is refused (409), not merged.
    revision = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        # The partner list is always one workspace's, by name.
        indexes = [models.Index(fields=["workspace", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partner", args=[self.pk])


class Alliance(WorkspaceOwned):
    """An alliance of the SME with one partner, or several (a consortium)."""

    name = models.CharField(max_length=200)
    purpose = models.TextField(help_text="What the SME wants from it: the market need it serves.")
    partners = models.ManyToManyField(Partner, through="AllianceMember", related_name="alliances")
    form = models.CharField("structure", max_length=40, blank=True, choices=form_choices)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PROSPECT)
    owner = models.CharField("alliance owner", max_length=200, blank=True,
                             help_text="The person in your firm who runs this alliance.")
    current_assessment = models.ForeignKey("assessments.Assessment", null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+")
    health_cadence_months = models.PositiveSmallIntegerField(
        "health check every (months)", null=True, blank=True,
        help_text="How often to run a health check with the partner; empty: every 6 months.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        ordering = ["name"]
        # The dashboard lists one workspace's alliances by stage.
        indexes = [models.Index(fields=["workspace", "stage", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alliance", args=[self.pk])

    @property
    def iso_stage(self) -> str:
        return iso_stage(self.stage)

    @property
    def is_consortium(self) -> bool:
        return len(self.partners.all()) > 1


class AllianceMember(WorkspaceOwned):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="members")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=200, blank=True, help_text="e.g. lead partner, technology provider.")
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alliance", "partner"], name="one_membership_per_partner")]
