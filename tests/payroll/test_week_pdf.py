"""The approved week as a PDF summary for the producer: the payroll export's content (one line
per person and pay code, each person's total and the week's), under the production's letterhead,
read back as text."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import pdfs
from tests.payroll.conftest import START, exported_week

pytestmark = pytest.mark.django_db


def _lines(pdf: bytes) -> list[str]:
    return [" ".join(line.split()) for line in pdfs.text(pdf).splitlines() if line.strip()]


def test_the_approved_week_prints_one_line_per_person_and_pay_code_with_totals(
    client, production, timecard, head, accountant
):
    exported_week(production, timecard, head)
    client.force_login(accountant)
    url = reverse("payroll:export", args=[production.slug, "pdf"]) + f"?week={START}"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    lines = _lines(response.content)
    text = "\n".join(lines)
    assert "Payroll summary" in text and "week of 4 Mar 2030" in text
    assert "Grace Hopper" not in text
    # The PDF is read by people: pay codes in words, not the export's machine codes.
    assert not re.search(r"\b(double_time|meal_penalty|week_overtime)\b", text)
    expected = [
        r"Ada Lovelace .*Camera Regular 10\.00 1,000\.00",
        r"Overtime 2\.00 150\.00",
        r"Double time 1\.50 150\.00",
        r"Meal penalty 1\.50 75\.00",
        r"Kit or box 35\.00",
        r"Adjustment -25\.00",
        r"Ada Lovelace .*Camera Total 1,385\.00",
        r"All Total 1,385\.00",
    ]
    found = [
        next((n for n, line in enumerate(lines) if re.search(p, line)), None) for p in expected
    ]
    assert None not in found, list(zip(expected, found, strict=True))
    assert found == sorted(found)
    client.force_login(head)
    assert client.get(url).status_code == 403


def test_a_week_with_nothing_approved_says_so(client, production, version, accountant):
    client.force_login(accountant)
    url = reverse("payroll:export", args=[production.slug, "pdf"]) + f"?week={START}"
    assert "No approved timecard this week." in pdfs.text(client.get(url).content)
