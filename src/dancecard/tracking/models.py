"""An alliance's life after the first verdict: people, meetings, milestones, commitments, health checks.

The codes (units, levels, kinds, statuses) are the core's (core/timeline.py), so what is stored
here reads straight into an AllianceLife (tracking/life.py); their words are in the core's
signal-words file."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from dancecard.core import timeline as t
from dancecard.core.signal_wording import code_choices
from dancecard.workspaces.models import WorkspaceOwned


def choices(kind: str, enum) -> list[tuple[str, str]]:
    return code_choices(kind, list(enum))


class Contact(WorkspaceOwned):
    """A person on either side of the alliance."""

    alliance = models.ForeignKey("portfolio.Alliance", on_delete=models.CASCADE, related_name="contacts")
    side = models.CharField(max_length=10, choices=choices("side", t.Side), default=t.Side.PARTNER)
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    partner = models.ForeignKey("portfolio.Partner", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="contacts", help_text="In a consortium: which partner they work for.")
    unit = models.CharField("partner unit", max_length=20, blank=True, choices=choices("unit", t.Unit),
                            help_text="Where they sit in the partner: local subsidiary, head office, another "
                                      "subsidiary, or field operations (sales, distribution).")
    level = models.CharField(max_length=20, choices=choices("level", t.Level), default=t.Level.MANAGER)
    role = models.CharField("role in the alliance", max_length=20, choices=choices("role", t.Role),
                            default=t.Role.NONE)
    # Who on our side holds this relationship: the relationship map's lines.
    known_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="knows",
                                 limit_choices_to={"side": t.Side.OURS})
    email = models.EmailField(blank=True)
    notes = models.TextField(blank=True)
    left = models.DateField(null=True, blank=True, help_text="The day they left the alliance or the firm.")
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["side", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Interaction(WorkspaceOwned):
    """A meeting, call or message with the partner: the facts "last interaction" and "last face-to-face"."""

    alliance = models.ForeignKey("portfolio.Alliance", on_delete=models.CASCADE, related_name="interactions")
    date = models.DateField()
    kind = models.CharField(max_length=20, choices=choices("interaction_kind", t.InteractionKind),
                            default=t.InteractionKind.FACE_TO_FACE)
    ours = models.ManyToManyField(Contact, blank=True, related_name="+", verbose_name="our people")
    theirs = models.ManyToManyField(Contact, blank=True, related_name="interactions",
                                    verbose_name="the partner's people")
    initiated_by = models.CharField(max_length=10, blank=True, choices=choices("side", t.Side))
    note = models.TextField(blank=True)
    # The thesis's signs of opportunism and hold-up (4.4.2, 4.4.3, 5.2.2).
    decision_without_us = models.BooleanField("a decision was taken without us", default=False)
    cost_not_in_plan = models.BooleanField("a cost that was not in the plan", default=False)
    terms_reopened = models.BooleanField("they asked to reopen agreed terms", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        ordering = ["-date", "-pk"]
        # The timeline and "last interaction" read one alliance's interactions by date.
        indexes = [models.Index(fields=["alliance", "-date"])]


class Milestone(WorkspaceOwned):
    """A step of the joint work; ideally a module of knowledge transfer that leaves value if the work stops."""

    alliance = models.ForeignKey("portfolio.Alliance", on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due = models.DateField()
    owner = models.CharField(max_length=200, blank=True, help_text="Who in your firm sees to it.")
    status = models.CharField(max_length=20, choices=choices("milestone_status", t.MilestoneStatus),
                              default=t.MilestoneStatus.PLANNED)
    value_if_stopped = models.TextField("value it leaves us if the alliance stops here", blank=True,
                                        help_text="Modular knowledge transfer (Prashantham): what your firm keeps.")
    closed = models.DateField(null=True, blank=True, help_text="When it was done or cancelled.")
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "pk"]


class Postponement(WorkspaceOwned):
    """Every postponement is kept, with its date and reason: twice is a warning sign (thesis 4.4.2)."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="postponements")
    date = models.DateField()
    reason = models.CharField(max_length=500, blank=True)
    previous_due = models.DateField()
    new_due = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]


