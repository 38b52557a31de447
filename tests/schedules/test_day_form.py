"""The shoot day's form refuses keys no cast member can have (the hostile-input crawl once sent
"-99999999999999999999999999" as a traveller and SQLite's integers overflowed: a 500)."""

from __future__ import annotations

import pytest

from apps.schedules import services
from apps.schedules.forms import DayForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", ["-99999999999999999999999999", "99999999999999999999999", "x"])
def test_a_traveller_no_row_can_be_is_an_invalid_choice(production, key):
    (day,) = services.days_append(production=production, count=1)
    form = DayForm(
        {"kind": day.kind, "unit": "", "call_time": "07:00", "travellers": [key], "notes": ""},
        instance=day,
        production=production,
    )
    assert not form.is_valid()
    assert "travellers" in form.errors
