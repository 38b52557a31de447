"""Every schedule page renders on the demo production, as a page, a PDF and a spreadsheet."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from apps.productions.models import Membership, Production
from apps.schedules.models import Scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_client(client):
    call_command("seed_demo")
    production = Production.objects.get(slug="night-ferry")
    ap = Membership.objects.get(production=production, role="associate_producer").user
    client.force_login(ap)
    client.production = production
    return client


def url(client, name, **kwargs):
    return reverse(
        f"schedules:{name}", kwargs={"production_slug": client.production.slug, **kwargs}
    )


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize(
    "name",
    ["board", "scenes", "cast", "elements", "locations", "settings", "calendar", "calendar_week"],
)
def test_the_schedule_pages_render(demo_client, name):
    response = demo_client.get(url(demo_client, name))
    assert response.status_code == 200


def test_the_stripboard_shows_strips_day_totals_and_the_bin(demo_client):
    html = demo_client.get(url(demo_client, "board")).content.decode()
    assert html.count('class="strip ') == Scene.objects.filter(omitted=False).count()
    assert "strip-ext-night" in html and "strip-int-night" in html
    assert 'data-testid="day-total"' in html and "Unscheduled" in html
    assert "Move scene 1 to day number" in html  # the keyboard alternative to dragging
    assert "<svg" in html  # pages per shoot day


@pytest.mark.parametrize("key", ["shooting-schedule", "one-liner", "dood", "elements", "locations"])
def test_each_report_is_a_page_a_pdf_a_csv_and_an_xlsx(demo_client, key):
    page = demo_client.get(url(demo_client, "report", key=key))
    assert page.status_code == 200
    pdf = demo_client.get(url(demo_client, "report", key=key) + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Night Ferry" in text
    csv_response = demo_client.get(url(demo_client, "report", key=key) + "?format=csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    xlsx = demo_client.get(url(demo_client, "report", key=key) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row > 1


def test_the_shooting_schedule_lists_days_scenes_cast_elements_and_location(demo_client):
    text = demo_client.get(url(demo_client, "report", key="shooting-schedule") + "?format=csv")
    body = text.content.decode()
    assert body.splitlines()[0].startswith("Day,Scene,I/E,Set,D/N,Pages,Synopsis,Cast,Elements")
    assert "Vehicles: Black sedan" in body
    assert "Portland Ferry Terminal" in body


def test_the_breakdown_sheet_is_a_page_and_a_pdf_in_category_colours(demo_client):
    scene = Scene.objects.get(production=demo_client.production, number="1")
    html = demo_client.get(url(demo_client, "breakdown", pk=scene.pk)).content.decode()
    assert "#e32636" in html  # cast red
    assert "#2e8b57" in html  # background green
    pdf = demo_client.get(url(demo_client, "breakdown", pk=scene.pk) + "?format=pdf")
    text = pdf_text(pdf.content)
    assert "Breakdown sheet, scene 1" in text and "Black sedan" in text and "MARA" in text


def test_the_dashboard_shows_the_schedule_panel(demo_client):
    response = demo_client.get(
        reverse("productions:dashboard", kwargs={"production_slug": demo_client.production.slug})
    )
    html = response.content.decode()
    assert 'data-testid="schedule-panel"' in html
    assert "Day 1" in html
