"""The report's edit page: its notes, and one formset per table (units, scenes, cast, background,
crew, exceptions, delays and incidents, costs). Keys to other rows (a shoot day, a department, a
person) are chosen from lists read once for the page, never once per row."""

from __future__ import annotations

from django import forms
from django.forms import modelformset_factory

from apps.core.forms import QuickSelect
from apps.daily_reports.models import (
    Background,
    CastResult,
    CostItem,
    CrewException,
    CrewTimes,
    DailyReport,
    DistributionList,
    Event,
    SceneResult,
    UnitTimes,
)
from apps.daily_reports.services import HEADER_FIELDS
from apps.schedules.fields import EighthsField

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
KEY_LABELS = {
    "remaining_to_day_id": "The rest goes to (blank: the bin)",
    "department_id": "Department",
    "person_id": "Person",
}


class ReportForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = DailyReport
        fields = HEADER_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in HEADER_FIELDS}


class RowForm(forms.ModelForm):
    """A row of one of the report's tables. `keys` are its foreign keys as choices by key
    (form field -> name of the choice list the page passes, and whether one is needed)."""

    keys: dict[str, tuple[str, bool]] = {}

    def __init__(self, *args, choices: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (kind, required) in self.keys.items():
            options = (choices or {}).get(kind, [])
            self.fields[name] = forms.TypedChoiceField(
                label=KEY_LABELS[name],
                choices=[("", "—"), *options],
                coerce=int,
                empty_value=None,
                required=required,
                widget=QuickSelect(attrs={"class": "form-select form-select-sm"}),
            )
            if self.instance.pk is not None:
                self.initial.setdefault(name, getattr(self.instance, name))
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | QuickSelect | forms.HiddenInput):
                continue
            widget.attrs.setdefault("class", "form-select form-select-sm" if isinstance(
                widget, forms.Select) else "form-control form-control-sm")  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        for name in self.keys:
            setattr(self.instance, name, cleaned.get(name))
        return cleaned


class UnitForm(RowForm):
    class Meta:
        model = UnitTimes
        fields = ["name", "crew_call", "shooting_call", "first_shot", "meal_out", "meal_in",
                  "second_meal_out", "second_meal_in", "camera_wrap", "last_out"]  # fmt: skip
        widgets = {name: TIME for name in fields if name != "name"}


class SceneForm(RowForm):
    keys = {"remaining_to_day_id": ("days", False)}
    eighths_scheduled = EighthsField(label="Pages scheduled", required=False)
    eighths_shot = EighthsField(label="Pages shot", required=False)

    class Meta:
        model = SceneResult
        fields = ["number", "status", "eighths_scheduled", "eighths_shot", "setups", "minutes",
                  "notes"]  # fmt: skip

    def clean_eighths_scheduled(self):
        return self.cleaned_data.get("eighths_scheduled") or 0

    def clean_eighths_shot(self):
        return self.cleaned_data.get("eighths_shot") or 0


class CastForm(RowForm):
    class Meta:
        model = CastResult
        fields = ["role", "name", "status", "time_in", "meal_out", "meal_in", "time_out",
                  "travel_out", "travel_in", "notes"]  # fmt: skip
        widgets = dict.fromkeys(fields[3:9], TIME)


class BackgroundForm(RowForm):
    class Meta:
        model = Background
        fields = ["description", "count", "time_in", "time_out", "notes"]
        widgets = {"time_in": TIME, "time_out": TIME}


class CrewForm(RowForm):
    keys = {"department_id": ("departments", True)}

    class Meta:
        model = CrewTimes
        fields = ["time_in", "meal_out", "meal_in", "time_out"]
        widgets = dict.fromkeys(fields, TIME)


class ExceptionForm(RowForm):
    keys = {"person_id": ("people", True)}

    class Meta:
        model = CrewException
        fields = ["absent", "time_in", "meal_out", "meal_in", "time_out", "reason"]
        widgets = dict.fromkeys(["time_in", "meal_out", "meal_in", "time_out"], TIME)


class EventForm(RowForm):
    class Meta:
        model = Event
        fields = ["kind", "at", "minutes", "description"]
        widgets = {"at": TIME, "description": forms.TextInput()}


class CostForm(RowForm):
    class Meta:
        model = CostItem
        fields = ["description", "planned", "actual"]


# prefix -> (title, model form): the order the edit page shows them in.
SECTIONS = {
    "units": ("Times", UnitForm),
    "scenes": ("Scenes", SceneForm),
    "cast": ("Cast", CastForm),
    "background": ("Background", BackgroundForm),
    "crew": ("Crew by department", CrewForm),
    "exceptions": ("Crew exceptions", ExceptionForm),
    "events": ("Delays, incidents and accidents", EventForm),
    "costs": ("Other costs of the day", CostForm),
}


def formsets(report: DailyReport, data=None, *, choices: dict) -> dict:
    """The page's formsets over the report's rows (prefetched: `report_for`)."""
    found = {}
    for prefix, (_, form) in SECTIONS.items():
        model = form._meta.model
        factory = modelformset_factory(model, form=form, extra=1, can_delete=True)
        rows = getattr(report, prefix).all()
        queryset = model.objects.filter(pk__in=[row.pk for row in rows])
        formset = factory(data, prefix=prefix, queryset=queryset, form_kwargs={"choices": choices})
        formset._queryset = list(rows)  # the prefetched rows, in order: no query per table
        found[prefix] = formset
    return found


class DistributionListForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = DistributionList
        fields = ["addresses"]
        widgets = {"addresses": forms.Textarea(attrs={"rows": 4})}
