"""Money is stored, shown and exported to the currency's minor unit: 3 places in KWD, 2 in USD,
none in JPY (issue 11, point 4). A KWD amount of 1.235 used to be stored as 1.24."""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.budgets import services as budgets
from apps.budgets.models import Actual, Commitment, DetailLine
from apps.core.exports import money_format
from apps.crew import services as crew
from apps.crew.models import DealMemo, MemoState
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import services as vendors
from apps.vendors.models import Invoice, InvoiceLine, PurchaseOrderLine
from tests import pdfs
from tests.budgets.factories import add_line, budget_from_template
from tests.crew.factories import DealMemoFactory, PositionFactory
from tests.factories import member
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db

# (currency, the line's rate, what the page, the files and the PDF show, the stored value)
CASES = [
    ("KWD", "1.235", "1.235", Decimal("1.235")),
    ("USD", "1.235", "1.24", Decimal("1.24")),
    ("JPY", "1235.5", "1,236", Decimal("1236")),
]


def _pdf_text(response, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdfs.of(response))
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def _zip_csv(response, name: str) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return list(csv.reader(io.StringIO(archive.read(name).decode())))


def _xlsx(response):
    return load_workbook(io.BytesIO(response.content)).active


def _plain(shown: str) -> str:
    """What a file holds for what a page shows: 1,236 → 1236."""
    return shown.replace(",", "")


@pytest.mark.parametrize(("currency", "rate", "shown", "stored"), CASES)
def test_a_budget_line_is_stored_shown_and_exported_to_the_currencys_minor_unit(
    client, production, tmp_path, currency, rate, shown, stored
):
    production.currency = currency
    production.save()
    version = budget_from_template(production)
    line = add_line(version, "2001", amount="1", x="1", rate=rate)
    budgets.actual_post(
        production=production,
        account_number="2001",
        amount=Decimal(rate),
        date=date(2026, 1, 5),
        payee="Payee",
        description="Paid",
    )
    client.force_login(member(production))

    assert DetailLine.objects.values_list("total", flat=True).get(pk=line.pk) == stored
    assert Actual.objects.values_list("amount", flat=True).get() == stored

    args = [production.slug, version.id]
    page = client.get(reverse("budgets:top_sheet", args=args)).content.decode()
    assert f'<td class="money">{shown}</td>' in page

    category = line.account.category.number
    top_csv = _csv(client.get(reverse("budgets:top_sheet_export", args=args)))
    row = next(r for r in top_csv if r[1] == category)
    assert [row[3], row[5]] == [_plain(shown)] * 2  # subtotal and total
    # The XLSX totals are formulas rounding to the minor unit, shown in the currency's format
    # (their values, recalculated by LibreOffice: tests/budgets/test_workbooks_recalculate.py).
    places = {"KWD": 3, "USD": 2, "JPY": 0}[currency]
    top_xlsx = _xlsx(client.get(reverse("budgets:top_sheet_export", args=args) + "?format=xlsx"))
    row = next(r for r in top_xlsx.iter_rows() if r[1].value == category)
    assert row[5].number_format == money_format(currency)
    lines = top_xlsx.parent["Lines"]
    assert lines["M2"].value == f"=ROUND(G2*I2*J2*L2,{places})"
    assert Decimal(str(lines["J2"].value)) == Decimal(rate)
    assert lines["M2"].number_format == money_format(currency)

    detail_csv = _zip_csv(client.get(reverse("budgets:detail_export", args=args)), "lines.csv")
    assert detail_csv[1][detail_csv[0].index("total")] == _plain(shown)

    cost_url = reverse("budgets:cost_report_export", args=[production.slug])
    cost = next(row for row in _csv(client.get(cost_url)) if row[0] == "2001")
    assert cost[2:4] == [_plain(shown), _plain(shown)]  # budget, actual
    cost_xlsx = _xlsx(client.get(cost_url + "?format=xlsx"))
    row = next(r for r in cost_xlsx.iter_rows(min_row=2) if r[0].value == "2001")
    assert [Decimal(str(c.value)) for c in row[2:4]] == [stored, stored]
    assert row[2].number_format == money_format(currency)

    for url in (
        reverse("budgets:top_sheet_export", args=args),
        reverse("budgets:detail_export", args=args),
        cost_url,
    ):
        assert f" {shown} " in _pdf_text(client.get(url + "?format=pdf"), tmp_path), url


@pytest.fixture
def kwd(production):
    production.currency = "KWD"
    production.save()
    return production


