"""The board's forms: moves, sorts, filters, banners, automatic day breaks, and scenarios."""

from __future__ import annotations

from django import forms

from apps.core import forms as core_forms
from apps.core.forms import MAX_KEY, plain_int
from apps.schedules.fields import EighthsField
from apps.schedules.importers.eighths import parse_eighths
from apps.schedules.models import (
    BannerKind,
    BreakdownElement,
    CastMember,
    Location,
    Scenario,
    Set,
)


def day_or_bin(value) -> int | None:
    """A shoot day's id, or None for the bin ('' or 'bin')."""
    value = (value or "").strip()
    if value in ("", "bin"):
        return None
    day = plain_int(value)
    if day is None:
        raise forms.ValidationError("Not a day.")
    return day


class IdListField(forms.Field):
    """Several ids under one name (checkboxes): a list of ints."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        ids = [plain_int(v) for v in (value or [])]
        if any(i is None for i in ids):
            raise forms.ValidationError("Not a scene.")
        return ids


class MoveManyForm(forms.Form):
    scenes = IdListField()
    day = forms.CharField(required=False)
    position = forms.IntegerField(min_value=0, required=False)

    def clean_day(self):
        return day_or_bin(self.cleaned_data.get("day"))


class SortForm(forms.Form):
    day = forms.CharField(required=False)
    key = forms.ChoiceField(choices=[])

    def __init__(self, *args, **kwargs):
        from apps.schedules.services import SORTS

        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(key, label) for key, (label, _) in SORTS.items()]

    def clean_day(self):
        return day_or_bin(self.cleaned_data.get("day"))


class BannerForm(forms.Form):
    kind = forms.ChoiceField(choices=BannerKind.choices)
    text = forms.CharField(max_length=200, required=False)


class BannerAddForm(BannerForm):
    day = forms.IntegerField()
    position = forms.IntegerField(min_value=0, required=False)


class BannerMoveForm(forms.Form):
    day = forms.CharField(required=False)
    position = forms.IntegerField(min_value=0)

    def clean_day(self):
        return day_or_bin(self.cleaned_data.get("day"))


class BoardFilterForm(forms.Form):
    """What the board's strips are filtered by; every field optional, all of them must match."""

    number = forms.CharField(
        label="Scenes", required=False, help_text="Numbers or ranges: 4, 12A, 20-31"
    )
    set = core_forms.ModelChoiceField(queryset=Set.objects.none(), required=False)
    location = core_forms.ModelChoiceField(queryset=Location.objects.none(), required=False)
    int_ext = forms.ChoiceField(
        label="INT/EXT", choices=[("", "INT/EXT"), ("INT", "INT"), ("EXT", "EXT")], required=False
    )
    light = forms.ChoiceField(
        label="Day/night", choices=[("", "D/N"), ("DAY", "Day"), ("NIGHT", "Night")], required=False
    )
    cast = core_forms.ModelChoiceField(queryset=CastMember.objects.none(), required=False)
    element = core_forms.ModelChoiceField(queryset=BreakdownElement.objects.none(), required=False)
    pages = forms.CharField(
        label="Pages", required=False, max_length=30, help_text="1-2 4/8, -4/8 (up to), 3- (from)"
    )
    hide = forms.BooleanField(label="Hide the others", required=False)

    def clean_pages(self) -> tuple[int, int | None] | None:
        """'1-2 4/8' -> (8, 20) eighths; '-4/8' up to, '3-' from, '1 4/8' exactly."""
        text = self.cleaned_data["pages"].strip()
        if not text:
            return None
        low, dash, high = text.partition("-")
        try:
            first = parse_eighths(low.strip() or "0")
            last = parse_eighths(high.strip()) if high.strip() else None
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return (first, last if dash else first)

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the choices' names read: a large board offers a few hundred of them.
        mine = {"production": production}
        self.fields["set"].queryset = Set.objects.filter(**mine).only("name")
        self.fields["location"].queryset = Location.objects.filter(**mine).only("name")
        self.fields["cast"].queryset = CastMember.objects.filter(**mine).only(
            "id_number", "character"
        )
        self.fields["element"].queryset = BreakdownElement.objects.filter(**mine).only(
            "category", "name"
        )


class DaysFillForm(forms.Form):
    """Day breaks by a page or a time target."""

    source = forms.ChoiceField(
        choices=[("bin", "the unscheduled strips"), ("all", "every strip, in board order")]
    )
    pages = EighthsField(label="Pages a day", required=False, help_text="5, 4 4/8")
    minutes = forms.IntegerField(label="or minutes a day", min_value=1, required=False)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("pages")) == bool(cleaned.get("minutes")):
            raise forms.ValidationError("Give a page target or a time target, not both.")
        return cleaned


class MoveForm(forms.Form):
    scene = forms.IntegerField(min_value=1, max_value=MAX_KEY)
    day = forms.CharField(required=False, help_text="A shoot day id, or empty / 'bin' for the bin.")
    day_number = forms.IntegerField(min_value=1, max_value=MAX_KEY, required=False)
    position = forms.IntegerField(min_value=0, max_value=MAX_KEY, required=False)

    def clean_day(self):
        value = (self.cleaned_data.get("day") or "").strip()
        if value in ("", "bin"):
            return None
        day = plain_int(value)
        if day is None:
            raise forms.ValidationError("Not a day.")
        return day


class ScenarioForm(forms.Form):
    name = forms.CharField(max_length=100)
    source = core_forms.ModelChoiceField(
        label="Copy of",
        queryset=Scenario.objects.none(),
        required=False,
        empty_label="The active board",
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Scenario.objects.filter(production=production)


class ScenarioMoveForm(forms.Form):
    """Move the ticked strips of a scenario to a day (or the bin), at its start or its end."""

    scene = forms.TypedMultipleChoiceField(coerce=int, choices=())
    target = forms.ChoiceField(choices=())
    where = forms.ChoiceField(choices=[("end", "at the end"), ("start", "at the start")])

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        scenes = [*(s for b in board.days for s in b.scenes), *board.bin]
        self.fields["scene"].choices = [(s.pk, s.number) for s in scenes]
        self.fields["target"].choices = [
            *((str(b.day.pk), str(b.day)) for b in board.shoot_days),
            ("bin", "Unscheduled"),
        ]
