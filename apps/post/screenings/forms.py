"""Screenings' forms: thin, each field a service argument."""

from __future__ import annotations

from django import forms

from apps.core.forms import ModelChoiceField
from apps.core.money import CurrencyInputs, MoneyFormField
from apps.post.screenings.models import QUESTIONS, Screening
from apps.post.screenings.queries import GROUPS
from apps.post.screenings.services import MOST_PLUS_ONES
from apps.vendors.models import Vendor

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
FIELDS = ["kind", "title", "date", "starts_at", "venue", "cut_shown", "notes"]


class ScreeningForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Screening
        fields = FIELDS
        widgets = {"date": DATE, "starts_at": TIME, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class CostForm(CurrencyInputs, forms.Form):
    description = forms.CharField(max_length=200)
    amount = MoneyFormField(min_value=0)
    vendor = ModelChoiceField(queryset=Vendor.objects.none(), required=False)
    account_number = forms.CharField(
        label="Budget account", max_length=20, required=False,
        help_text="Needed to make it a purchase order (a post account, e.g. 5800).",
    )  # fmt: skip

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, currency=production.currency, **kwargs)
        self.fields["vendor"].queryset = Vendor.objects.filter(production=production)


class GuestForm(forms.Form):
    name = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mail")


class GroupForm(forms.Form):
    group = forms.ChoiceField(choices=list(GROUPS.items()))


class RsvpForm(forms.Form):
    plus_ones = forms.IntegerField(
        label="Guests you bring", min_value=0, max_value=MOST_PLUS_ONES, initial=0, required=False
    )


RATING = [("", "–"), *((str(n), str(n)) for n in range(1, 6))]


class FeedbackForm(forms.Form):
    comments = forms.CharField(
        label="Anything else you want to tell us", widget=forms.Textarea(attrs={"rows": 4}),
        required=False, max_length=5000,
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in QUESTIONS:
            self.fields[name] = forms.TypedChoiceField(
                label=f"{question} (1 poor, 5 great)", choices=RATING, coerce=int,
                empty_value=None, required=False, widget=forms.RadioSelect,
            )  # fmt: skip
        self.order_fields([*(name for name, _ in QUESTIONS), "comments"])

    def ratings(self) -> dict:
        return {name: self.cleaned_data.get(name) for name, _ in QUESTIONS}
