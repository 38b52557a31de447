"""The timecard's forms: its seven days (one small form each, laid out for a phone), the version it
was read at, a note for sending back, and an adjustment."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from apps.payroll.models import DayKind, TimecardDay

TIME = forms.TimeInput(
    attrs={"type": "time", "class": "form-control form-control-sm"}, format="%H:%M"
)
AMOUNT = forms.NumberInput(
    attrs={
        "class": "form-control form-control-sm",
        "step": "0.01",
        "min": "0",
        "inputmode": "decimal",
    }
)


def _time(label: str) -> forms.TimeField:
    return forms.TimeField(label=label, required=False, widget=TIME)


def _amount(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=False, min_value=Decimal("0"), max_digits=12, decimal_places=2,
        widget=AMOUNT,
    )  # fmt: skip


class DayForm(forms.Form):
    kind = forms.ChoiceField(
        label="Day",
        required=False,
        choices=[("", "Not worked"), *DayKind.choices],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    call = _time("Call")
    meal1_out = _time("Meal out")
    meal1_in = _time("Meal in")
    meal2_out = _time("2nd meal out")
    meal2_in = _time("2nd meal in")
    wrap = _time("Wrap")
    kit = _amount("Kit / box")
    distance = forms.DecimalField(
        label="Miles driven", required=False, min_value=Decimal("0"), max_digits=7,
        decimal_places=1, widget=AMOUNT,
    )  # fmt: skip

    def __init__(self, *args, day: TimecardDay, unit: str = "mi", **kwargs) -> None:
        self.day = day
        initial = {name: getattr(day, name) for name in self.base_fields}
        super().__init__(*args, initial=initial, prefix=f"d{day.date:%Y%m%d}", **kwargs)
        self.fields["distance"].label = "Miles driven" if unit == "mi" else "Km driven"


def day_forms(
    days: list[TimecardDay], data=None, disabled: bool = False, unit: str = "mi"
) -> list[DayForm]:
    forms_ = [DayForm(data, day=day, unit=unit) for day in days]
    if disabled:
        for form in forms_:
            for field in form.fields.values():
                field.disabled = True
    return forms_


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(VersionForm):
    note = forms.CharField(label="Why it goes back", max_length=500)


class AdjustmentForm(forms.Form):
    amount = forms.DecimalField(
        label="Amount (negative to take back)", max_digits=12, decimal_places=2
    )
    reason = forms.CharField(max_length=200)
    wage = forms.BooleanField(label="Pay (fringes apply)", required=False, initial=True)
