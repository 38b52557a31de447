"""Form fields every app shares."""

from __future__ import annotations

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe

from apps.core.escaping import escaped

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


def _attributes(attrs: dict) -> str:
    """What `flatatt` writes (sorted by name; True: the bare name; False and None: left out)."""
    pairs, flags = [], []
    for key in sorted(attrs):
        value = attrs[key]
        if value is True:
            flags.append(f" {escaped(key)}")
        elif value is not None and value is not False:
            pairs.append(f' {escaped(key)}="{escaped(value)}"')
    return "".join(pairs) + "".join(flags)


class SharedChoices(BaseChoiceIterator):
    """One list of (key, label) for many selects of a page (a person on each of forty rows):
    normalized once, not per field, and each option's HTML escaped once, not per select."""

    def __init__(self, choices):
        self.pairs = list(choices)
        self.written = []
        for key, label in self.pairs:
            if isinstance(label, list | tuple):
                raise ValueError("SharedChoices are flat choices only")
            value = "" if key is None else str(getattr(key, "value", key))
            self.written.append(
                (value, f'<option value="{escaped(value)}"', f">{escaped(label)}</option>")
            )

    def __iter__(self):
        return iter(self.pairs)


class QuickSelect(forms.Select):
    """A select whose options are written in Python, not one template render per option: a
    select of 290 currencies (or 40 fringes) otherwise costs a budget page most of its time. The
    HTML is the one Django's templates write for flat choices (no option groups)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        if isinstance(self.choices, SharedChoices):
            options = "".join(
                f"{start}{' selected' if key in chosen else ''}{end}"
                for key, start, end in self.choices.written
            )
        else:
            options = "".join(
                f'<option value="{escaped(key)}"{" selected" if key in chosen else ""}>'
                f"{escaped(label)}</option>"
                for key, label in self._flat_choices()
            )
        attributes = _attributes({**self.build_attrs(self.attrs, attrs), "name": name})
        multiple = " multiple" if self.allow_multiple_selected else ""
        return mark_safe(f"<select{attributes}{multiple}>{options}</select>")  # noqa: S308 - every value is escaped  # nosec B308 B703

    def _flat_choices(self):
        for key, label in self.choices:
            if isinstance(label, (list, tuple)):
                raise ValueError("QuickSelect writes flat choices only")
            yield ("" if key is None else str(getattr(key, "value", key))), label


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    allow_multiple_selected = True


class QuickInput:
    """An <input> or <textarea> written in Python, not through Django's widget templates (three
    template renders each): a form page of a few hundred fields (a daily report's tables) spends
    most of its time there. The HTML is the one those templates write; attributes as `flatatt`
    writes them (the order aside, the same)."""

    def render(self, name, value, attrs=None, renderer=None):
        # What get_context() gives the templates, without the rest of its context.
        if isinstance(self, forms.CheckboxInput) and self.check_test(value):
            attrs = {**(attrs or {}), "checked": True}
        value = self.format_value(value)
        attributes = _attributes(self.build_attrs(self.attrs, attrs))
        if isinstance(self, forms.Textarea):
            text = escaped(value or "")
            html = f'<textarea name="{escaped(name)}"{attributes}>\n{text}</textarea>'
        elif value is None:
            html = f'<input type="{escaped(self.input_type)}" name="{escaped(name)}"{attributes}>'
        else:
            html = (
                f'<input type="{escaped(self.input_type)}" name="{escaped(name)}" '
                f'value="{escaped(value)}"{attributes}>'
            )
        return mark_safe(html)  # noqa: S308 - every value is escaped  # nosec B308 B703


class QuickTextInput(QuickInput, forms.TextInput):
    pass


class QuickNumberInput(QuickInput, forms.NumberInput):
    pass


class QuickTimeInput(QuickInput, forms.TimeInput):
    pass


class QuickCheckboxInput(QuickInput, forms.CheckboxInput):
    pass


class QuickHiddenInput(QuickInput, forms.HiddenInput):
    pass


class QuickTextarea(QuickInput, forms.Textarea):
    pass


QUICK = {
    forms.TextInput: QuickTextInput,
    forms.NumberInput: QuickNumberInput,
    forms.TimeInput: QuickTimeInput,
    forms.CheckboxInput: QuickCheckboxInput,
    forms.HiddenInput: QuickHiddenInput,
    forms.Textarea: QuickTextarea,
}


def quicken(fields: dict[str, forms.Field]) -> None:
    """Give the form's plain widgets (text, number, time, checkbox, hidden, textarea, and a
    select of fixed flat choices) their Quick twin, which only renders differently: a form with
    many rows keeps its fields and renders in Python. `fields`: a form's, or a form class's
    base fields."""
    for field in fields.values():
        quick = QUICK.get(type(field.widget))
        if quick is None and type(field.widget) is forms.Select and _fixed_flat(field):
            quick = QuickSelect
        if quick is not None:
            field.widget.__class__ = quick  # a subclass that only overrides render()


def _fixed_flat(field: forms.Field) -> bool:
    if isinstance(field, forms.ModelChoiceField) or not isinstance(field, forms.ChoiceField):
        return False  # a queryset's choices are not read here (a query per form)
    return not any(isinstance(label, list | tuple) for _, label in field.choices)


class TableImportForm(forms.Form):
    """One file: an export of the app read back (CSV, XLSX, or the ZIP of an export's CSV
    files)."""

    file = forms.FileField(
        help_text="The export as downloaded (XLSX, or the ZIP of its CSV files), or a CSV or XLSX "
        "of the same columns."
    )
