from __future__ import annotations

from django import forms

from apps.callsheets.models import CallSheet
from apps.callsheets.services import EDITABLE_FIELDS

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
CAST_TIMES = ("pickup", "hair_makeup", "on_set")


class CallSheetForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = CallSheet
        fields = EDITABLE_FIELDS
        widgets = {
            "general_call": TIME_INPUT,
            "shooting_call": TIME_INPUT,
            "breakfast": TIME_INPUT,
            "lunch": TIME_INPUT,
            "background": forms.Textarea(attrs={"rows": 3}),
            "safety_notes": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


def parse_times(data, cast_ids, person_ids) -> tuple[dict, dict, list[str]]:
    """The per-row time inputs of the edit page: cast-<pk>-<field> and crew-<person pk>. Returns
    (cast times, crew calls, errors)."""
    field = forms.TimeField(required=False)
    errors = []

    def clean(name):
        try:
            return field.clean(data.get(name, ""))
        except forms.ValidationError:
            errors.append(f"{data.get(name)!r} is not a time (HH:MM).")
            return None

    cast = {pk: {key: clean(f"cast-{pk}-{key}") for key in CAST_TIMES} for pk in cast_ids}
    crew = {pk: clean(f"crew-{pk}") for pk in person_ids}
    return cast, crew, errors
