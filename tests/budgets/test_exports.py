"""Exports: numbers stay numbers. (The XLSX totals are recalculated by LibreOffice in
test_workbooks_recalculate.py; the detail's round trip is test_detail_round_trip.py.)"""

import csv
import io
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from apps.budgets import services
from apps.budgets.exports import COST_REPORT_COLUMNS
from tests import pdfs
from tests.budgets.factories import add_line, budget_from_template, fringe_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(production):
    version = budget_from_template(production)
    fringes = fringe_ids(version, "FICA", "MEDICARE")
    add_line(version, "2001", amount="1", x="SHOOT_WEEKS + 3", rate="3100.33", fringes=fringes)
    add_line(version, "3307", amount="1", x="SHOOT_WEEKS", rate="9500")
    add_line(version, "1202", amount="1", x="1", rate="150000.125")
    add_line(version, "4001", amount="1.5", x="16", rate="2999.99", fringes=fringes)
    services.actual_post(
        production=production,
        account_number="3307",
        amount=Decimal("12000.10"),
        date=date(2026, 1, 5),
        payee="Cams",
        description="Package",
    )
    services.commitment_add_manual(
        production=production,
        account_number="3307",
        amount=Decimal("40000"),
        description="PO",
        date=date(2026, 1, 4),
    )
    return version


def _xlsx(client, url):
    response = client.get(url + "?format=xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_the_cost_report_exports_the_agreed_csv_columns(client, ap, production, version):
    client.force_login(ap)
    response = client.get(reverse("budgets:cost_report_export", args=[production.slug]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == COST_REPORT_COLUMNS
    camera = next(r for r in rows if r[0] == "3307")
    assert camera[2:] == ["47500.00", "12000.10", "40000.00", "0.00", "52000.10", "-4500.10"]


def test_the_export_cost_report_command_writes_csv_and_xlsx(production, version, tmp_path):
    call_command(
        "export_cost_report", production.slug, str(tmp_path / "cr.csv"), stdout=io.StringIO()
    )
    with (tmp_path / "cr.csv").open() as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == COST_REPORT_COLUMNS
    # The accounts, then each markup and the total with markups (the grand total).
    assert len(rows) == 1 + version.accounts.count() + version.markups.count() + 1
    assert rows[-1][1] == "Total with markups"
    call_command(
        "export_cost_report", production.slug, str(tmp_path / "cr.xlsx"), stdout=io.StringIO()
    )
    assert load_workbook(tmp_path / "cr.xlsx").active["A1"].value == "account_number"


@pytest.mark.parametrize("name", ["top_sheet_export", "detail_export", "cost_report_export"])
def test_pdf_exports_read_back_with_their_totals(client, ap, production, version, tmp_path, name):
    client.force_login(ap)
    args = [production.slug] if name == "cost_report_export" else [production.slug, version.id]
    response = client.get(reverse(f"budgets:{name}", args=args) + "?format=pdf")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdfs.of(response))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert production.title in text
    assert "47,500.00" in text
