from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from apps.productions.capabilities import Capability, Role
from apps.productions.dashboard import nav_for
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.forms import VENDOR_NAME_TAKEN
from apps.vendors.models import Vendor
from tests.factories import member
from tests.vendors.factories import VendorFactory, purchase_order, rental_fields

pytestmark = pytest.mark.django_db


def test_an_ap_adds_a_vendor_and_a_second_of_the_same_name_is_refused(ap_client, production):
    url = reverse("vendors:vendor_create", kwargs={"production_slug": production.slug})
    data = {
        "name": "Harbour Camera",
        "category": "camera",
        "email": "orders@harbour.example",
        "payment_terms": "net_30",
        "tax_form_on_file": "on",
        "rating": "4",
        "notes": "Ask for Dana.",
    }
    response = ap_client.post(url, data)
    vendor = Vendor.objects.get()
    assert response["Location"] == vendor.get_absolute_url()
    assert (vendor.category, vendor.rating, vendor.tax_form_on_file) == ("camera", 4, True)
    again = ap_client.post(url, {**data, "name": "harbour camera"})
    assert VENDOR_NAME_TAKEN.format(name="harbour camera") in again.content.decode()
    assert Vendor.objects.count() == 1


def test_contacts_are_added_on_the_vendor_page(ap_client, production):
    vendor = VendorFactory(production=production)
    url = reverse(
        "vendors:contact_add", kwargs={"production_slug": production.slug, "pk": vendor.pk}
    )
    ap_client.post(url, {"name": "Dana Ortiz", "role": "Rental desk", "email": "d@x.example"})
    page = ap_client.get(vendor.get_absolute_url()).content.decode()
    assert "Dana Ortiz" in page and "Rental desk" in page


def test_vendor_po_and_invoice_changes_appear_in_the_audit_log(client, production):
    producer = member(production, Role.PRODUCER)
    client.force_login(producer)
    vendor = VendorFactory(production=production)
    url = reverse(
        "vendors:vendor_edit", kwargs={"production_slug": production.slug, "pk": vendor.pk}
    )
    client.post(url, {"name": "Renamed Rentals", "category": "sound", "payment_terms": "net_15"})
    po = purchase_order(vendor, "10")
    services.po_submit(po=po)
    log = client.get(reverse("productions:audit", kwargs={"production_slug": production.slug}))
    page = log.content.decode()
    assert "Renamed Rentals" in page
    assert "PO 0001 to Renamed Rentals" in page


def test_the_vendors_menu_item_comes_fourth_with_a_truck():
    class Member:
        def can(self, capability):
            return capability in {Capability.VIEW_VENDORS, Capability.VIEW_PRODUCTION}

    items = [item for item in nav_for(Member()) if item.url_name == "vendors:index"]
    assert [(i.label, i.order, i.icon) for i in items] == [("Vendors", 400, "truck")]


def test_the_purchasing_panel_shows_what_waits_for_me(client, production):
    today = production.today()
    ap = Membership.objects.get(user=member(production))
    vendor = VendorFactory(production=production, name="Dockside")
    small = services.po_submit(po=purchase_order(vendor, "900"))
    large = services.po_submit(po=purchase_order(vendor, "9000"))
    services.certificate_upload(
        vendor=vendor,
        upload=ContentFile(b"%PDF-1.4\n", name="c.pdf"),
        expires_on=today + timedelta(days=3),
    )
    services.rental_create(
        vendor=vendor, **rental_fields(item="Dolly track", return_due_on=today + timedelta(1))
    )
    client.force_login(ap.user)
    page = client.get(production.get_absolute_url()).content.decode()
    panel = page[page.index('data-panel="purchasing"') :]
    assert small.get_absolute_url() in panel
    assert large.get_absolute_url() not in panel  # over the AP's limit: the producer's to approve
    assert "Dockside · " + (today + timedelta(days=3)).strftime("%-d %b") in panel
    assert "Dolly track" in panel

    client.force_login(member(production, Role.PRODUCER))
    panel = client.get(production.get_absolute_url()).content.decode()
    assert large.get_absolute_url() in panel


def test_only_a_producer_sets_the_ap_limit(client, production):
    url = reverse("vendors:settings", kwargs={"production_slug": production.slug})
    client.force_login(member(production))
    assert client.get(url).status_code == 403
    client.force_login(member(production, Role.PRODUCER))
    client.post(url, {"ap_approval_limit": "12500.00", "rental_days_per_week": "3"})
    saved = services.settings_for(production)
    assert (str(saved.ap_approval_limit), str(saved.rental_days_per_week)) == ("12500.00", "3.0")
