"""Form fields and checks the schedule's forms share: page lengths in eighths, date lists, a
name unique in its production."""

from __future__ import annotations

from datetime import date

from django import forms

from apps.schedules.importers.eighths import format_eighths, parse_eighths

BAD_DATE = "Write dates as YYYY-MM-DD, one a line: {value!r} is not one."
NAME_TAKEN = "This production already has one called {name!r}."


class UniqueInProduction:
    """ModelForms here leave `production` out, so Django skips the (production, name) unique
    constraints; check the one named field against the rest of the production instead."""

    unique_field = "name"
    unique_lookup = "exact"  # "iexact": a name differing only by case is taken too

    def clean(self):
        cleaned = super().clean()
        value = cleaned.get(self.unique_field)
        instance = self.instance
        if value:
            lookup = f"{self.unique_field}__{self.unique_lookup}"
            taken = (
                type(instance)
                .objects.filter(production=instance.production_id, **{lookup: value})
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
