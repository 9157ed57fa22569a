"""Forms for the people on both sides, the meetings with them, and the next step.

Every choice that names a record is limited to the alliance's own (its partners, its contacts on the
right side), so another alliance's or another workspace's record is "not a valid choice"."""

from django import forms
from django.db.models import Q

from dancecard.core import timeline as t
from dancecard.portfolio.forms import CleanText
from dancecard.tracking.life import today
from dancecard.tracking.models import Contact, Interaction, NextStep

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContactChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Contact) -> str:
        return f"{obj.name}, {obj.job_title}" if obj.job_title else obj.name


class ContactForm(CleanText, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["side", "name", "job_title", "partner", "unit", "level", "role", "known_by", "email", "notes",
                  "left"]
        widgets = {"side": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3}), "left": DATE}
        labels = {"known_by": "Who on our side knows them", "left": "Left on"}
        help_texts = {"known_by": "The person in your firm who holds this relationship: the relationship map's line.",
                      "left": "Leave empty while they are in post. People who left stay on the map, greyed."}

    def __init__(self, *args, alliance, **kwargs):
        super().__init__(*args, **kwargs)
        self.alliance = alliance
        partners = list(alliance.partners.order_by("name"))
        # A bilateral alliance has one partner to work for: no question to ask (clean() fills it in).
        self.only_partner = partners[0] if len(partners) == 1 else None
        if self.only_partner:
            del self.fields["partner"]
        else:
            self.fields["partner"].queryset = alliance.partners.order_by("name")
            self.fields["partner"].empty_label = "Not said"
        self.fields["known_by"].queryset = (Contact.objects.filter(alliance=alliance, side=t.Side.OURS)
                                            .exclude(pk=self.instance.pk).order_by("name"))
        self.fields["known_by"].empty_label = "Nobody yet"
        self.fields["unit"].choices = [("", "Not known")] + list(self.fields["unit"].choices)[1:]
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["side"].choices = [c for c in self.fields["side"].choices if c[0]]

    def clean(self):
        cleaned = super().clean()
        side = cleaned.get("side")
        if side == t.Side.OURS:
            if cleaned.get("unit"):
                self.add_error("unit", "People on our side have no partner unit: leave it as “Not known”.")
            if cleaned.get("partner"):
                self.add_error("partner", "People on our side work for our firm, not for a partner.")
            if cleaned.get("known_by"):
                self.add_error("known_by", "Only the partner's people are known by someone on our side.")
        if self.only_partner is not None:
            self.instance.partner = self.only_partner if side == t.Side.PARTNER else None
        if self.instance.pk and side and side != self.instance.side and side == t.Side.PARTNER:
            knows = list(self.instance.knows.values_list("name", flat=True))
            if knows:
                self.add_error("side", f"{self.instance.name} holds the relationship with {', '.join(knows)}: "
                                       "name someone else on our side for them first.")
        return cleaned


class LeftForm(forms.Form):
    left = forms.DateField(widget=DATE, label="Left on")


class InteractionForm(CleanText, forms.ModelForm):
    ours = ContactChoice(queryset=Contact.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
                         label="Our people")
    theirs = ContactChoice(queryset=Contact.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
                           label="Their people")

    class Meta:
        model = Interaction
        fields = ["date", "kind", "ours", "theirs", "initiated_by", "decision_without_us", "cost_not_in_plan",
                  "terms_reopened", "note"]
        widgets = {"date": DATE, "kind": forms.RadioSelect, "initiated_by": forms.RadioSelect,
                   "note": forms.Textarea(attrs={"rows": 3})}
        labels = {"initiated_by": "Who asked for it"}
        help_texts = {
            "decision_without_us": "The partner decided something about the alliance without you in the room. "
                                   "“The sales go on when you're not in the room” (thesis 4.4.3; 5.3.2).",
            "cost_not_in_plan": "A cost came up that nobody planned, e.g. travel, local fees or certification "
                                "in the partner's country (thesis 4.4.2; 5.2.2).",
            "terms_reopened": "They want to renegotiate something already agreed: the hold-up the thesis warns of "
                              "(2.8.2; 5.2.2).",
        }

    def __init__(self, *args, alliance, **kwargs):
        super().__init__(*args, **kwargs)
        self.alliance = alliance
        on = today()
        if not self.instance.pk:
            self.initial.setdefault("date", on)
        for name, side in (("ours", t.Side.OURS), ("theirs", t.Side.PARTNER)):
            # People still there, and anyone already recorded at this meeting (editing keeps them).
            present = (Contact.objects.filter(alliance=alliance, side=side)
                       .filter(Q(left__isnull=True) | Q(left__gt=on)))
            if self.instance.pk:
                present = present | Contact.objects.filter(alliance=alliance, side=side,
                                                           pk__in=getattr(self.instance, name).all())
            self.fields[name].queryset = present.distinct().order_by("name", "pk")
        self.fields["initiated_by"].choices = [("", "Not noted")] + [
            c for c in self.fields["initiated_by"].choices if c[0]]
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > today():
            raise forms.ValidationError("That day has not come yet: log meetings that happened, and set a meeting "
                                        "you plan as the next step.")
        return day


class NextStepForm(CleanText, forms.ModelForm):
    class Meta:
        model = NextStep
        fields = ["text", "due", "owner"]
        widgets = {"due": DATE}
        labels = {"text": "Next step", "due": "Due", "owner": "Who does it"}
        help_texts = {"text": "One concrete thing, e.g. “Demo to the field sales team in Pune”.",
                      "owner": "A name: a step nobody owns is no step."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A date makes "late" possible: the signal Odoo's planned / late / none rests on.
        self.fields["due"].required = True
        self.fields["due"].error_messages["required"] = "Give the step a date: without one it can never be late."
