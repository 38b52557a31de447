"""The deliverables pages: who reaches them, a checklist from a template, an item's edit (a
rejection needs a reason, a stale edit is refused, evidence is checked by its bytes), and the
checklist as PDF (read back) and XLSX."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.post.deliverables import services
from apps.post.deliverables.models import Checklist, DeliveryKind, ItemStatus
from apps.post.deliverables.validators import EVIDENCE_WRONG_TYPE
from apps.productions.capabilities import Role
from tests import pdfs
from tests.factories import member

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(production, name, **kwargs):
    return reverse(f"post:{name}", kwargs={"production_slug": production.slug, **kwargs})


@pytest.fixture
def checklist(production):
    return services.checklist_create(
        production=production, name='UK "theatrical"', kind=DeliveryKind.THEATRICAL,
        recipient="Harbour Light", due_date=date(2027, 5, 3),
    )  # fmt: skip


def test_the_post_supervisor_runs_deliverables_but_never_sees_deals(client, production, checklist):
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Post"))
    page = client.get(url(production, "deliverables_checklist", pk=checklist.pk))
    assert page.status_code == 200
    assert "DCP (Digital Cinema Package)" in page.content.decode()
    assert "Distribution" not in page.content.decode()
    assert client.get(url(production, "distribution")).status_code == 403
    assert client.get(url(production, "distribution_grid")).status_code == 403


@pytest.mark.parametrize("role", [Role.CREW, Role.CASTING])
def test_crew_and_casting_reach_neither(client, production, checklist, role):
    client.force_login(member(production, role))
    assert client.get(url(production, "deliverables")).status_code == 403
    assert client.get(url(production, "distribution")).status_code == 403


def test_the_head_of_another_department_is_refused(client, production, checklist):
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Camera"))
    assert client.get(url(production, "deliverables")).status_code == 403
    pdf = url(production, "deliverables_export", pk=checklist.pk, fmt="pdf")
    assert client.get(pdf).status_code == 403


def test_a_checklist_is_started_from_a_template_on_its_page(ap_client, production):
    response = ap_client.post(
        url(production, "deliverables_new"),
        {"name": "Streaming", "kind": "streaming", "recipient": "Flux", "due_date": "2027-06-01"},
    )
    made = Checklist.objects.get(name="Streaming")
    assert response.status_code == 302
    assert made.items.count() == 14 and made.created_by is not None
    listing = ap_client.get(url(production, "deliverables")).content.decode()
    assert "Streaming" in listing and "14 items" in listing


def item_post(item, **changes):
    data = {
        "category": item.category, "name": item.name, "spec_notes": item.spec_notes,
        "due_date": item.due_date.isoformat() if item.due_date else "", "owner": "",
        "status": item.status, "rejection_reason": item.rejection_reason,
        "evidence_reference": item.evidence_reference, "version": item.version,
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_rejection_needs_a_reason(ap_client, production, checklist):
    item = checklist.items.get(name="Sound stems")
    page = ap_client.post(
        url(production, "deliverables_item", pk=item.pk), item_post(item, status="rejected")
    )
    assert page.status_code == 200
    assert "Say why the item was rejected." in page.content.decode()
    item.refresh_from_db()
    assert item.status == ItemStatus.NOT_STARTED
    ap_client.post(
        url(production, "deliverables_item", pk=item.pk),
        item_post(item, status="rejected", rejection_reason="Reel 3 out of sync"),
    )
    item.refresh_from_db()
    assert (item.status, item.rejection_reason, item.version) == (
        ItemStatus.REJECTED, "Reel 3 out of sync", 2,
    )  # fmt: skip
    assert item.history.count() == 2  # audited


def test_a_stale_edit_is_refused_and_nothing_is_lost(client, production, checklist):
    item = checklist.items.get(name="Trailer")
    loaded = item_post(item)
    services.item_update(item=item, expected_version=1, status=ItemStatus.IN_PROGRESS)
    client.force_login(member(production))
    page = client.post(
        url(production, "deliverables_item", pk=item.pk),
        {**loaded, "status": "delivered", "evidence_reference": "Portal receipt 42"},
    )
    assert "Someone else saved this deliverable" in page.content.decode()
    assert "Portal receipt 42" in page.content.decode()  # what they typed is still on the form
    item.refresh_from_db()
    assert (item.status, item.evidence_reference) == (ItemStatus.IN_PROGRESS, "")


def test_evidence_is_checked_by_its_bytes_and_served_to_members(ap_client, production, checklist):
    item = checklist.items.get(name="E&O insurance certificate")
    edit = url(production, "deliverables_item", pk=item.pk)
    fake = SimpleUploadedFile("policy.pdf", b"<html>not a pdf</html>")
    page = ap_client.post(edit, {**item_post(item, status="delivered"), "evidence_file": fake})
    assert EVIDENCE_WRONG_TYPE in page.content.decode()
    real = SimpleUploadedFile("policy.pdf", PDF)
    ap_client.post(edit, {**item_post(item, status="delivered"), "evidence_file": real})
    item.refresh_from_db()
    assert item.status == ItemStatus.DELIVERED and item.evidence_file
    served = ap_client.get(url(production, "deliverables_evidence", pk=item.pk))
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content) == PDF
    # A later edit without a new file keeps the evidence.
    item.refresh_from_db()
    ap_client.post(edit, item_post(item, status="accepted"))
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTED and item.evidence_file


def test_the_checklist_prints_as_a_pdf_and_exports_as_xlsx(ap_client, production, checklist):
    item = checklist.items.get(name="M&E (music and effects) tracks")
    services.item_update(
        item=item, expected_version=1, status=ItemStatus.REJECTED,
        rejection_reason="Footsteps missing in reel 3", evidence_reference="QC-77",
    )  # fmt: skip
    pdf = pdfs.of(ap_client.get(url(production, "deliverables_export", pk=checklist.pk, fmt="pdf")))
    text = pdfs.words(pdfs.text(pdf, layout=False))
    assert 'Deliverables: UK "theatrical"' in text
    assert "Rejected: Footsteps missing in reel 3" in text
    assert "Chain of title" in text and "Harbour Light" in text
    assert pdfs.letterhead(pdf)[1] == "Deliverables"
    response = ap_client.get(url(production, "deliverables_export", pk=checklist.pk, fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("#", "Category", "Item")
    assert len(rows) == 15
    rejected = next(r for r in rows if r[2] == "M&E (music and effects) tracks")
    assert rejected[6:9] == ("Rejected", "Footsteps missing in reel 3", "QC-77")


def test_moving_the_delivery_date_on_the_page_moves_open_items(ap_client, production, checklist):
    ap_client.post(
        url(production, "deliverables_checklist", pk=checklist.pk), {"due_date": "2027-07-01"}
    )
    assert set(checklist.items.values_list("due_date", flat=True)) == {date(2027, 7, 1)}


def test_the_checklists_page_exports_each_checklist_with_its_counts(ap_client, production):
    import csv

    hostile = services.checklist_create(
        production=production, name='=HYPERLINK("http://evil.test","x")',
        kind=DeliveryKind.FESTIVAL, recipient='Ann "Nan"\nO\'Hara', due_date=date(2027, 9, 1),
    )  # fmt: skip
    item = hostile.items.order_by("position", "pk").first()
    services.item_update(item=item, expected_version=1, status=ItemStatus.ACCEPTED)
    total = hostile.items.count()
    page = ap_client.get(url(production, "deliverables")).content.decode()
    assert url(production, "deliverables_list_export", fmt="csv") in page
    assert url(production, "deliverables_list_export", fmt="xlsx") in page
    response = ap_client.get(url(production, "deliverables_list_export", fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode(), newline="")))
    assert rows[0] == [
        "Checklist", "Recipient", "Template", "Delivery due", "Items", "Accepted", "Delivered",
        "Rejected", "Next open item due",
    ]  # fmt: skip
    assert rows[1][:6] == [
        "'" + hostile.name, 'Ann "Nan"\nO\'Hara', "Festival", "2027-09-01", str(total), "1"
    ]  # fmt: skip
    response = ap_client.get(url(production, "deliverables_list_export", fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    name, recipient = sheet.cell(2, 1), sheet.cell(2, 2)
    assert name.value == hostile.name and name.data_type == "s"
    assert recipient.value == 'Ann "Nan"\nO\'Hara'
    assert (sheet.cell(2, 5).value, sheet.cell(2, 6).value) == (total, 1)


@pytest.mark.parametrize(
    ("role", "department", "sees"),
    [
        (Role.PRODUCER, None, True),
        (Role.ASSOCIATE_PRODUCER, None, True),
        (Role.DEPARTMENT_HEAD, "Post", False),
    ],
)
def test_a_checklist_with_a_deal_links_to_it_only_for_those_who_see_deals(
    client, production, checklist, role, department, sees
):
    from decimal import Decimal

    from apps.post.distribution.models import Deal
    from apps.post.distribution.services import deal_save

    deal = Deal(
        production=production, territory="United Kingdom", theatrical=True, exclusive=True,
        licensor="Harbour Light Pictures", licensee="Quayside Releasing",
        term_start=date(2027, 1, 1), term_end=date(2033, 12, 31), minimum_guarantee=Decimal(0),
        delivery_due=date(2027, 5, 3), checklist=checklist,
    )  # fmt: skip
    deal_save(deal=deal, instalments=[])
    user = (
        member(production, role, department=department) if department else member(production, role)
    )
    client.force_login(user)
    page = client.get(url(production, "deliverables_checklist", pk=checklist.pk))
    assert page.status_code == 200
    text = page.content.decode()
    link = f'href="{url(production, "distribution_deal", pk=deal.pk)}"'
    assert (link in text) is sees
    assert ("Quayside Releasing" in text) is sees
