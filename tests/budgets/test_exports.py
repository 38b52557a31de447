"""Exports: numbers stay numbers, and the XLSX's own formulas recompute the same totals."""

import csv
import io
import re
import subprocess
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from apps.budgets import services
from apps.budgets.exports import COST_REPORT_COLUMNS
from apps.budgets.queries import top_sheet
from tests.budgets.factories import add_line, budget_from_template, fringe_ids

pytestmark = pytest.mark.django_db

_REF = re.compile(r"\b([A-Z]{1,2})(\d+)\b")


def evaluate(ws, formula: str) -> Decimal:
    """Enough of a spreadsheet to recompute the formulas the exports write."""

    def cell(ref):
        value = ws[ref].value
        if isinstance(value, str) and value.startswith("="):
            return evaluate(ws, value)
        return Decimal(str(value or 0))

    def rng(first, last):
        return [row[0] for row in ws[f"{first}:{last}"]]

    def SUM(cells):  # noqa: N802
        return sum((cell(c.coordinate) for c in cells), Decimal(0))

    def SUMIF(cells, criterion, sum_cells):  # noqa: N802
        return sum(
            (
                cell(s.coordinate)
                for c, s in zip(cells, sum_cells, strict=True)
                if c.value == criterion
            ),
            Decimal(0),
        )

    def ROUND(value, places):  # noqa: N802
        return Decimal(value).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)

    expr = formula.lstrip("=")
    expr = re.sub(r"\b([A-Z]{1,2}\d+):([A-Z]{1,2}\d+)\b", r'rng("\1","\2")', expr)
    expr = re.sub(r'(?<!")\b([A-Z]{1,2}\d+)\b(?!")', r'cell("\1")', expr)
    expr = re.sub(r"(\d+\.\d+|\b\d+\b)(?![\"\d])", r'Decimal("\1")', expr)
    return eval(  # noqa: S307  (test code, over formulas this test wrote)
        expr,
        {
            "rng": rng,
            "cell": cell,
            "SUM": SUM,
            "SUMIF": SUMIF,
            "ROUND": ROUND,
            "Decimal": Decimal,
        },
    )


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


def test_the_detail_xlsx_formulas_recompute_every_line_to_the_cent(client, ap, production, version):
    client.force_login(ap)
    ws = _xlsx(client, reverse("budgets:detail_export", args=[production.slug, version.id]))
    header = [c.value for c in ws[1]]
    assert header[9] == "total" and header[11] == "total (formula)"
    last = ws.max_row
    for row in range(2, last):
        formula = ws.cell(row=row, column=12).value
        assert formula == f"=ROUND(D{row}*F{row}*G{row}*H{row},2)"
        assert evaluate(ws, formula) == Decimal(str(ws.cell(row=row, column=10).value))
    assert ws.cell(row=last, column=12).value == f"=SUM(J2:J{last - 1})"
    assert evaluate(ws, ws.cell(row=last, column=12).value) == Decimal(
        str(ws.cell(row=last, column=10).value)
    )


def test_the_top_sheet_xlsx_formulas_agree_with_the_app(client, ap, production, version):
    client.force_login(ap)
    sheet = top_sheet(version)
    ws = _xlsx(client, reverse("budgets:top_sheet_export", args=[production.slug, version.id]))
    rows = list(ws.iter_rows(min_row=2))
    for row in rows:
        value, formula = row[5].value, row[6].value
        assert isinstance(value, int | float)
        assert evaluate(ws, formula) == Decimal(str(value)).quantize(Decimal("0.01")), formula
    assert rows[-1][2].value == "Grand total"
    assert Decimal(str(rows[-1][5].value)) == sheet.grand_total
    assert rows[0][6].value == "=D2+E2"


def test_the_cost_report_exports_the_agreed_csv_columns(client, ap, production, version):
    client.force_login(ap)
    response = client.get(reverse("budgets:cost_report_export", args=[production.slug]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == COST_REPORT_COLUMNS
    camera = next(r for r in rows if r[0] == "3307")
    assert camera[2:] == ["47500.00", "12000.10", "40000.00", "0.00", "52000.10", "-4500.10"]


def test_the_cost_report_xlsx_formulas_recompute_efc_and_variance(client, ap, production, version):
    client.force_login(ap)
    ws = _xlsx(client, reverse("budgets:cost_report_export", args=[production.slug]))
    for row in range(2, ws.max_row):
        assert ws.cell(row=row, column=9).value == f"=D{row}+E{row}+F{row}"
        assert evaluate(ws, ws.cell(row=row, column=9).value) == Decimal(
            str(ws.cell(row=row, column=7).value)
        ).quantize(Decimal("0.01"))
        assert evaluate(ws, ws.cell(row=row, column=10).value) == Decimal(
            str(ws.cell(row=row, column=8).value)
        ).quantize(Decimal("0.01"))
    last = ws.max_row
    assert evaluate(ws, ws.cell(row=last, column=9).value) == Decimal(
        str(ws.cell(row=last, column=7).value)
    ).quantize(Decimal("0.01"))
    # The markups and the total with them, on their own sheet, recompute too.
    markups = ws.parent["With markups"]
    end = markups.max_row
    assert markups.cell(row=end, column=2).value == "Total with markups"
    for row in range(2, end + 1):
        assert evaluate(markups, markups.cell(row=row, column=9).value) == Decimal(
            str(markups.cell(row=row, column=7).value)
        ).quantize(Decimal("0.01"))


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
    if response.status_code == 503:
        pytest.skip(response.content.decode())
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "out.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert production.title in text
    assert "47,500.00" in text
