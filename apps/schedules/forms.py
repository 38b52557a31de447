from __future__ import annotations

from datetime import date

from django import forms

from apps.core import forms as core_forms
from apps.core.forms import plain_int
from apps.schedules.categories import Category
from apps.schedules.importers.eighths import format_eighths, parse_eighths
from apps.schedules.models import (
    CastMember,
    DayKind,
    DayNight,
    IntExt,
    Location,
    ScheduleSettings,
    Set,
    ShootDay,
)

BAD_DATE = "Write dates as YYYY-MM-DD, one a line: {value!r} is not one."
NAME_TAKEN = "This production already has one called {name!r}."


class UniqueInProduction:
    """ModelForms here leave `production` out, so Django skips the (production, name) unique
    constraints; check the one named field against the rest of the production instead."""

    unique_field = "name"

    def clean(self):
        cleaned = super().clean()
        value = cleaned.get(self.unique_field)
        instance = self.instance
        if value:
            taken = (
                type(instance)
                .objects.filter(production=instance.production_id, **{self.unique_field: value})
                .exclude(pk=instance.pk)
            )
            if taken.exists():
                self.add_error(self.unique_field, NAME_TAKEN.format(name=value))
        return cleaned


class EighthsField(forms.CharField):
    """A page length typed as '3 4/8', '7/8' or '2'; cleaned to a whole number of eighths."""

    def prepare_value(self, value):
        return format_eighths(value) if isinstance(value, int) else value

    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_eighths(value or "0")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class DateListField(forms.CharField):
    """ISO dates, one per line (or comma separated), cleaned to a sorted list of ISO strings."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def clean(self, value):
        value = super().clean(value) or ""
        found = set()
        for part in value.replace(",", "\n").split():
            try:
                found.add(date.fromisoformat(part.strip()).isoformat())
            except ValueError as exc:
                raise forms.ValidationError(BAD_DATE.format(value=part)) from exc
        return sorted(found)


class ScriptUploadForm(forms.Form):
    file = forms.FileField(help_text="Fountain (.fountain, .txt) or Final Draft (.fdx).")


class SceneForm(forms.Form):
    number = forms.CharField(max_length=20)
    int_ext = forms.ChoiceField(
        label="INT/EXT", choices=[("", "—"), *IntExt.choices], required=False
    )
    set_name = forms.CharField(label="Set", max_length=200)
    time_of_day = forms.CharField(
        max_length=30, required=False, help_text="As the script says: NIGHT (1973), CONTINUOUS."
    )
    day_night = forms.ChoiceField(
        label="Day/night",
        choices=[("", "From the time of day"), *DayNight.choices],
        required=False,
        help_text="The light the strip shows. Left to the time of day, CONTINUOUS or LATER "
        "carries on the light of the scene before.",
    )
    eighths = EighthsField(label="Pages", help_text="In eighths: 1 3/8, 7/8, 2.")
    synopsis = forms.CharField(max_length=300, required=False)
    cast = core_forms.ModelMultipleChoiceField(
        queryset=CastMember.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cast"].queryset = CastMember.objects.filter(production=production)


class SplitForm(forms.Form):
    new_number = forms.CharField(max_length=20, help_text="For example 12A.")
    new_eighths = EighthsField(label="Pages of the new part")


class ElementForm(forms.Form):
    category = forms.ChoiceField(choices=[c for c in Category.choices if c[0] != Category.CAST])
    name = forms.CharField(max_length=200)


class CastForm(UniqueInProduction, forms.ModelForm):
    unique_field = "character"
    unavailable_dates = DateListField(required=False, help_text="YYYY-MM-DD, one a line.")

    class Meta:
        model = CastMember
        fields = ["id_number", "character", "actor", "email", "phone", "unavailable_dates"]


class LocationForm(UniqueInProduction, forms.ModelForm):
    unavailable_dates = DateListField(required=False, help_text="YYYY-MM-DD, one a line.")

    class Meta:
        model = Location
        fields = [
            "name", "address", "latitude", "longitude", "time_zone", "contact_name",
            "contact_phone", "contact_email", "parking", "hospital_name", "hospital_address",
            "hospital_phone",
            "permit_status", "permit_start", "permit_end", "unavailable_dates", "notes",
        ]  # fmt: skip
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "parking": forms.Textarea(attrs={"rows": 2}),
            "hospital_address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "permit_start": forms.DateInput(attrs={"type": "date"}),
            "permit_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The production's own zone list; blank reads as the production's zone.
        zone = self.instance.production.time_zone
        field = self.fields["time_zone"]
        field.choices = [("", f"Same as the production ({zone})"), *field.choices[1:]]
        field.help_text = (
            "Sunrise and sunset on the call sheet are shown on this zone's clock. Choose it when "
            "the place is in another zone than the production's (a London production shooting "
            "in San Francisco: America/Los_Angeles)."
        )


class SetForm(forms.Form):
    """Rename a set and map it to a location; the name is checked by services.set_rename, which
    refuses one another set has in any case and the page then offers a merge."""

    name = forms.CharField(max_length=200, help_text="A name another set has: merge them instead.")
    location = core_forms.ModelChoiceField(
        queryset=Location.objects.none(), required=False, label="Shot at"
    )

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.filter(production=production)


class SetMergeForm(forms.Form):
    """Sets picked on the sets page, and the one whose name and location are kept."""

    sets = core_forms.ModelMultipleChoiceField(queryset=Set.objects.none())
    target = core_forms.ModelChoiceField(queryset=Set.objects.none())

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("sets", "target"):
            self.fields[name].queryset = Set.objects.filter(production=production)


class DayForm(forms.ModelForm):
    class Meta:
        model = ShootDay
        fields = ["kind", "unit", "call_time", "wrap_time", "travellers", "notes"]
        widgets = {
            "call_time": forms.TimeInput(attrs={"type": "time"}),
            "wrap_time": forms.TimeInput(attrs={"type": "time"}),
            "travellers": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["travellers"].queryset = CastMember.objects.filter(production=production)


class DayInsertForm(forms.Form):
    at = forms.IntegerField(min_value=1, required=False)
    kind = forms.ChoiceField(choices=DayKind.choices, initial=DayKind.SHOOT)


class MoveForm(forms.Form):
    scene = forms.IntegerField()
    day = forms.CharField(required=False, help_text="A shoot day id, or empty / 'bin' for the bin.")
    day_number = forms.IntegerField(min_value=1, required=False)
    position = forms.IntegerField(min_value=0, required=False)

    def clean_day(self):
        value = (self.cleaned_data.get("day") or "").strip()
        if value in ("", "bin"):
            return None
        day = plain_int(value)
        if day is None:
            raise forms.ValidationError("Not a day.")
        return day


class ScheduleSettingsForm(forms.ModelForm):
    holidays = DateListField(required=False, help_text="YYYY-MM-DD, one a line.")
    page_limit = EighthsField(label="Page limit per day", help_text="In eighths: 5, 4 4/8.")

    class Meta:
        model = ScheduleSettings
        fields = [
            "work_weekends", "holidays", "minutes_per_page", "min_turnaround_hours",
            "default_call", "default_wrap",
        ]  # fmt: skip
        widgets = {
            "default_call": forms.TimeInput(attrs={"type": "time"}),
            "default_wrap": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_limit"].initial = self.instance.page_limit_eighths

    def save(self, commit=True):
        self.instance.page_limit_eighths = self.cleaned_data["page_limit"]
        return super().save(commit)
