from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.vendors.models import POStatus, PurchaseOrder, Quote, QuoteRequest
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


def test_quotes_sit_side_by_side_and_choosing_one_drafts_the_po(ap_client, production):
    slug = {"production_slug": production.slug}
    vendors = [VendorFactory(production=production, name=n) for n in ("Aperture", "Bokeh", "Cine")]
    ap_client.post(
        reverse("vendors:quote_requests", kwargs=slug),
        {"title": "Camera package", "account_number": "3307", "details": ""},
    )
    need = QuoteRequest.objects.get()
    url = reverse("vendors:quote_request", kwargs={**slug, "pk": need.pk})
    for vendor, amount in zip(vendors, ("9000", "8500.50", "9900"), strict=True):
        ap_client.post(url, {"vendor": vendor.pk, "amount": amount, "terms": "4-day week"})
    page = ap_client.get(url).content.decode()
    assert page.count('data-testid="quote"') == 3
    page = page[page.index('id="quotes"') : page.index('id="quote-form"')]
    assert page.index("Bokeh") < page.index("Aperture") < page.index("Cine")  # cheapest first

    chosen = Quote.objects.get(vendor__name="Bokeh")
    response = ap_client.post(reverse("vendors:quote_choose", kwargs={**slug, "pk": chosen.pk}))
    po = PurchaseOrder.objects.get()
    assert response["Location"] == po.get_absolute_url()
    assert (po.status, po.vendor, po.quote) == (POStatus.DRAFT, chosen.vendor, chosen)
    (line,) = po.lines.all()
    assert (line.account_number, line.amount) == ("3307", Decimal("8500.50"))

    again = ap_client.post(
        reverse("vendors:quote_choose", kwargs={**slug, "pk": chosen.pk}), follow=True
    )
    assert "A quote was already chosen" in again.content.decode()
    assert PurchaseOrder.objects.count() == 1


def test_a_decided_request_takes_no_more_quotes(ap_client, production):
    from apps.vendors import services
    from apps.vendors.views.vendors import QUOTES_CLOSED

    vendor = VendorFactory(production=production)
    need = QuoteRequest.objects.create(production=production, title="Van", account_number="3504")
    quote = Quote.objects.create(
        production=production, request=need, vendor=vendor, amount=Decimal("300")
    )
    services.quote_choose(quote=quote)
    url = reverse(
        "vendors:quote_request", kwargs={"production_slug": production.slug, "pk": need.pk}
    )
    page = ap_client.post(url, {"vendor": vendor.pk, "amount": "1"}, follow=True)
    assert QUOTES_CLOSED in page.content.decode()
    assert Quote.objects.get().amount == Decimal("300")
