"""The PDF, read back with pdftotext, holds the scenes and the call times."""

from __future__ import annotations

import subprocess

import pytest

from apps.callsheets import services

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(content: bytes, tmp_path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def test_the_revision_pdf_holds_the_scenes_and_call_times(
    day, ap_client, production, tmp_path, django_capture_on_commit_callbacks
):
    call_sheet = services.callsheet_start(shoot_day=day)
    with django_capture_on_commit_callbacks(execute=True):
        services.callsheet_publish(call_sheet=call_sheet)
    response = ap_client.get(f"/p/{production.slug}/callsheets/{call_sheet.pk}/revisions/1/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Day 1 of 2" in text
    assert "07:00" in text  # the general call
    assert "06:00" in text  # the day player's own call
    assert "FERRY - CAR DECK" in text
    assert "Mara boards the ferry" in text
    assert "Maine Medical Center" in text
    assert "Ada First" in text
    assert pdf_pages(response.content, tmp_path) <= 2


def test_the_draft_pdf_says_draft(day, ap_client, production, tmp_path):
    call_sheet = services.callsheet_start(shoot_day=day)
    response = ap_client.get(f"/p/{production.slug}/callsheets/{call_sheet.pk}/pdf/")
    assert "DRAFT" in pdf_text(response.content, tmp_path)


def test_the_pages_render_for_a_crew_member(day, client, production):
    from apps.productions.capabilities import Role
    from tests.factories import member

    call_sheet = services.callsheet_start(shoot_day=day)
    client.force_login(member(production, Role.CREW))
    assert client.get(f"/p/{production.slug}/callsheets/").status_code == 200
    page = client.get(f"/p/{production.slug}/callsheets/{call_sheet.pk}/")
    assert page.status_code == 200
    assert "Publish" not in page.content.decode()
