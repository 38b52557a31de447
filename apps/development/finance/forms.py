from __future__ import annotations

from django import forms

from apps.core.money import CurrencyInputs
from apps.development.finance.models import FinanceSource, Spread


class SourceForm(CurrencyInputs, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FinanceSource
        fields = [
            "kind", "name", "financier", "financier_contact", "amount", "status", "expected_on",
            "closed_on", "rate", "qualifying", "cap_amount", "cap_percent", "notes",
        ]  # fmt: skip
        widgets = {
            "expected_on": forms.DateInput(attrs={"type": "date"}),
            "closed_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self.fields["amount"].help_text = (
            "Empty for a tax incentive given as a rate: computed from the budget. Soft money "
            "with a fixed amount (a grant) gives the amount and no rate."
        )

    def _post_clean(self) -> None:
        # The service checks the rules and saves; the model's own constraints are its to hold.
        pass


class RuleForm(forms.Form):
    spread = forms.ChoiceField(choices=Spread.choices)
    prep_percent = forms.DecimalField(max_digits=7, decimal_places=4, required=False, min_value=0)
    shoot_percent = forms.DecimalField(max_digits=7, decimal_places=4, required=False, min_value=0)
    wrap_percent = forms.DecimalField(max_digits=7, decimal_places=4, required=False, min_value=0)
    post_percent = forms.DecimalField(max_digits=7, decimal_places=4, required=False, min_value=0)


class PostEndForm(forms.Form):
    post_end = forms.DateField(
        label="Post ends", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
