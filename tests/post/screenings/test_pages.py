"""The screening pages: who reaches them, whose eyes see guests' e-mail addresses, the export, a
cost made a purchase order, the door's check-in, and an edit over someone else's."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.post.screenings import services
from apps.post.screenings.models import Guest, Screening, ScreeningCost
from apps.productions.capabilities import Role
from apps.vendors.models import PurchaseOrder
from tests.factories import member
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


def url(world, name: str, **kwargs) -> str:
    return reverse(f"post:{name}", kwargs={"production_slug": world.production.slug, **kwargs})


@pytest.fixture
def guests(world):
    services.guest_add(screening=world.screening, name="Priya Raman", email="priya@secret.test")
    return world


@pytest.mark.parametrize(
    ("role", "department", "status"),
    [
        (Role.PRODUCER, None, 200),
        (Role.COORDINATOR, None, 200),
        (Role.DEPARTMENT_HEAD, "Post", 200),
        (Role.DEPARTMENT_HEAD, "Camera", 403),
        (Role.CREW, None, 403),
        (Role.CASTING, None, 403),
    ],
)
def test_who_reaches_a_screening(client, guests, role, department, status):
    user = (
        member(guests.production, role, department=department)
        if department
        else member(guests.production, role)
    )
    client.force_login(user)
    assert client.get(url(guests, "screening", pk=guests.screening.pk)).status_code == status
    export = client.get(url(guests, "screening_guests_export", pk=guests.screening.pk, fmt="csv"))
    assert export.status_code == status
    if status == 403:
        assert b"priya@secret.test" not in export.content


@pytest.mark.parametrize(
    ("role", "sees"),
    [(Role.ASSOCIATE_PRODUCER, True), (Role.COORDINATOR, False), (Role.ACCOUNTANT, False)],
)
def test_guests_e_mails_only_for_those_who_run_post(client, guests, role, sees):
    client.force_login(member(guests.production, role))
    page = client.get(url(guests, "screening", pk=guests.screening.pk)).content.decode()
    assert "Priya Raman" in page
    assert ("priya@secret.test" in page) is sees
    export = client.get(url(guests, "screening_guests_export", pk=guests.screening.pk, fmt="csv"))
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert ("E-mail" in rows[0]) is sees
    assert ("priya@secret.test" in rows[1]) is sees
    assert rows[1][0] == "Priya Raman"


def test_the_guest_list_exports_as_xlsx(client, guests):
    from openpyxl import load_workbook

    client.force_login(guests.ap)
    response = client.get(
        url(guests, "screening_guests_export", pk=guests.screening.pk, fmt="xlsx")
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:4] == ["Name", "E-mail", "From", "Answer"]
    assert [c.value for c in sheet[2]][:4] == [
        "Priya Raman", "priya@secret.test", "Outside guest", "Not invited yet"
    ]  # fmt: skip


def test_a_new_screening_from_the_form(client, world):
    client.force_login(world.ap)
    response = client.post(
        url(world, "screening_new"),
        {"kind": "cast_crew", "title": "Cast and crew night", "date": "2030-05-02",
         "starts_at": "20:00", "venue": "The Lyric", "cut_shown": "Locked cut", "notes": ""},
    )  # fmt: skip
    made = Screening.objects.get(title="Cast and crew night")
    assert response["Location"] == url(world, "screening", pk=made.pk)
    assert made.history.first().history_user == world.ap


def test_an_edit_over_a_newer_one_is_refused(client, world):
    client.force_login(world.ap)
    data = {
        "kind": "test",
        "title": "Renamed",
        "date": "2030-05-02",
        "starts_at": "19:00",
        "venue": "Harbour Picturehouse",
        "cut_shown": "",
        "notes": "",
        "version": "1",
    }
    assert client.post(url(world, "screening_edit", pk=world.screening.pk), data).status_code == 302
    data["title"] = "Stale"
    stale = client.post(url(world, "screening_edit", pk=world.screening.pk), data)
    assert "Someone else saved this screening" in stale.content.decode()
    assert Screening.objects.get().title == "Renamed"


def test_a_cost_becomes_a_draft_purchase_order_the_page_names(client, world):
    vendor = VendorFactory(production=world.production, name="Harbour Picturehouse Ltd")
    client.force_login(world.ap)
    client.post(
        url(world, "screening_cost_add", pk=world.screening.pk),
        {"description": "Screen hire", "amount": "850.00", "vendor": vendor.pk,
         "account_number": "3307"},
    )  # fmt: skip
    cost = ScreeningCost.objects.get()
    assert cost.amount == Decimal("850.00")
    response = client.post(url(world, "screening_cost_po", pk=cost.pk), follow=True)
    po = PurchaseOrder.objects.get()
    assert (po.vendor, po.status) == (vendor, "draft")
    assert [(line.account_number, line.amount) for line in po.lines.all()] == [
        ("3307", Decimal("850.00"))
    ]
    page = response.content.decode()
    assert f"Draft {po.label} made to Harbour Picturehouse Ltd" in page
    assert f"{po.label} (draft)" in page
    cost.refresh_from_db()
    assert cost.purchase_order == po
    assert f"became draft {po.label}" in cost.history.first().history_change_reason
    again = client.post(url(world, "screening_cost_po", pk=cost.pk), follow=True)
    assert "became purchase order" in again.content.decode()
    assert PurchaseOrder.objects.count() == 1


def test_a_cost_without_vendor_or_account_cannot_become_an_order(world):
    cost = services.cost_add(screening=world.screening, description="Popcorn", amount=Decimal(40))
    with pytest.raises(services.ScreeningError, match="vendor and the budget account"):
        services.cost_to_purchase_order(cost=cost)


def test_the_door_checks_guests_in_and_out(client, guests):
    client.force_login(guests.ap)
    guest = Guest.objects.get()
    door = url(guests, "screening_door", pk=guests.screening.pk)
    assert "Check in" in client.get(door).content.decode()
    client.post(door, {"guest": guest.pk})
    guest.refresh_from_db()
    assert guest.checked_in_at is not None
    assert "Arrived" in client.get(door).content.decode()
    client.post(door, {"guest": guest.pk, "present": "0"})
    guest.refresh_from_db()
    assert guest.checked_in_at is None
    assert client.post(door, {"guest": "../1"}).status_code == 404
