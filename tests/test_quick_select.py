"""QuickSelect writes the same select as Django's template widgets, without a template render
per option (a budget line's currency select has some 290 options); the Quick inputs the same
inputs and textareas."""

import re
from datetime import time
from decimal import Decimal

import pytest
from django import forms

from apps.core.forms import QuickSelect, QuickSelectMultiple, SharedChoices, quicken
from apps.core.money import currency_choices


def _parsed(html: str) -> tuple[dict, list[tuple[str, bool, str]]]:
    select = re.search(r"<select([^>]*)>", html).group(1)
    attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', select))
    if re.search(r"\smultiple\b", select):
        attrs["multiple"] = True
    options = [
        (value, bool(selected), label)
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"(\s+selected)?>(.*?)</option>', html
        )
    ]
    return attrs, options


@pytest.mark.parametrize("shared", [False, True])
@pytest.mark.parametrize(
    ("plain", "quick", "value"),
    [
        (forms.Select, QuickSelect, "EUR"),
        (forms.Select, QuickSelect, None),
        (forms.SelectMultiple, QuickSelectMultiple, ["USD", "GBP"]),
    ],
)
def test_quick_select_writes_what_the_template_widget_writes(plain, quick, value, shared):
    choices = [("", "—"), *currency_choices(), ("A&B", 'Quotes " and <tags>')]
    attrs = {"class": "form-select form-select-sm", "id": "id_currency", "title": "Its <title>"}
    expected = plain(attrs=attrs, choices=choices).render("currency", value)
    given = SharedChoices(choices) if shared else choices  # escaped once for many selects
    written = quick(attrs=attrs, choices=given).render("currency", value)
    assert _parsed(written) == _parsed(expected)
    assert len(_parsed(written)[1]) > 200  # the whole list, escaped as Django escapes it


def _tag(html: str) -> tuple[str, dict, str]:
    """An input's or textarea's tag, attributes (in any order) and text."""
    found = re.fullmatch(r"<(input|textarea)((?:\s+[\w-]+(?:=\"[^\"]*\")?)*)\s*>(.*)", html, re.S)
    tag, attributes, rest = found.groups()
    attrs = dict(re.findall(r'([\w-]+)(?:="([^"]*)")?', attributes))
    return tag, attrs, rest


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        (forms.TextInput, 'Quotes " and <tags> & more'),
        (forms.TextInput, None),
        (forms.TextInput, ""),
        (forms.NumberInput, Decimal("12.50")),
        (forms.TimeInput, time(8, 5)),
        (forms.TimeInput, None),
        (forms.CheckboxInput, True),
        (forms.CheckboxInput, False),
        (forms.HiddenInput, 42),
        (forms.Textarea, "Line one\n<b>two</b> & three"),
        (forms.Textarea, None),
    ],
)
def test_quick_inputs_write_what_the_template_widgets_write(plain, value):
    attrs = {"class": "form-control form-control-sm", "id": "id_x", "title": 'A "title"'}
    if plain is forms.TimeInput:
        attrs["type"] = "time"
    widget = plain(attrs=attrs, **({"format": "%H:%M"} if plain is forms.TimeInput else {}))
    expected = widget.render("rows-0-x", value)
    form = forms.Form()
    form.fields["x"] = forms.Field(widget=widget)
    quicken(form.fields)
    quick = form.fields["x"].widget
    assert type(quick).__name__ == f"Quick{plain.__name__}"
    written = quick.render("rows-0-x", value)
    assert _tag(written) == _tag(expected)


def test_quicken_leaves_a_select_of_rows_or_of_groups_to_its_template():
    form = forms.Form()
    form.fields["flat"] = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    form.fields["grouped"] = forms.ChoiceField(choices=[("Group", [("a", "A")])])
    quicken(form.fields)
    assert type(form.fields["flat"].widget) is QuickSelect
    assert type(form.fields["grouped"].widget) is forms.Select
