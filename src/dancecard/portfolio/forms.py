from django import forms
from django.db import transaction

from dancecard.core.text import bad_characters, text_problem
from dancecard.portfolio.models import Alliance, Partner


class CleanText:
    """Refuses control and invisible formatting characters in every text field (core/text.py);
    a multi-line field (a Textarea) may hold line breaks."""

    def clean(self):
        cleaned = super().clean()  # type: ignore[misc]
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                problem = text_problem(value, multiline=isinstance(self.fields[name].widget, forms.Textarea))
                if problem:
                    self.add_error(name, f"This text {problem}.")  # type: ignore[attr-defined]
        return cleaned


class Revisioned(forms.Form):
    """Carries the revision the edit began from, so a save made on an older one is refused (services.claim_revision)."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.initial["revision"] = instance.revision

    def take_revision(self, current: int) -> None:
        """After a refused save: keep what the user typed, and let the next save knowingly replace revision `current`."""
        self.data = self.data.copy()
        self.data["revision"] = str(current)


class PartnerForm(CleanText, Revisioned, forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "headquarters_country", "sector", "subsidiary", "subsidiary_mandate", "autonomy",
                  "revenues_musd", "employees", "founded", "proximity", "internal_politics", "notes"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in ("subsidiary_mandate", "internal_politics", "notes")}

    def clean_founded(self):
        founded = self.cleaned_data.get("founded")
        if founded is not None and not 1600 <= founded <= 2100:
            raise forms.ValidationError("Give the year the partner was founded, e.g. 1975.")
        return founded


class AllianceForm(CleanText, Revisioned, forms.ModelForm):
    partners = forms.ModelMultipleChoiceField(
        queryset=Partner.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text="One partner for a bilateral alliance; several for a consortium.",
        error_messages={"required": "Choose at least one partner (add the partner first if it is not listed)."},
    )

    class Meta:
        model = Alliance
        fields = ["name", "purpose", "partners", "form", "stage", "owner"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["partners"].queryset = Partner.objects.filter(workspace=workspace)
        if self.instance.pk:
            self.initial["partners"] = list(self.instance.partners.values_list("pk", flat=True))


class MemberRolesForm(forms.Form):
    """Each member partner's role in the alliance, one field per membership (role_<member pk>)."""

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for member in self.members:
            self.fields[self.field_name(member)] = forms.CharField(
                label=member.partner.name, required=False, max_length=200, initial=member.role,
                strip=True, help_text="e.g. lead partner, technology provider, pilot partner.",
                error_messages={"max_length": "Keep the role to %(limit_value)d characters at most "
                                              "(it has %(show_value)d)."},
            )

    @staticmethod
    def field_name(member) -> str:
        return f"role_{member.pk}"

    def clean(self):
        cleaned = super().clean()
        for member in self.members:
            name = self.field_name(member)
            if bad_characters(cleaned.get(name) or ""):
                self.add_error(name, "Write the role on one line, without tabs or other control characters.")
        return cleaned

    @transaction.atomic
    def save(self) -> list:
        """Store the changed roles, all or none; returns the memberships that changed."""
        changed = []
        for member in self.members:
            role = self.cleaned_data[self.field_name(member)]
            if role != member.role:
                member.role = role
                member.save(update_fields=["role"])
                changed.append(member)
        return changed
