"""Forms for the joint work and the paper: milestones and their postponements, commitments, revenue shares."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms

from dancecard.core import timeline as t
from dancecard.core.signal_wording import code_choices
from dancecard.core.vocabulary import load_vocabulary
from dancecard.portfolio.forms import CleanText
from dancecard.tracking.life import today
from dancecard.tracking.models import Commitment, Milestone, RevenueShare

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _fmt(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def modular_help() -> str:
    term = load_vocabulary().terms["strategy.modular_knowledge_transfer"]
    cited = load_vocabulary().cite(term.source.seed, term.source.section)
    return (f"{term.label}: what your firm keeps if the partner stops the work here — a working prototype, "
            f"a reference customer, a licence, trained people. HMD kept a working prototype when Sun's head office "
            f"ended their project. Leave it empty and the milestone is shown as leaving nothing. Source: {cited}.")


class MilestoneForm(CleanText, forms.ModelForm):
    """Adding or editing a milestone. Moving it later is a postponement, with its own form: it is kept."""

    class Meta:
        model = Milestone
        fields = ["title", "due", "owner", "value_if_stopped", "status", "closed"]
        widgets = {"due": DATE, "closed": DATE, "value_if_stopped": forms.Textarea(attrs={"rows": 3})}
        labels = {"closed": "Done or cancelled on"}
        help_texts = {"closed": "Empty: today, when you mark it done or cancelled. Reopening it clears the date."}

    def __init__(self, *args, new_is_planned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value_if_stopped"].help_text = modular_help()
        current = self.instance.status if self.instance.pk else None
        # "Postponed" comes only from the Postpone action (it keeps the date and the reason).
        statuses = [s for s in t.MilestoneStatus if s != t.MilestoneStatus.POSTPONED or current == s]
        self.fields["status"].choices = code_choices("milestone_status", statuses)
        if not self.instance.pk:
            self.initial.setdefault("status", t.MilestoneStatus.PLANNED)
            if new_is_planned:
                # The page's new-milestone form: a new milestone is planned, so its status and the
                # day it was done or cancelled are asked only when editing it (the API may still send them).
                del self.fields["status"], self.fields["closed"]

    def clean(self):
        cleaned = super().clean()
        status, due, closed = cleaned.get("status"), cleaned.get("due"), cleaned.get("closed")
        old = self.instance if self.instance.pk else None
        if old is not None and due and old.due and due > old.due:
            self.add_error("due", f"To move it later than {_fmt(old.due)}, use Postpone: the new date and the "
                                  "reason are kept, and repeated postponements are a warning sign.")
        if status in (t.MilestoneStatus.DONE, t.MilestoneStatus.CANCELLED):
            if closed is None:
                cleaned["closed"] = today()
            elif closed > today():
                self.add_error("closed", "It cannot be done or cancelled on a day still to come.")
        else:  # reopened (or still open): it has no closing date
            cleaned["closed"] = None
        return cleaned


class PostponeForm(CleanText, forms.Form):
    new_due = forms.DateField(label="New due date", widget=DATE)
    reason = forms.CharField(max_length=500, help_text="Why it moves, in a few words: e.g. budget freeze, "
                                                       "reorganisation at head office.",
                             error_messages={"required": "Say why it moves: the reasons are the pattern to watch."})

    def __init__(self, *args, milestone: Milestone, **kwargs):
        super().__init__(*args, **kwargs)
        self.milestone = milestone

    def clean_new_due(self):
        new_due = self.cleaned_data["new_due"]
        if new_due <= self.milestone.due:
            raise forms.ValidationError(f"The new date must be later than the current one, {_fmt(self.milestone.due)}. "
                                        "To bring it forward, edit the milestone.")
        return new_due


class CommitmentForm(CleanText, forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["kind", "title", "status", "started", "signed", "expires", "governing_law", "exit_clause",
                  "ip_ownership", "exclusivity", "renewal", "document", "notes"]
        widgets = {"started": DATE, "signed": DATE, "expires": DATE, "notes": forms.Textarea(attrs={"rows": 3}),
                   "exit_clause": forms.NullBooleanSelect, "exclusivity": forms.NullBooleanSelect}
        labels = {"started": "Drafting began", "signed": "Signed on", "expires": "Expires on",
                  "exit_clause": "Exit clause", "document": "Where the document is kept"}
        help_texts = {"title": "e.g. Pilot MoU with Globex India.",
                      "expires": "Empty: it runs until terminated.",
                      "document": "A folder, a shared drive, a contract system: where someone finds the signed copy.",
                      "ip_ownership": "Who owns what you create together."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Recording a commitment signed long ago should not need the day drafting began.
        self.fields["started"].required = False
        self.fields["started"].help_text = "Empty: the day it was signed, or today for a draft."
        for name in ("exit_clause", "exclusivity"):
            self.fields[name].widget.choices = [("unknown", "Not known"), ("true", "Yes"), ("false", "No")]
        self.fields["ip_ownership"].choices = [("", "Not known")] + code_choices("ip_ownership", list(t.IpOwnership))
        self.fields["renewal"].choices = [("", "Not known")] + code_choices("renewal", list(t.Renewal))

    def clean(self):
        cleaned = super().clean()
        status, started = cleaned.get("status"), cleaned.get("started")
        signed, expires = cleaned.get("signed"), cleaned.get("expires")
        if started is None and "started" not in self.errors:
            started = cleaned["started"] = signed or today()
        was_signed = status in (t.CommitmentStatus.SIGNED, t.CommitmentStatus.EXPIRED)
        if was_signed and signed is None and "signed" not in self.errors:
            self.add_error("signed", "Give the day it was signed: the signals and the assessment read it.")
        if status == t.CommitmentStatus.DRAFT and signed is not None:
            self.add_error("signed", "A draft is not signed yet: clear the date, or set the status to Signed.")
        if signed is not None and signed > today():
            self.add_error("signed", "It cannot be signed on a day still to come: keep it a draft until then.")
        if signed is not None and started is not None and signed < started:
            self.add_error("started", f"Drafting cannot begin after the signing ({_fmt(signed)}): correct one of "
                                      "the two dates.")
        if expires is not None and signed is not None and expires <= signed:
            self.add_error("expires", f"It must expire after it was signed ({_fmt(signed)}).")
        if status == t.CommitmentStatus.EXPIRED and expires is None and "expires" not in self.errors:
            self.add_error("expires", "Give the day it expired.")
        return cleaned


class RevenueShareForm(forms.ModelForm):
    class Meta:
        model = RevenueShare
        fields = ["percent", "date"]
        widgets = {"date": DATE, "percent": forms.NumberInput(attrs={"step": "0.1", "min": "0", "max": "100",
                                                                      "inputmode": "decimal"})}
        labels = {"percent": "Share of our revenue from this partner (%)", "date": "As of"}
        help_texts = {"percent": "0 to 100. A growing share is growing dependence: the signal "
                                 "“Dependence growing” reads these figures.",
                      "date": "The day (or the end of the period) the share was measured."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", today())

    def clean_percent(self):
        percent = self.cleaned_data["percent"]
        if percent is not None and not Decimal(0) <= percent <= Decimal(100):
            raise forms.ValidationError("Give a share from 0 to 100 %.")
        return percent

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day is not None and day > today():
            raise forms.ValidationError("Record a share once it is measured: the date cannot be still to come.")
        return day


class TimelineFilter(forms.Form):
    """The timeline's GET parameters: which kinds of record to show (none ticked: all)."""

    kind = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["kind"].error_messages["invalid_choice"] = ("“%(value)s” is not a kind of record on the "
                                                                "timeline: choose from the list.")
