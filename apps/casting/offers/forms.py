"""Forms for offers, their amendments and holds."""

from __future__ import annotations

from django import forms

from apps.casting.offers.models import OFFER_TERMS, HoldPosition, Offer
from apps.core import forms as core_forms
from apps.core.money import money_inputs
from apps.crew.forms import DATE


class OfferForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Offer
        fields = ["role", "actor", *OFFER_TERMS]
        widgets = {"perks": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, currency: str, roles=None, actors=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        money_inputs(self, currency)
        if roles is not None:
            self.fields["role"].queryset = roles
        if actors is not None:
            self.fields["actor"].queryset = actors
        if self.instance.pk:  # who and what the offer is for: a different one is a new offer
            del self.fields["role"], self.fields["actor"]
            self.fields["version"].initial = self.instance.version

    def terms(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in OFFER_TERMS}


class OfferAmendmentForm(OfferForm):
    """The offer's terms as they should be, and why: the terms that differ make the amendment."""

    reason = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class AcceptForm(forms.Form):
    typed_name = forms.CharField(label="Type your full name to accept", max_length=150)


class HoldForm(forms.Form):
    role = core_forms.ModelChoiceField(queryset=None)
    actor = core_forms.ModelChoiceField(queryset=None)
    position = forms.TypedChoiceField(choices=HoldPosition.choices, coerce=int)
    expires_on = forms.DateField(widget=DATE)

    def __init__(self, *args, roles, actors, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles
        self.fields["actor"].queryset = actors