class Commitment(WorkspaceOwned):
    """A written commitment: MoU, NDA, contract, licence, term sheet, with the terms the risk model cares about."""

    alliance = models.ForeignKey("portfolio.Alliance", on_delete=models.CASCADE, related_name="commitments")
    kind = models.CharField(max_length=20, choices=choices("commitment_kind", t.CommitmentKind))
    title = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=choices("commitment_status", t.CommitmentStatus),
                              default=t.CommitmentStatus.DRAFT)
    started = models.DateField(help_text="When drafting began.")
    signed = models.DateField(null=True, blank=True)
    expires = models.DateField(null=True, blank=True)
    governing_law = models.CharField(max_length=100, blank=True, help_text="e.g. Scots law, New York law.")
    exit_clause = models.BooleanField(null=True, blank=True, help_text="Is there a way out for us?")
    ip_ownership = models.CharField("IP ownership", max_length=20, blank=True,
                                    choices=choices("ip_ownership", t.IpOwnership))
    exclusivity = models.BooleanField(null=True, blank=True, help_text="Does it bind us to this partner only?")
    renewal = models.CharField(max_length=20, blank=True, choices=choices("renewal", t.Renewal))
    document = models.CharField(max_length=500, blank=True, help_text="Where the signed document is kept.")
    notes = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started", "pk"]


class NextStep(WorkspaceOwned):
    """The one thing to do next, with a date: "planned / late / none" is the simplest neglect signal."""

    alliance = models.ForeignKey("portfolio.Alliance", on_delete=models.CASCADE, related_name="next_steps")
    text = models.CharField(max_length=300)
    due = models.DateField(null=True, blank=True)
    owner = models.CharField(max_length=200, blank=True)
    done = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["done", "due", "pk"]


class StageChange(WorkspaceOwned):
    """The dated path of the alliance through the pipeline (and so through ISO 44001's stages)."""

    alliance = models.ForeignKey("portfolio.Alliance", on_delete=models.CASCADE, related_name="stage_changes")
    date = models.DateField()
    stage = models.CharField(max_length=20)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["date", "pk"]


class RevenueShare(WorkspaceOwned):
    """The share of our revenue that comes through this partner: growing dependence is power asymmetry."""

    alliance = models.ForeignKey("portfolio.Alliance", on_delete=models.CASCADE, related_name="revenue_shares")
    date = models.DateField()
    percent = models.DecimalField(max_digits=5, decimal_places=1,
                                  help_text="Percent of your firm's revenue, 0 to 100.")

    class Meta:
        ordering = ["date", "pk"]


def new_token() -> str:
    return secrets.token_urlsafe(32)


class HealthCheck(WorkspaceOwned):
    """A periodic health check, answered by our team and, through private links, by the partner's people."""

    alliance = models.ForeignKey("portfolio.Alliance", on_delete=models.CASCADE, related_name="health_checks")
    instrument_version = models.CharField(max_length=20)
    opened = models.DateField()
    closed = models.DateField(null=True, blank=True)
    # Each side's overall score (core/health.py), kept when the check closes; the timeline reads these.
    ours = models.FloatField(null=True, blank=True)
    partner = models.FloatField(null=True, blank=True)
    summary = models.JSONField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened", "-pk"]

    def get_absolute_url(self) -> str:
        return reverse("health_check", args=[self.pk])


class HealthResponse(WorkspaceOwned):
    """One person's answers to a health check, through their private link."""

    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="responses")
    side = models.CharField(max_length=10, choices=choices("side", t.Side))
    name = models.CharField(max_length=200)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    answers = models.JSONField(default=dict, blank=True)
    submitted = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["side", "pk"]


# --- reminders (tracking/calendar.py, tracking/reminders.py) -------------------------------------
# Neither is WorkspaceOwned: they are a member's own things, and using them (a calendar app polling
# its feed, a digest going out) must not bump the workspace's version and retire every cached page.


class CalendarFeed(models.Model):
    """A private calendar link: calendar apps cannot sign in, so the URL carries a secret.

    Only a hash of the secret is stored (accounts/tokens.py); the link is shown once, when it is made.
    It reads the workspace as its user, with the role they have there at each request: once they leave
    the workspace, the feed is a 404."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    # One alliance's dates, or (None) the whole workspace's; a deleted alliance takes its feeds with it.
    alliance = models.ForeignKey("portfolio.Alliance", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+")
    # The first characters, shown in lists so the user can tell their links apart.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]


class ReminderSent(models.Model):
    """What a reminder digest already told a member, so the next one tells only what is new.

    `key` names a signal of an alliance ("signal:12:no_face_to_face") or a due date
    ("due:milestone:7:2025-03-01"). Keys no longer open or due are forgotten, so a signal that
    clears and comes back is news again."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    sent = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "user", "key"], name="one_reminder_per_key")]
