"""The budget's PDFs read back as the producer they are forwarded to reads them (issue 16): the
detail names every account and category beside its number, writes rates as money, totals every
account, category and section, and ends with the fringes, the budget, the markups and the grand
total; the top sheet prints every total line."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.budgets import exports
from apps.budgets.queries import top_sheet
from apps.budgets.services import editing
from apps.core.money import format_amount
from tests import pdfs
from tests.budgets.factories import add_line, budget_from_template, fringe_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(production):
    version = budget_from_template(production)
    add_line(version, "1103", description="Screenplay, writer's fee", rate="85000",
             fringes=fringe_ids(version, "UNION_PH"))  # fmt: skip
    add_line(version, "3307", description='Camera package "A", =1+1', units="weeks", x="5",
             rate="9500")  # fmt: skip
    add_line(version, "3607", description="Catering\nlunch", amount="45", units="days", x="25",
             rate="27.5", fringes=fringe_ids(version, "FICA", "WC"))  # fmt: skip
    contingency = version.markups.get(name="Contingency")
    editing.markup_save(
        version=version, name="Contingency", percent=Decimal(10), sections=["ATL", "PRODUCTION"],
        markup=contingency,
    )  # fmt: skip
    return version


def pdf_of(client, url: str) -> bytes:
    return pdfs.of(client.get(url + "?format=pdf"))


def money(value: Decimal) -> str:
    return format_amount(value, "USD")


def lines_of(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_the_detail_pdf_names_and_totals_every_account_category_and_section(ap_client, version):
    url = reverse("budgets:detail_export", args=[version.production.slug, version.id])
    text = lines_of(pdfs.text(pdf_of(ap_client, url)))
    sheet = top_sheet(version)
    writers = sheet.account_by_number()["1103"]
    story = next(c for c in sheet.categories.values() if c.number == "1100")
    atl = sheet.sections[0]
    # The category and the account, named beside their numbers, above the line.
    assert "1100 Story & Rights" in text and "1103 Writers" in text
    line = next(t for t in text if t.startswith("1103 Screenplay"))
    assert line.endswith("1 Allow 1 85,000.00 UNION_PH 85,000.00 17,000.00 102,000.00"), line
    for words, row in [
        ("Total 1103 Writers", writers),
        ("Total 1100 Story & Rights", story),
        (f"Total {atl.name}", atl),
    ]:
        figures = " ".join(money(v) for v in (row.subtotal, row.fringes, row.total))
        assert f"{words} {figures}" in text, words


def test_the_detail_pdf_ends_with_the_fringes_the_budget_the_markups_and_the_grand_total(
    ap_client, version
):
    url = reverse("budgets:detail_export", args=[version.production.slug, version.id])
    text = lines_of(pdfs.text(pdf_of(ap_client, url)))
    sheet = top_sheet(version)
    budget = sheet.totals.budget
    assert (
        "Budget (lines + fringes) "
        + " ".join(money(v) for v in (budget.subtotal, budget.fringes, sheet.budget_total))
    ) in text
    fica = next(amount for fringe, amount in sheet.fringes if fringe.code == "FICA")
    assert any(
        t.startswith("FICA Social Security") and t.endswith(money(fica)) and "6.2%" in t
        for t in text
    )
    contingency = next(amount for markup, amount in sheet.markups if markup.name == "Contingency")
    assert f"Contingency: 10% of Above the line, Production {money(contingency)}" in text, (
        "a markup says its percentage and what it applies to"
    )
    grand = next(t for t in text if t.startswith("Grand total"))
    assert grand == f"Grand total (USD, with markups) {money(sheet.grand_total)}"
    assert sheet.grand_total == budget.total + sum(amount for _, amount in sheet.markups)


def test_the_detail_writes_rates_as_money_not_as_stored_numbers(ap_client, version):
    url = reverse("budgets:detail_export", args=[version.production.slug, version.id])
    text = pdfs.text(pdf_of(ap_client, url))
    assert "85,000.00" in text and "9,500.00" in text and "27.50" in text
    assert not re.search(r"(?<![\d,.])(85000|9500|27\.5)(?![\d,.])", text), "a raw rate"


def test_a_rate_is_written_in_its_currency_with_the_places_it_has():
    from apps.budgets.printing import rate_words

    assert rate_words(Decimal("85000"), "USD") == "85,000.00"
    assert rate_words(Decimal("85000"), "JPY") == "85,000"
    assert rate_words(Decimal("12.3456"), "USD") == "12.3456"  # a rate may be finer than cents
    assert rate_words(Decimal("1.5"), "KWD") == "1.500"


def test_a_long_description_wraps_within_its_column(production):
    from apps.budgets.printing import DESCRIPTION_WIDTH, printed_detail

    version = budget_from_template(production)
    add_line(version, "3307", description="Camera package with lenses " * 4, rate="9500")
    add_line(version, "2001", description="Short", rate="12.5")
    printed = printed_detail(top_sheet(version), exports.detail_lines(version))
    lines = [row for row in printed.rows if row.level == "line"]
    assert len(lines) == 2
    first, *more = next(row.text for row in lines if row.number == "3307").split("\n")
    assert more, "a description longer than its column wraps onto the lines below"
    description_at = printed.heading.index("Description")
    assert all(line[:description_at].isspace() for line in more)
    assert all(len(line[description_at:]) <= DESCRIPTION_WIDTH for line in more)
    subtotal_ends = printed.heading.index("Subtotal") + len("Subtotal")
    assert first[:subtotal_ends].endswith("9,500.00")
    # Every heading and total lines up with the figures of the lines.
    for row in printed.rows:
        assert len(row.text.split("\n")[0]) <= len(printed.heading), row.text


def test_the_top_sheet_pdf_prints_every_total_line(ap_client, version):
    url = reverse("budgets:top_sheet_export", args=[version.production.slug, version.id])
    text = lines_of(pdfs.text(pdf_of(ap_client, url)))
    sheet = top_sheet(version)
    for section in sheet.sections:
        figures = " ".join(money(v) for v in (section.subtotal, section.fringes, section.total))
        assert f"Total {section.name} {figures}" in text, section.name
    budget = sheet.totals.budget
    figures = " ".join(money(v) for v in (budget.subtotal, budget.fringes, sheet.budget_total))
    assert f"Budget (lines + fringes) {figures}" in text
    for markup, amount in sheet.markups:
        assert any(t.startswith(markup.name) and t.endswith(money(amount)) for t in text)
    assert f"Grand total (USD, with markups) {money(sheet.grand_total)}" in text
    assert f"Total fringes {money(budget.fringes)}" in text


def test_the_detail_pdf_repeats_its_column_titles_on_every_page_and_never_splits_a_line(
    ap_client, version
):
    """Issue 16: tables repeat their header and never split a row. Long enough for several
    pages, every page starts its table with the column titles, and each line's description and
    its total stand on one printed line."""
    for n in range(120):
        add_line(version, "3307", description=f"Lens {n:03d}, a long description to fill the row",
                 rate="100")  # fmt: skip
    url = reverse("budgets:detail_export", args=[version.production.slug, version.id])
    pages = pdfs.pages(pdf_of(ap_client, url))
    assert len(pages) >= 3, len(pages)
    for number, page in enumerate(pages, start=1):
        lines = lines_of(page)
        assert any(t.startswith("Acct") or "Description" in t for t in lines[:8]), (
            number,
            lines[:8],
        )
    printed = [t for page in pages for t in lines_of(page) if t.startswith("3307 Lens")]
    assert len(printed) == 120 and all(t.endswith("100.00") for t in printed), printed[:3]
