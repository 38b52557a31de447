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
    RoleFactory(
        production=production,
        name="Ferry Captain",
        description="Weathered, dry humour, runs the night crossing",
        age_min=50,
        age_max=65,
        speaking=True,
    )
    RoleFactory(production=production, name="Passenger", age_min=20, speaking=False)
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
    words = pdfs.words(pdfs.text(response.content, layout=False))
    # Each role with its description, age range and whether it speaks, as agents read them.
    assert "Ferry Captain" in words
    assert "Weathered, dry humour, runs the night crossing" in words
    assert "Age 50–65 · Any · Speaking" in words
    assert "Passenger" in words and "Age 20+ · Any · Non-speaking" in words
    assert '+SUM(A1) "quoted"' in words  # a description's text as written, over its two lines