def test_a_kwd_po_line_and_invoice_line_keep_their_third_place_from_the_form_to_the_pdf(
    client, kwd, tmp_path
):
    vendor = VendorFactory(production=kwd)
    client.force_login(member(kwd))
    po = vendors.po_create(production=kwd, vendor=vendor, description="Lamps")
    kwargs = {"production_slug": kwd.slug, "pk": po.pk}
    client.post(
        reverse("vendors:po_line_add", kwargs=kwargs),
        {"account_number": "3307", "description": "Lamp", "quantity": "1", "unit_price": "1.235"},
    )
    line = PurchaseOrderLine.objects.get(purchase_order=po)
    assert (line.unit_price, line.amount) == (Decimal("1.235"), Decimal("1.235"))

    page = client.get(reverse("vendors:po_detail", kwargs=kwargs)).content.decode()
    assert 'data-testid="po-total">KWD1.235<' in page
    assert "KWD1.235" in _pdf_text(client.get(reverse("vendors:po_pdf", kwargs=kwargs)), tmp_path)

    producer = Membership.objects.get(user=member(kwd, Role.PRODUCER))
    po = vendors.po_approve(po=vendors.po_submit(po=po), membership=producer)
    invoice = vendors.invoice_create(
        production=kwd, vendor=vendor, number="INV-1", date=date(2026, 1, 5), purchase_order=po
    )
    client.post(
        reverse("vendors:invoice_line_add", kwargs={"production_slug": kwd.slug, "pk": invoice.pk}),
        {"account_number": "3307", "description": "Lamp", "amount": "1.235"},
    )
    assert InvoiceLine.objects.values_list("amount", flat=True).get() == Decimal("1.235")
    detail = reverse("vendors:invoice", kwargs={"production_slug": kwd.slug, "pk": invoice.pk})
    assert "KWD1.235" in client.get(detail).content.decode()
    assert Invoice.objects.get().lines.get().amount == Decimal("1.235")


def test_a_kwd_deal_memo_keeps_its_third_place_in_its_terms_commitment_page_and_pdf(
    client, kwd, tmp_path
):
    budget_from_template(kwd)
    memo = DealMemoFactory(
        position=PositionFactory(department__production=kwd, account_number="2001"),
        rate=Decimal("1.2345"),
        guarantee=Decimal("1"),
        kit_rental=Decimal("1.235"),
        per_diem=Decimal("0.125"),
    )
    DealMemo.objects.filter(pk=memo.pk).update(state=MemoState.ACCEPTED)
    crew.memo_commit(memo=memo)
    memo = DealMemo.objects.get(pk=memo.pk)
    # 1.2345 × 1 + 1.235 + 0.125 = 2.5945, rounded once: 2.595
    assert (memo.kit_rental, memo.per_diem) == (Decimal("1.235"), Decimal("0.125"))
    assert memo.committed_amount == Decimal("2.595")
    assert Commitment.objects.values_list("amount", flat=True).get() == Decimal("2.595")

    client.force_login(member(kwd))
    url = reverse("crew:memo", kwargs={"production_slug": kwd.slug, "pk": memo.pk})
    page = client.get(url).content.decode()
    assert "KWD1.235" in page and "KWD0.125" in page and "Committed KWD2.595" in page
    pdf = client.get(reverse("crew:memo_pdf", kwargs={"production_slug": kwd.slug, "pk": memo.pk}))
    text = _pdf_text(pdf, tmp_path)
    assert "KWD1.235" in text and "KWD0.125" in text


@pytest.mark.parametrize(
    ("currency", "refused", "accepted"),
    [("USD", "1.235", "1.23"), ("JPY", "1.5", "1500"), ("KWD", "1.2355", "1.235")],
)
def test_a_po_line_may_not_have_more_places_than_the_currency(
    client, production, currency, refused, accepted
):
    production.currency = currency
    production.save()
    po = vendors.po_create(
        production=production, vendor=VendorFactory(production=production), description="Lamps"
    )
    client.force_login(member(production))
    add = reverse("vendors:po_line_add", kwargs={"production_slug": production.slug, "pk": po.pk})
    line = {"account_number": "3307", "description": "Lamp", "quantity": "1"}
    page = client.post(add, {**line, "unit_price": refused}, follow=True).content.decode()
    assert "A line needs an account, a description, a quantity and a price." in page
    assert not PurchaseOrderLine.objects.exists()
    client.post(add, {**line, "unit_price": accepted})
    assert PurchaseOrderLine.objects.get().unit_price == Decimal(accepted)


def test_an_actual_may_not_have_more_places_than_the_currency(client, production):
    budget_from_template(production)
    client.force_login(member(production))
    url = reverse("budgets:actual_new", kwargs={"production_slug": production.slug})
    actual = {"date": "2026-01-05", "account_number": "3307", "payee": "P", "description": "D"}
    client.post(url, {**actual, "amount": "10.125"})
    assert not Actual.objects.exists()
    client.post(url, {**actual, "amount": "10.13"})
    assert Actual.objects.get().amount == Decimal("10.13")
