"""The deal form: its terms, and its instalments typed one per line ("2027-03-01 25000 on
signature"), read here into dates and amounts with a clear error per line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms

from apps.core import forms as core_forms
from apps.core.money import money_inputs
from apps.post.deliverables.forms import DATE
from apps.post.deliverables.models import Checklist
from apps.post.distribution.models import Deal
from apps.post.distribution.services import PlannedInstalment

BAD_LINE = "Line {n}: write the date (YYYY-MM-DD), then the amount, then a note if you like."
BAD_DATE = "Line {n}: {text!r} is not a date (YYYY-MM-DD)."
BAD_AMOUNT = "Line {n}: {text!r} is not an amount."
NOT_POSITIVE = "Line {n}: an instalment is more than zero."


def parse_instalments(text: str) -> list[PlannedInstalment]:
    found, errors = [], []
    for n, line in enumerate(text.splitlines(), start=1):
        parts = line.strip().split(None, 2)
        if not parts:
            continue
        if len(parts) < 2:
            errors.append(BAD_LINE.format(n=n))
            continue
        try:
            due = date.fromisoformat(parts[0])
        except ValueError:
            errors.append(BAD_DATE.format(n=n, text=parts[0]))
            continue
        try:
            amount = Decimal(parts[1].replace(",", ""))
        except InvalidOperation:
            errors.append(BAD_AMOUNT.format(n=n, text=parts[1]))
            continue
        if not amount.is_finite() or amount <= 0:
            errors.append(NOT_POSITIVE.format(n=n))
            continue
        found.append(PlannedInstalment(due, amount, parts[2] if len(parts) > 2 else ""))
    if errors:
        raise forms.ValidationError(errors)
    return found


def instalments_text(deal: Deal) -> str:
    return "\n".join(
        f"{i.due_date:%Y-%m-%d} {i.amount.normalize():f} {i.note}".rstrip()
        for i in deal.instalments.all()
    )


class DealForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    instalments = forms.CharField(
        label="Payment dates (instalments of the minimum guarantee)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "2027-03-01 25000 on signature"}),
        help_text="One per line: the date, the amount, a note. They must add up to the minimum "
        "guarantee.",
    )

    class Meta:
        model = Deal
        fields = [
            "territory",
            "theatrical",
            "tv",
            "streaming",
            "home",
            "exclusive",
            "licensor",
            "licensee",
            "term_start",
            "term_end",
            "minimum_guarantee",
            "delivery_due",
            "checklist",
            "notes",
        ]
        field_classes = {"checklist": core_forms.ModelChoiceField}
        widgets = {
            "term_start": DATE,
            "term_end": DATE,
            "delivery_due": DATE,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, production, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        money_inputs(self, production.currency)
        self.fields["checklist"].queryset = Checklist.objects.filter(production=production)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["instalments"].initial = instalments_text(self.instance)

    def clean_instalments(self) -> list[PlannedInstalment]:
        return parse_instalments(self.cleaned_data["instalments"])
