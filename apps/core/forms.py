"""Form fields every app shares."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# The widest key a database column holds (a signed 64-bit integer): a larger number cannot name
# a row, and SQLite and PostgreSQL refuse it with an error instead of "not found".
MAX_KEY = 2**63 - 1


def plain_int(value) -> int | None:
    """A whole number typed or sent as ASCII digits (a form field, a query string), else None.

    `str.isdigit()` is true for "²" and "①", which `int()` refuses, and `isdecimal()` for other
    scripts' digits: neither is a test to take a key or a number from outside. A number too wide
    for a database key is None too.
    """
    text = str(value if value is not None else "")
    if not text or not text.isascii() or not text.isdecimal():
        return None
    number = int(text)
    return number if number <= MAX_KEY else None


def _key_in_range(value) -> bool:
    text = str(value).strip()
    if text.startswith("-"):
        return False
    return not (text.isascii() and text.isdecimal()) or int(text) <= MAX_KEY


class ModelChoiceField(forms.ModelChoiceField):
    """A choice of one row by its key; a key no row can have is an invalid choice, not a 500."""

    def to_python(self, value):
        if value not in self.empty_values and not _key_in_range(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of rows by their keys; keys no row can have are invalid choices, not a 500."""

    def _check_values(self, value):
        for pk in value or ():
            if not _key_in_range(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


_SELECTED, _MULTIPLE = SafeString(" selected"), SafeString(" multiple")


class QuickSelect(forms.Select):
    """A select whose options are written in Python, not one template render per option: a
    select of 290 currencies (or 40 fringes) otherwise costs a budget page most of its time. The
    HTML is the one Django's templates write for flat choices (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, _SELECTED if key in chosen else "", label)
                for key, label in self._flat_choices()
            ),
        )
        attributes = flatatt({**self.build_attrs(self.attrs, attrs), "name": name})
        multiple = _MULTIPLE if self.allow_multiple_selected else ""
        return format_html("<select{}{}>{}</select>", attributes, multiple, options)

    def _flat_choices(self):
        for key, label in self.choices:
            if isinstance(label, (list, tuple)):
                raise ValueError("QuickSelect writes flat choices only")
            yield ("" if key is None else str(getattr(key, "value", key))), label


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    allow_multiple_selected = True


class TableImportForm(forms.Form):
    """One file: an export of the app read back (CSV, XLSX, or the ZIP of an export's CSV
    files)."""

    file = forms.FileField(
        help_text="The export as downloaded (XLSX, or the ZIP of its CSV files), or a CSV or XLSX "
        "of the same columns."
    )
