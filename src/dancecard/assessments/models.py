from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from dancecard.core.instruments import Instrument, get_instrument
from dancecard.workspaces.models import WorkspaceOwned


class Status(models.TextChoices):
    DRAFT = "draft", "In progress"
    COMPLETE = "complete", "Complete"


class Assessment(WorkspaceOwned):
    """One set of answers to one instrument version about one alliance.

    The raw answers are kept as given; the scored result is stored when the
    assessment is completed, with the instrument version it was made with.
    """

    alliance = models.ForeignKey("portfolio.Alliance", on_delete=models.CASCADE, related_name="assessments")
    partner = models.ForeignKey("portfolio.Partner", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="assessments",
                                help_text="For a consortium: the partner this assessment is about (empty: the whole).")
    instrument_name = models.CharField(max_length=40)
    instrument_version = models.CharField(max_length=20)
    respondent = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    # A copy of the verdict band and factor scores, so lists never load whole results.
    band = models.CharField(max_length=40, blank=True)
    summary = models.JSONField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    completed = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created"]
        # An alliance page lists its assessments, newest first.
        indexes = [models.Index(fields=["alliance", "-created"])]

    def __str__(self) -> str:
        return f"{self.instrument_label} of {self.alliance}"

    @property
    def instrument(self) -> Instrument:
        return get_instrument(self.instrument_name, self.instrument_version)

    @property
    def instrument_key(self) -> str:
        return f"{self.instrument_name}@{self.instrument_version}"

    @property
    def instrument_label(self) -> str:
        from dancecard.core.wording import instrument_label

        label = instrument_label(self.instrument_name)
        return self.instrument_key if label == self.instrument_name else label

    @property
    def is_complete(self) -> bool:
        return self.status == Status.COMPLETE

    def get_absolute_url(self) -> str:
        if self.is_complete:
            return reverse("assessment_result", args=[self.pk])
        return reverse("assessment_step", args=[self.pk, 1])
