"""The firm side's forms: joining a programme, changing consent, joining a partner programme."""

from __future__ import annotations

from django import forms

from dancecard.portfolio.models import Alliance
from dancecard.portfolio.stages import Stage
from dancecard.programmes.models import DEFAULT_CONSENT, Consent


class JoinForm(forms.Form):
    """Which of the user's own firms joins, and what it lets the programme see."""

    firm = forms.TypedChoiceField(coerce=int, error_messages={
        "required": "Choose the firm that joins.",
        "invalid_choice": "Choose one of the firms you own: only a firm's owner can join a programme with it."})
    consent = forms.ChoiceField(choices=Consent.choices, initial=DEFAULT_CONSENT, error_messages={
        "required": "Choose what the programme may see.",
        "invalid_choice": "Choose one of the consent levels below."})

    def __init__(self, *args, firms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].choices = [(f.pk, f.name) for f in firms]


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(choices=Consent.choices, error_messages={
        "required": "Choose what the programme may see.",
        "invalid_choice": "Choose one of the consent levels listed."})


class PartnerJoinForm(forms.Form):
    """The alliance a partner programme bridges to (optional: the firm as a whole)."""

    alliance = forms.ModelChoiceField(queryset=Alliance.objects.none(), required=False,
                                      empty_label="No particular alliance", error_messages={
                                          "invalid_choice": "Choose one of this firm's alliances, or none."})

    def __init__(self, *args, workspace=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alliance"].queryset = (Alliance.objects.filter(workspace=workspace).exclude(stage=Stage.ENDED)
                                            .order_by("name", "pk"))
