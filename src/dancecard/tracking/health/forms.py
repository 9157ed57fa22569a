"""The forms of health checks: opening one (names per side), adding people, the cadence, and a
respondent's answers (every statement worded for their side, 1-5 or "don't know", a note each)."""

from __future__ import annotations

from typing import Any

from django import forms

from dancecard.core import timeline as t
from dancecard.core.health import HIGH, LOW, HealthInstrument
from dancecard.core.signal_wording import code_label
from dancecard.portfolio.forms import CleanText
from dancecard.tracking.health import services

DONT_KNOW = "dont_know"
NAMES_HELP = "One name per line. Each person gets their own private link."


class OpenCheckForm(CleanText, forms.Form):
    ours = forms.CharField(label="Your team", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                           help_text=NAMES_HELP + " At least one.")
    partner = forms.CharField(label="The partner's people", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              help_text=NAMES_HELP + " Optional, but the gaps between the two sides' answers are "
                                                     "the point of the check.")

    def clean(self):
        cleaned = super().clean()
        for field, who in (("ours", "Your team"), ("partner", "The partner's people")):
            if field in self.errors:
                continue
            try:
                cleaned[field] = services.clean_names(cleaned.get(field, ""), who)
            except services.HealthCheckError as exc:
                self.add_error(field, str(exc))
        if "ours" not in self.errors and not cleaned.get("ours"):
            self.add_error("ours", "Name at least one person in your team: the check compares their view with "
                                   "the partner's.")
        return cleaned


class AddPeopleForm(CleanText, forms.Form):
    side = forms.ChoiceField(choices=[(t.Side.OURS.value, "Your team"), (t.Side.PARTNER.value, "The partner's people")])
    names = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), help_text=NAMES_HELP)


class CadenceForm(forms.Form):
    months = forms.ChoiceField(label="Health check every", required=False)

    def __init__(self, *args, current: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        default = services.default_cadence()
        choices = [("", f"{default} months (the default)")]
        choices += [(str(m), f"{m} months") for m in services.CADENCES]
        self.fields["months"].choices = choices
        self.fields["months"].initial = "" if current is None else str(current)

    def clean_months(self):
        try:
            return services.parse_cadence(self.cleaned_data.get("months"))
        except services.HealthCheckError as exc:
            raise forms.ValidationError(str(exc)) from None


def answer_field(item_id: str) -> str:
    return f"answer:{item_id}"


def note_field(item_id: str) -> str:
    return f"note:{item_id}"


class AnswersForm(CleanText, forms.Form):
    """One respondent's answers. Saving keeps what is answered so far; submitting needs every statement
    answered (don't know counts). A form with any problem writes nothing."""

    def __init__(self, *args, check: HealthInstrument, side: str, submit: bool = False,
                 stored: dict[str, Any] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.check, self.side, self.submit = check, t.Side(side), submit
        labels = check.health.labels
        choices = [(str(v), f"{v} · {labels[v - LOW]}") for v in range(LOW, HIGH + 1)] + [(DONT_KNOW, "Don't know")]
        for item in check.items:
            answer = (stored or {}).get(item.id)
            value = answer.get("value") if isinstance(answer, dict) else answer
            self.fields[answer_field(item.id)] = forms.ChoiceField(
                label=item.question_for(self.side), choices=choices, required=False, widget=forms.RadioSelect,
                initial=None if value is None else str(value),
                error_messages={"invalid_choice": f"Choose {LOW} to {HIGH}, or “Don't know”."})
            self.fields[note_field(item.id)] = forms.CharField(
                label="Note", required=False, max_length=services.NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.get("note", "") if isinstance(answer, dict) else "",
                error_messages={"max_length": "Keep the note to %(limit_value)d characters (it has %(show_value)d)."})

    def clean(self):
        cleaned = super().clean()
        if self.submit:
            for item in self.check.items:
                name = answer_field(item.id)
                if name not in self.errors and not cleaned.get(name):
                    self.add_error(name, "Answer this statement, or choose “Don't know”.")
        for item in self.check.items:
            name = answer_field(item.id)
            if cleaned.get(note_field(item.id)) and not cleaned.get(name) and name not in self.errors:
                self.add_error(name, "You wrote a note: choose an answer too (“Don't know” is one).")
        return cleaned

    def answers(self) -> dict[str, dict[str, Any]]:
        """The answered statements as {item id: {"value": 1..5 or None for don't know, "note": ...}}."""
        result = {}
        for item in self.check.items:
            raw = self.cleaned_data.get(answer_field(item.id))
            if not raw:
                continue
            result[item.id] = {"value": None if raw == DONT_KNOW else int(raw),
                               "note": self.cleaned_data.get(note_field(item.id), "").strip()}
        return result

    def rows(self) -> list[dict[str, Any]]:
        """Each statement with its fields, in the instrument's order, for the template."""
        dimensions = {d.key: d for d in self.check.dimensions}
        return [{"item": item, "dimension": dimensions[item.dimension], "question": item.question_for(self.side),
                 "answer": self[answer_field(item.id)], "note": self[note_field(item.id)]}
                for item in self.check.items]

    def problems(self) -> list[tuple[str, str, str]]:
        """(anchor, statement, message) of every problem, in the instrument's order."""
        listed = []
        for item in self.check.items:
            for name in (answer_field(item.id), note_field(item.id)):
                for message in self.errors.get(name, []):
                    listed.append((f"s-{item.id}", item.question_for(self.side), message))
        return listed


def side_label(side: str) -> str:
    return code_label("side", side)
