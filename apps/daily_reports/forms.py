"""The report's edit page: its notes, and one formset per table (units, scenes, cast, background,
crew, exceptions, delays and incidents, costs). Keys to other rows (a shoot day, a department, a
person) are chosen from lists read once for the page, never once per row."""

from __future__ import annotations

from functools import cache

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory

from apps.core.forms import QuickSelect, SharedChoices, quicken
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


def key_choices(options) -> SharedChoices:
    """The blank choice and a list of (key, name), made once for the page and shared by every
    row's field (a list would be normalized and written again for each row: 157 people on each
    exception row)."""
    return SharedChoices([("", "—"), *options])


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
                choices=options if isinstance(options, SharedChoices) else key_choices(options),
                coerce=int,
                empty_value=None,
                required=required,
                widget=QuickSelect(attrs={"class": "form-select form-select-sm"}),
            )
            if self.instance.pk is not None:
                self.initial.setdefault(name, getattr(self.instance, name))

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # The blank row adds a unit: not a second "Main unit" (the model's default name).
            self.initial["name"] = ""


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


class SharedFields(dict):
    """A row form's fields, shared by its rows instead of deep-copied for each (Django copies
    them per form so that one form may change its own; no row does: a row's key fields and its
    formset's id and delete fields are its own, added to its own copy of this dict)."""

    def __deepcopy__(self, memo):
        return dict(self)


@cache
def row_formset(form: type[RowForm]) -> type[BaseModelFormSet]:
    """The formset class of a table, made once: its fields styled, their widgets writing their
    HTML in Python (a report's tables are a few hundred fields), and shared by its rows."""
    factory = modelformset_factory(form._meta.model, form=form, extra=1, can_delete=True)
    fields = factory.form.base_fields
    for field in fields.values():
        widget = field.widget
        if not isinstance(widget, forms.CheckboxInput | QuickSelect | forms.HiddenInput):
            widget.attrs.setdefault("class", "form-select form-select-sm" if isinstance(
                widget, forms.Select) else "form-control form-control-sm")  # fmt: skip
    quicken(fields)
    factory.form.base_fields = SharedFields(fields)
    return factory


def formsets(report: DailyReport, data=None, *, choices: dict) -> dict:
    """The page's formsets over the report's rows (prefetched: `report_to_edit`)."""
    found = {}
    choices = {kind: key_choices(options) for kind, options in choices.items()}
    for prefix, (_, form) in SECTIONS.items():
        rows = getattr(report, prefix).all()
        formset = row_formset(form)(
            data, prefix=prefix, queryset=form._meta.model.objects.none(),
            form_kwargs={"choices": choices},
        )  # fmt: skip
        # The prefetched rows, in order: what the formset reads (get_queryset) for its forms
        # and, on a post, for the rows it was sent; no query per table.
        formset._queryset = list(rows)
        quicken(formset.management_form.fields)
        for row in formset.forms:
            quicken(row.fields)  # its id field (the formset's own)
        found[prefix] = formset
    return found


class DistributionListForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = DistributionList
        fields = ["addresses"]
        widgets = {"addresses": forms.Textarea(attrs={"rows": 4})}
