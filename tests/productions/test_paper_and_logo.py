"""A production's PDFs are on its paper (US Letter in the US and Canada, A4 elsewhere, or what its
settings say) and carry its logo when it has one (issue 16)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from apps.core.documents import Heading
from apps.productions.documents import letterhead
from apps.productions.models import PaperSize, Production, paper_for
from tests import pdfs
from tests.factories import UserFactory
from tests.productions.test_productions import create_payload, png_bytes, settings_payload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("time_zone", "currency", "paper"),
    [
        ("America/New_York", "USD", "letter"),
        ("America/Los_Angeles", "EUR", "letter"),  # where it shoots, whatever it pays in
        ("America/Toronto", "CAD", "letter"),
        ("Canada/Pacific", "CAD", "letter"),  # an old alias of America/Vancouver
        ("US/Eastern", "GBP", "letter"),
        ("Europe/London", "USD", "A4"),  # a US-dollar production shooting in London
        ("Europe/Paris", "EUR", "A4"),
        ("America/Mexico_City", "MXN", "A4"),
        ("Australia/Sydney", "AUD", "A4"),
        ("UTC", "USD", "letter"),  # a zone of no country: the currency says
        ("UTC", "CAD", "letter"),
        ("UTC", "EUR", "A4"),
        ("Etc/GMT+5", "JPY", "A4"),
    ],
)
def test_automatic_paper_follows_the_country_of_the_time_zone_then_the_currency(
    time_zone, currency, paper
):
    assert paper_for(time_zone, currency) == paper


def test_the_settings_choose_the_paper_over_where_the_production_is(production):
    assert (production.paper_size, production.paper) == (PaperSize.AUTO, "letter")
    production.paper_size = PaperSize.A4
    assert production.paper == "A4"
    production.time_zone, production.paper_size = "Europe/Berlin", PaperSize.LETTER
    assert production.paper == "letter"


def test_a_new_production_is_automatic_and_the_settings_page_changes_it(client, ap, production):
    client.force_login(UserFactory())
    assert 'name="paper_size"' in client.get(reverse("productions:create")).content.decode()
    client.post(reverse("productions:create"), create_payload())  # no paper size posted
    created = Production.objects.get(slug="low-tide")  # in Lisbon
    assert (created.paper_size, created.paper) == (PaperSize.AUTO, "A4")
    client.force_login(ap)
    url = reverse("productions:settings", kwargs={"production_slug": production.slug})
    assert 'name="paper_size"' in client.get(url).content.decode()
    client.post(url, settings_payload(production, currency="USD", time_zone="America/Chicago",
                                      paper_size="a4"))  # fmt: skip
    production.refresh_from_db()
    assert (production.paper_size, production.paper) == (PaperSize.A4, "A4")
    client.post(url, settings_payload(production, currency="USD", time_zone="America/Chicago"))
    production.refresh_from_db()
    assert production.paper_size == PaperSize.A4, "a post without the field keeps the choice"
    pdf = client.get(reverse("crew:list", args=[production.slug]) + "?format=pdf").content
    assert pdfs.paper(pdf) == pdfs.A4


def crew_pdf(client, production) -> bytes:
    return pdfs.of(client.get(reverse("crew:list", args=[production.slug]) + "?format=pdf"))


def test_the_logo_is_printed_at_the_top_of_every_page_from_the_pdf_itself(ap_client, production):
    assert pdfs.image_count(crew_pdf(ap_client, production)) == 0
    production.logo.save("logo.png", ContentFile(png_bytes((300, 120))))
    head = letterhead(production, Heading("Crew contact sheet"))
    assert head.logo.startswith("data:image/png;base64,"), "nothing for WeasyPrint to fetch"
    pdf = crew_pdf(ap_client, production)
    assert pdfs.image_count(pdf) == pdfs.page_count(pdf) >= 1


def test_a_logo_that_is_gone_or_no_image_leaves_the_pdf_without_one(ap_client, production):
    production.logo.save("logo.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"not really" * 20))
    assert letterhead(production, Heading("x")).logo == ""
    production.logo.delete(save=False)
    production.logo.name = "productions/gone/logo.png"
    production.save()
    assert letterhead(production, Heading("x")).logo == ""
    assert pdfs.image_count(crew_pdf(ap_client, production)) == 0
