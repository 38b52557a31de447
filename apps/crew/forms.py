from __future__ import annotations

from decimal import Decimal

from django import forms

from apps.core import forms as core_forms
from apps.core.money import money_inputs
from apps.crew.models import (
    MEMO_TERMS,
    Candidate,
    DealMemo,
    Department,
    Opening,
    PayRules,
    Person,
    Position,
    Stage,
)
from apps.crew.models.pay_rules import RULE_FIELDS, DistanceUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PHONE_HELP = "With the country code, e.g. +1 212 555 0100."


PERSON_EXISTS = "{email} is already in the directory."
DEPARTMENT_EXISTS = "There is already a {name} department."


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "order"]

    def clean_name(self) -> str:
        # The unique constraint also names the production, which is not a form field, so Django
        # would not check it here: ask explicitly rather than fail on save.
        name = self.cleaned_data["name"].strip()
        others = Department.objects.filter(
            production_id=self.instance.production_id, name__iexact=name
        ).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(DEPARTMENT_EXISTS.format(name=name))
        return name


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["department", "title", "account_number", "rate_min", "rate_max"]
        help_texts = {"account_number": "The budget account its pay is committed to, e.g. 3301."}

    def __init__(self, *args, departments=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if departments is not None:
            self.fields["department"].queryset = departments

    def clean(self) -> dict:
        data = super().clean()
        low, high = data.get("rate_min"), data.get("rate_max")
        if low is not None and high is not None and low > high:
            self.add_error("rate_max", "The highest rate is below the lowest.")
        return data


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "email",
            "phone",
            "union",
            "emergency_contact",
            "emergency_phone",
            "notes",
        ]
        help_texts = {"phone": PHONE_HELP, "emergency_phone": PHONE_HELP}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, show_contacts: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not show_contacts:
            for name in ("phone", "emergency_contact", "emergency_phone"):
                del self.fields[name]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        others = Person.objects.filter(
            production_id=self.instance.production_id, email__iexact=email
        ).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(PERSON_EXISTS.format(email=email))
        return email


class OpeningForm(forms.ModelForm):
    class Meta:
        model = Opening
        fields = ["position", "start_date", "end_date", "rate", "description", "status"]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, positions=None, show_rates: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if positions is not None:
            self.fields["position"].queryset = positions
        if not show_rates:
            del self.fields["rate"]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and start > end:
            self.add_error("end_date", "The end is before the start.")
        return data


class CandidateAddForm(forms.Form):
    name = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mail")

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class CandidateForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["stage", "interview_at", "notes", "cv"]
        widgets = {"interview_at": DATETIME, "notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"cv": "PDF or Word (.docx), up to 10 MB."}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Hired is reached by accepting a deal memo, not chosen here.
        self.fields["stage"].choices = [
            (value, label)
            for value, label in Stage.choices
            if value != Stage.HIRED or (self.instance and self.instance.stage == Stage.HIRED)
        ]


class MoveForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices)


class DealMemoForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DealMemo
        fields = ["person", *MEMO_TERMS]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, currency: str, people=None, positions=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        money_inputs(self, currency)
        if people is not None:
            self.fields["person"].queryset = people
        if positions is not None:
            self.fields["position"].queryset = positions
        if self.instance.pk:
            # The person is who the memo is for; a different person is a different memo.
            del self.fields["person"]
            self.fields["version"].initial = self.instance.version

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and start > end:
            self.add_error("end_date", "The end is before the start.")
        ot, dt = data.get("overtime_after"), data.get("double_time_after")
        if ot is not None and dt is not None and dt < ot:
            self.add_error("double_time_after", "Double time starts after time and a half.")
        return data

    def terms(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("person", "version")}


class AmendmentForm(DealMemoForm):
    """The memo's terms as they should be, and why: the terms that differ make the amendment."""

    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The hire reads this with the changes.",
    )

    def terms(self) -> dict:
        terms = super().terms()
        terms.pop("reason", None)
        return terms


class AcceptForm(forms.Form):
    typed_name = forms.CharField(label="Type your full name to accept", max_length=150)


class ReleaseForm(forms.Form):
    last_day = forms.DateField(label="Last day worked", widget=DATE)
    reason = forms.CharField(max_length=200)


DEPARTMENT_POSITION = "Choose a position in your department for the day player."


class DayAssignmentForm(forms.Form):
    shoot_day = core_forms.ModelChoiceField(queryset=None, label="Day")
    person = core_forms.ModelChoiceField(queryset=None)
    position = core_forms.ModelChoiceField(queryset=None, required=False)
    call_time = forms.TimeField(
        required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    notes = forms.CharField(max_length=200, required=False)

    def __init__(
        self, *args, shoot_days, people, positions, position_required=False, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shoot_day"].queryset = shoot_days
        self.fields["person"].queryset = people
        self.fields["position"].queryset = positions
        if position_required:
            self.fields["position"].required = True
            self.fields["position"].error_messages["required"] = DEPARTMENT_POSITION


class PayRulesForm(forms.ModelForm):
    class Meta:
        model = PayRules
        fields = RULE_FIELDS  # the service saves (and words) exactly these

    def __init__(self, *args, currency: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        money_inputs(self, currency)
        # Mileage is optional: left out, no mileage is paid, in miles.
        for name in ("mileage_rate", "distance_unit"):
            self.fields[name].required = False

    def clean_mileage_rate(self):
        value = self.cleaned_data.get("mileage_rate")
        return Decimal("0") if value is None else value

    def clean_distance_unit(self):
        return self.cleaned_data.get("distance_unit") or DistanceUnit.MILE
