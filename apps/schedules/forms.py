from __future__ import annotations

from django import forms

from apps.core import forms as core_forms
from apps.schedules.categories import Category
from apps.schedules.fields import (  # noqa: F401  (names other modules read here)
    BAD_DATE,
    NAME_TAKEN,
    DateListField,
    EighthsField,
    UniqueInProduction,
)
from apps.schedules.models import (
    BreakdownElement,
    CastMember,
    DayKind,
    DayNight,
    IntExt,
    Location,
    RevisionColour,
    ScheduleSettings,
    Set,
    ShootDay,
)
from apps.schedules.zones import zone_at


class ScriptUploadForm(forms.Form):
    file = forms.FileField(help_text="Fountain (.fountain, .txt) or Final Draft (.fdx).")
    colour = forms.ChoiceField(
        label="Revision colour", choices=RevisionColour.choices, required=False
    )
    lock_numbers = forms.BooleanField(
        label="Lock scene numbers",
        required=False,
        help_text="Scenes keep their numbers; a scene inserted after 12 becomes 12A. The usual "
        "practice once the board exists.",
    )


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
    """Put an element on a scene from its breakdown sheet; Cast puts a part on it."""

    category = forms.ChoiceField(choices=Category.choices, initial=Category.BACKGROUND)
    name = forms.CharField(
        max_length=200, widget=forms.TextInput(attrs={"list": "known-names", "autocomplete": "off"})
    )


class CastForm(UniqueInProduction, forms.ModelForm):
    unique_field = "character"
    unique_lookup = "iexact"
    unavailable_dates = DateListField(required=False, help_text="YYYY-MM-DD, one a line.")

    class Meta:
        model = CastMember
        fields = [
            "id_number", "character", "speaking", "actor", "email", "phone", "unavailable_dates",
        ]  # fmt: skip
        help_texts = {
            "id_number": "Giving a part an ID another part has swaps the two.",
            "speaking": "Untick for a silent part (a featured extra, a stand-in with a name).",
        }


class CastAddForm(forms.Form):
    character = forms.CharField(max_length=200)
    speaking = forms.BooleanField(
        required=False, initial=True, help_text="Untick for a silent part."
    )
    actor = forms.CharField(max_length=200, required=False)
    id_number = forms.IntegerField(
        label="Cast ID", min_value=1, required=False, help_text="Blank: the next one free."
    )


class CastMergeForm(forms.Form):
    into = core_forms.ModelMultipleChoiceField(
        label="Becomes",
        queryset=CastMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Its scenes go to every part ticked: tick both for a cue like EDWARD AND WILL.",
    )

    def __init__(self, *args, member: CastMember, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = CastMember.objects.filter(
            production=member.production_id
        ).exclude(pk=member.pk)


ELEMENT_CATEGORIES = [c for c in Category.choices if c[0] != Category.CAST]


class ElementEditForm(forms.Form):
    category = forms.ChoiceField(choices=ELEMENT_CATEGORIES)
    name = forms.CharField(max_length=200)
    quantity = forms.IntegerField(min_value=1, initial=1, help_text="20 background, 3 cars.")


class ElementMergeForm(forms.Form):
    elements = core_forms.ModelMultipleChoiceField(queryset=BreakdownElement.objects.none())
    into = core_forms.ModelChoiceField(queryset=BreakdownElement.objects.none())

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        found = BreakdownElement.objects.filter(production=production)
        self.fields["elements"].queryset = found
        self.fields["into"].queryset = found


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
        field.choices = [
            ("", f"From the coordinates (without them, the production's: {zone})"),
            *field.choices[1:],
        ]
        field.help_text = (
            "Sunrise and sunset on the call sheet are shown on this zone's clock. Left blank, it "
            "is the zone the coordinates are in (a London production shooting in San Francisco: "
            "America/Los_Angeles)."
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("time_zone"):  # shown on the form from now on, and changeable
            cleaned["time_zone"] = zone_at(cleaned.get("latitude"), cleaned.get("longitude"))
        return cleaned


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
        # A key no row can have is an invalid choice, not a 500 (SQLite's integers overflow).
        field_classes = {"travellers": core_forms.ModelMultipleChoiceField}
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


class ScheduleSettingsForm(forms.ModelForm):
    holidays = DateListField(required=False, help_text="YYYY-MM-DD, one a line.")
    page_limit = EighthsField(label="Page limit per day", help_text="In eighths: 5, 4 4/8.")

    class Meta:
        model = ScheduleSettings
        fields = [
            "work_weekends", "holidays", "minutes_per_page", "company_move_minutes",
            "min_turnaround_hours", "default_call", "default_wrap", "lock_scene_numbers",
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


# The board's forms live in board_forms.py; views read them here with the others.
from apps.schedules.board_forms import (  # noqa: E402, F401
    BannerAddForm,
    BannerForm,
    BannerMoveForm,
    BoardFilterForm,
    DaysFillForm,
    IdListField,
    MoveForm,
    MoveManyForm,
    ScenarioForm,
    ScenarioMoveForm,
    SortForm,
    day_or_bin,
)
