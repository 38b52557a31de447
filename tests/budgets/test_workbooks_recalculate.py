"""The budget and cost report workbooks recompute in a real spreadsheet engine (issue 16, point 2).

Found on main: the XLSX totals summed columns of static values (the app's own numbers written
beside a formula nobody totalled), markups hard-coded their percentage (``*10/100``), and no sheet
had a number format, a width or a frozen header. Here LibreOffice opens each workbook,
recalculates every formula and every total is compared with the app's, to the cent; the totals
are formulas in the file as downloaded, and a markup follows its percentage cell and a line its
global when someone changes them in the spreadsheet.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.budgets import services
from apps.budgets.models import Account, DetailLine, Global, LineFringe, Markup
from apps.budgets.queries import cost_report, top_sheet
from apps.core.money import minor_units
from tests.budgets.messy import messy_budget, spend
from tests.spreadsheets import money, recalculated

pytestmark = pytest.mark.django_db


def _download(client, name: str, production, version=None) -> bytes:
    args = [production.slug] if version is None else [production.slug, version.id]
    response = client.get(reverse(f"budgets:{name}", args=args) + "?format=xlsx")
    assert response.status_code == 200
    return response.content


def _rows(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def _formulas(ws, columns: list[str]) -> None:
    """Every cell of these columns below the header is a live formula, not a value."""
    header = [cell.value for cell in ws[1]]
    for name in columns:
        index = header.index(name) + 1
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            if cell.value not in (None, "", 0):
                assert cell.data_type == "f", f"{ws.title}!{cell.coordinate} is {cell.value!r}"


@pytest.fixture(params=["USD", "JPY", "KWD"])
def budget(request, production):
    production.currency = request.param
    production.save()
    return messy_budget(production)


def test_every_total_of_the_budget_workbook_recalculates_to_the_apps_to_the_minor_unit(
    ap_client, production, budget, tmp_path
):
    places = minor_units(production.currency)
    data = _download(ap_client, "detail_export", production, budget)
    downloaded = load_workbook(io.BytesIO(data))
    assert downloaded.sheetnames[0] == "Lines"
    _formulas(downloaded["Lines"], ["total", "fringe_total"])
    _formulas(downloaded["Accounts"], ["subtotal", "fringes", "total"])
    _formulas(downloaded["Top sheet"], ["subtotal", "fringes", "total"])
    _formulas(downloaded["Fringes"], ["total"])
    book = recalculated(data, tmp_path)

    lines = DetailLine.objects.filter(budget_version=budget)
    fringes = {
        (row.detailline_id, row.fringe.code): row.amount
        for row in LineFringe.objects.filter(detailline__budget_version=budget).select_related(
            "fringe"
        )
    }
    by_description = {line.description: line for line in lines}
    seen = 0
    for row in _rows(book["Lines"]):
        line = by_description.get(row["description"])
        if line is None or row["account_number"] != line.account.number:
            continue
        seen += 1
        assert money(row["total"], places) == line.total, row["description"]
        assert money(row["fringe_total"], places) == line.fringe_total, row["description"]
        for (line_id, code), amount in fringes.items():
            if line_id == line.id:
                assert money(row[f"fringe {code}"], places) == amount, (row["description"], code)
    assert seen == len(by_description) == 9

    sheet = top_sheet(budget)
    accounts = sheet.account_by_number()
    for row in _rows(book["Accounts"]):
        kept = accounts[row["account_number"]]
        assert [money(row[c], places) for c in ("subtotal", "fringes", "total")] == [
            kept.subtotal,
            kept.fringes,
            kept.total,
        ], row["account_number"]
    _top_sheet_agrees(book["Top sheet"], sheet, places)
    fringe_totals = {row["code"]: money(row["total"], places) for row in _rows(book["Fringes"])}
    assert fringe_totals == {f.code: total for f, total in sheet.fringes}
    markups = {row["name"]: money(row["amount"], places) for row in _rows(book["Markups"])}
    assert markups == {m.name: amount for m, amount in sheet.markups}


def _top_sheet_agrees(ws, sheet, places: int) -> None:
    rows = _rows(ws)
    categories = {row.number: row for row in sheet.categories.values()}
    sections = {row.number: row for row in sheet.sections}
    checked = set()
    for row in rows:
        figures = [
            money(row[c], places)
            for c in ("subtotal", "fringes", "total")
            if row[c] not in ("", None)
        ]
        if row["number"] in categories:
            kept = categories[row["number"]]
            assert figures == [kept.subtotal, kept.fringes, kept.total], row
        elif row["section"] in sections and row["name"].startswith("Total "):
            kept = sections[row["section"]]
            assert figures == [kept.subtotal, kept.fringes, kept.total], row
        elif row["name"] == "Budget (lines + fringes)":
            budget = sheet.totals.budget
            assert figures == [budget.subtotal, budget.fringes, sheet.budget_total]
        elif row["name"] == "Grand total":
            assert money(row["total"], places) == sheet.grand_total
        else:
            markup = {m.name: amount for m, amount in sheet.markups}[row["name"]]
            assert money(row["total"], places) == markup, row["name"]
        checked.add(row["name"])
    assert {"Budget (lines + fringes)", "Grand total", '=Fee, "5%"\nüber'} <= checked


def test_the_top_sheet_workbook_opens_on_the_top_sheet_and_recalculates(
    ap_client, production, budget, tmp_path
):
    data = _download(ap_client, "top_sheet_export", production, budget)
    assert load_workbook(io.BytesIO(data)).sheetnames[0] == "Top sheet"
    book = recalculated(data, tmp_path)
    assert book.active.title == "Top sheet"
    _top_sheet_agrees(book["Top sheet"], top_sheet(budget), minor_units(production.currency))


def test_a_markup_follows_its_percentage_cell_and_a_line_its_global(
    ap_client, production, tmp_path
):
    """Changed in the spreadsheet, the workbook agrees with the app changed the same way."""
    version = messy_budget(production)
    data = _download(ap_client, "top_sheet_export", production, version)
    book = load_workbook(io.BytesIO(data))
    top = book["Top sheet"]
    contingency = next(r for r in top.iter_rows(min_row=2) if r[2].value == "Contingency")
    # Its amount is its base times its percentage cell, which is the Markups sheet's.
    assert contingency[5].value == f"=ROUND(H{contingency[5].row}*G{contingency[5].row}/100,2)"
    assert contingency[6].value.startswith("=Markups!B")
    markups = {row[0].value: row[1] for row in book["Markups"].iter_rows(min_row=2)}
    markups["Contingency"].value = 12.5
    shoot_days = next(r for r in book["Globals"].iter_rows(min_row=2) if r[0].value == "SHOOT_DAYS")
    shoot_days[1].value = 31
    edited = io.BytesIO()
    book.save(edited)
    recalc = recalculated(edited.getvalue(), tmp_path)

    contingency = version.markups.get(name="Contingency")
    services.markup_save(
        version=version,
        markup=contingency,
        name="Contingency",
        percent=Decimal("12.5"),
        sections=contingency.sections,
    )
    services.global_set(version=version, name="SHOOT_DAYS", value=Decimal(31))
    _top_sheet_agrees(recalc["Top sheet"], top_sheet(version), 2)


def test_every_total_of_the_cost_report_workbook_recalculates_to_the_apps(
    ap_client, production, tmp_path
):
    messy_budget(production)
    spend(production)
    report = cost_report(production)
    data = _download(ap_client, "cost_report_export", production)
    downloaded = load_workbook(io.BytesIO(data)).active
    _formulas(downloaded, ["efc", "variance"])
    levels = [row["level"] for row in _rows(downloaded)]
    assert {"account", "category", "section", "total", "markup"} == set(levels)
    for row in downloaded.iter_rows(min_row=2):
        level = row[9].value
        if level in ("category", "section", "total"):
            assert all(cell.data_type == "f" for cell in row[2:8]), row[1].value
        if level == "markup":  # its budget and ETC from its percentage cell (I), of its sections
            assert [row[i].data_type for i in (2, 5, 6, 7)] == ["f"] * 4, row[1].value
            assert f"*I{row[2].row}/100" in row[2].value
    ws = recalculated(data, tmp_path).active

    expected = {("account", r.number): r for r in [*report.accounts, *report.unbudgeted]}
    for section in report.sections:
        expected["section", section.number] = section
        for category in section.children:
            expected["category", category.number] = category
    expected["total", report.total.name] = report.total
    expected["total", report.with_markups.name] = report.with_markups
    for row in report.markups:
        expected["markup", row.name] = row
    found = {}
    for row in _rows(ws):
        key = row["account_name"] if row["level"] in ("total", "markup") else row["account_number"]
        found[row["level"], key] = [
            money(row[c]) for c in ("budget", "actual", "committed", "etc", "efc", "variance")
        ]
    assert found.keys() == expected.keys()
    for key, r in expected.items():
        assert found[key] == [r.budget, r.actual, r.committed, r.etc, r.efc, r.variance], key
    # The overrun on camera draws the contingency down, and the workbook says by as much.
    drawn = next(r for r in report.markups if r.name.startswith("Contingency"))
    assert drawn.efc < drawn.budget


def test_every_sheet_has_a_frozen_header_widths_and_money_in_the_currencys_format(
    ap_client, production
):
    production.currency = "KWD"
    production.save()
    version = messy_budget(production)
    spend(production)
    books = [
        load_workbook(io.BytesIO(_download(ap_client, name, production, version)))
        for name in ("detail_export", "top_sheet_export")
    ] + [load_workbook(io.BytesIO(_download(ap_client, "cost_report_export", production)))]
    for book in books:
        for ws in book.worksheets:
            assert ws.freeze_panes == "A2", ws.title
            assert all(cell.font.bold for cell in ws[1]), ws.title
            assert ws.column_dimensions["A"].width >= 8, ws.title
            assert ws.column_dimensions["B"].width >= 8, ws.title
    lines = books[0]["Lines"]
    total = next(c for c in lines[1] if c.value == "total").column
    assert lines.cell(row=2, column=total).number_format == '"KWD"#,##0.000;-"KWD"#,##0.000'
    description = next(c for c in lines[1] if c.value == "description").column_letter
    assert lines.column_dimensions[description].width > 20  # the longest description fits
    cost = books[2].active
    assert cost["C2"].number_format.startswith('"KWD"#,##0.000')


def test_global_and_account_values_in_the_workbook_are_the_apps(ap_client, production):
    """What is not a total is a value (or a formula over other cells): no six-place noise."""
    version = messy_budget(production)
    book = load_workbook(io.BytesIO(_download(ap_client, "detail_export", production, version)))
    values = {row[0].value: row[1].value for row in book["Globals"].iter_rows(min_row=2)}
    assert values["SHOOT_DAYS"] == 25
    assert values["LOC_DAYS"] == "=ROUND(((Globals!$B$5*0.4)+0.5),6)"  # SHOOT_DAYS in B5
    assert Global.objects.get(budget_version=version, name="LOC_DAYS").value == Decimal("10.5")
    assert Account.objects.filter(budget_version=version).count() == book["Accounts"].max_row - 1
    assert Markup.objects.filter(budget_version=version).count() == book["Markups"].max_row - 1


def test_no_markup_formula_hard_codes_its_percentage(ap_client, production):
    """A markup reads its percentage from a cell (`*G30/100`), never `*10/100`."""
    version = messy_budget(production)
    spend(production)
    books = [
        load_workbook(io.BytesIO(_download(ap_client, "top_sheet_export", production, version))),
        load_workbook(io.BytesIO(_download(ap_client, "cost_report_export", production))),
    ]
    literal = re.compile(r"\*\(?-?\d+(\.\d+)?\)?/100")
    formulas = [
        cell.value
        for book in books
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f" and "/100" in cell.value
    ]
    assert [f for f in formulas if literal.search(f)] == []
    assert len(formulas) >= 10  # 5 markups on the top sheet, 5 budgets and 4 ETCs on the report
