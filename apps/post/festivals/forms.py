"""The festival tracker's forms: thin, each field a service argument."""

from __future__ import annotations

from django import forms

from apps.core.forms import ModelChoiceField
from apps.post.festivals.models import Deadline, Festival
from apps.post.festivals.services import FEE_ACCOUNT
from apps.vendors.models import Vendor

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIELDS = [
    "name",
    "place",
    "website",
    "festival_starts",
    "early_deadline",
    "early_fee",
    "regular_deadline",
    "regular_fee",
    "late_deadline",
    "late_fee",
    "premiere",
    "premiere_notes",
    "status",
    "submitted_on",
    "result",
    "vendor",
    "notes",
]


class FestivalForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Festival
        fields = FIELDS
        widgets = {
            "festival_starts": DATE,
            "early_deadline": DATE,
            "regular_deadline": DATE,
            "late_deadline": DATE,
            "submitted_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"vendor": ModelChoiceField}

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = Vendor.objects.filter(production=production)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        for key in ("early_fee", "regular_fee", "late_fee"):
            self.fields[key].min_value = 0
            self.fields[key].widget.attrs["min"] = "0"

    def clean(self):
        data = super().clean()
        for key in ("early_fee", "regular_fee", "late_fee"):
            value = data.get(key)
            if value is not None and value < 0:
                self.add_error(key, "A fee cannot be negative.")
        return data

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}


class FeeOrderForm(forms.Form):
    deadline = forms.ChoiceField(label="Fee of the deadline", choices=Deadline.choices)
    vendor = ModelChoiceField(queryset=Vendor.objects.none(), required=False)
    account_number = forms.CharField(
        label="Budget account",
        max_length=20,
        initial=FEE_ACCOUNT,
        help_text="The account the fee is charged to.",
    )

    def __init__(self, *args, festival: Festival, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = Vendor.objects.filter(production=festival.production_id)
        self.fields["vendor"].initial = festival.vendor_id
        self.fields["vendor"].help_text = "Who the fee is paid to (a vendor of the production)."
        choices = [(key, f"{label}: {fee}") for key, label, _, fee in festival.deadlines() if fee]
        if choices:
            self.fields["deadline"].choices = choices
