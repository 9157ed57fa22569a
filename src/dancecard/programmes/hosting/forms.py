"""Forms of a programme's own pages: inviting a firm, the settings, a partner programme.

They check what people type and show it back with its errors; the services (services.py) check again,
so the command line and the pages refuse the same things."""

from __future__ import annotations

from django import forms

from dancecard.portfolio.forms import CleanText
from dancecard.programmes.hosting.services import (
    ABOUT_MAX,
    HIGHEST_MIN_FIRMS,
    K_HELP,
    HostingError,
    asset_terms,
    motive_terms,
)
from dancecard.programmes.models import LOWEST_MIN_FIRMS, FirmInvitation, PartnerProgramme, Programme


def _field(model, name: str):
    return model._meta.get_field(name)


class FirmInvitationForm(CleanText, forms.Form):
    label = forms.CharField(
        label="For", max_length=_field(FirmInvitation, "label").max_length, required=False,
        help_text=_field(FirmInvitation, "label").help_text + " Only your programme's staff see it.")


class ServiceErrors:
    """Puts a service's refusal (HostingError.errors) on the form's fields."""

    def add_service_errors(self, exc: HostingError) -> None:
        if not exc.errors:
            self.add_error(None, str(exc))  # type: ignore[attr-defined]
        for name, messages in exc.errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)  # type: ignore[attr-defined]


class SettingsForm(ServiceErrors, CleanText, forms.Form):
    name = forms.CharField(label="Name of the programme", max_length=200,
                           help_text="Firms see it when you invite them, and in their list of programmes.")
    about = forms.CharField(label=_field(Programme, "about").verbose_name.capitalize(), required=False,
                            max_length=ABOUT_MAX, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_field(Programme, "about").help_text)
    min_firms = forms.IntegerField(
        label=f"{_field(Programme, 'min_firms').verbose_name.capitalize()} (k)",
        min_value=LOWEST_MIN_FIRMS, max_value=HIGHEST_MIN_FIRMS, help_text=K_HELP,
        error_messages={
            "min_value": f"k cannot be below {LOWEST_MIN_FIRMS}: a figure resting on fewer firms could single one out.",
            "max_value": f"k is at most {HIGHEST_MIN_FIRMS}.",
            "invalid": "Give k as a whole number, e.g. 5.",
            "required": "Give k: the smallest group a figure may rest on.",
        })


class PartnerProgrammeForm(ServiceErrors, CleanText, forms.ModelForm):
    """A partner programme: what it offers, and the MNC motives and SME assets it looks for (vocabulary terms)."""

    url = forms.URLField(label="Web address", required=False, max_length=200, assume_scheme="https",
                         help_text="Where firms read about it and apply, if it has a page.")
    motives = forms.MultipleChoiceField(
        label="MNC motives it answers", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Why the multinational runs it: a firm that can credibly appeal to one of these motives fits.",
        error_messages={"invalid_choice": "%(value)s is not an MNC motive in the vocabulary."})
    assets = forms.MultipleChoiceField(
        label="SME assets it looks for", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="What a firm should bring: its profile is matched against these.",
        error_messages={"invalid_choice": "%(value)s is not an SME asset in the vocabulary."})

    class Meta:
        model = PartnerProgramme
        fields = ["name", "kind", "sponsor", "offers", "url", "motives", "assets"]
        widgets = {"offers": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"name": "As the sponsor calls it, e.g. “Microsoft ISV programme”."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motives"].choices = [(t.key, t.label) for t in motive_terms()]
        self.fields["assets"].choices = [(t.key, t.label) for t in asset_terms()]

    def terms(self, name: str) -> list[dict]:
        """The checkboxes of `name` (motives or assets): each term's key, label, definition and whether ticked."""
        chosen = {str(v) for v in (self[name].value() or [])}
        terms = motive_terms() if name == "motives" else asset_terms()
        return [{"key": t.key, "label": t.label, "definition": t.definition, "checked": t.key in chosen,
                 "id": f"id_{name}_{i}"} for i, t in enumerate(terms)]

    @property
    def term_fields(self) -> list[tuple[str, forms.BoundField, list[dict]]]:
        """The two checkbox groups, each term with its vocabulary label and definition (the page's tiles)."""
        return [(name, self[name], self.terms(name)) for name in ("motives", "assets")]
