"""QuickSelect writes the same select as Django's template widgets, without a template render
per option (a budget line's currency select has some 290 options)."""

import re

import pytest
from django import forms

from apps.core.forms import QuickSelect, QuickSelectMultiple
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


@pytest.mark.parametrize(
    ("plain", "quick", "value"),
    [
        (forms.Select, QuickSelect, "EUR"),
        (forms.Select, QuickSelect, None),
        (forms.SelectMultiple, QuickSelectMultiple, ["USD", "GBP"]),
    ],
)
def test_quick_select_writes_what_the_template_widget_writes(plain, quick, value):
    choices = [("", "—"), *currency_choices(), ("A&B", 'Quotes " and <tags>')]
    attrs = {"class": "form-select form-select-sm", "id": "id_currency", "title": "Its <title>"}
    expected = plain(attrs=attrs, choices=choices).render("currency", value)
    written = quick(attrs=attrs, choices=choices).render("currency", value)
    assert _parsed(written) == _parsed(expected)
    assert len(_parsed(written)[1]) > 200  # the whole list, escaped as Django escapes it
