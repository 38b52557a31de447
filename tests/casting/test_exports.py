"""The roles list exports inert (CSV, XLSX); the casting breakdown prints with its letterhead."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.casting import services
from tests import pdfs
from tests.casting.factories import RoleFactory
from tests.schedules.factories import CastFactory

pytestmark = pytest.mark.django_db

MESSY = '=HYPERLINK("http://evil.test","Click") "Quoted"\nsecond line'


def url(production, fmt):
    return reverse("casting:roles_export", kwargs={"production_slug": production.slug, "fmt": fmt})


@pytest.fixture
def roles(production):
    CastFactory(production=production, id_number=1, character="MARA")
    services.roles_from_cast(production=production)
    RoleFactory(production=production, name=MESSY, description='+SUM(A1)\n"quoted"')
    return production


def test_the_csv_is_inert(client, roles, ap):
    client.force_login(ap)
    rows = list(csv.reader(io.StringIO(client.get(url(roles, "csv")).content.decode())))
    assert rows[0][:3] == ["Cast ID", "Role", "Description"]
    messy = next(row for row in rows if "HYPERLINK" in row[1])
    assert messy[1] == "'" + MESSY and messy[2].startswith("'+SUM")


def test_the_xlsx_holds_text_not_formulas(client, roles, ap):
    client.force_login(ap)
    sheet = load_workbook(io.BytesIO(client.get(url(roles, "xlsx")).content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert any(cell.value == MESSY for cell in cells)
    assert all(cell.data_type != "f" for cell in cells)


def test_the_breakdown_pdf_reads_back_with_its_roles_and_letterhead(client, roles, ap):
    roles.title = 'The "Night" Ferry'
    roles.save()
    client.force_login(ap)
    response = client.get(url(roles, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = pdfs.text(response.content)
    assert "Casting breakdown" in text and "MARA" in text and "HYPERLINK" in text
    assert "Page 1 of 1" in text or "page 1 of 1" in text.lower()
