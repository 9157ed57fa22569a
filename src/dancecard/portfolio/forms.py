from django import forms

from dancecard.portfolio.models import Alliance, Partner


class PartnerForm(forms.ModelForm):
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


class AllianceForm(forms.ModelForm):
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
