from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.productions.capabilities import Role
from apps.vendors.models import Certificate
from apps.vendors.services.purchasing import CERTIFICATE_NOT_PDF_OR_IMAGE
from tests.factories import member
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, vendor, name: str, content: bytes):
    url = reverse(
        "vendors:certificate_upload",
        kwargs={"production_slug": vendor.production.slug, "pk": vendor.pk},
    )
    data = {"file": SimpleUploadedFile(name, content), "expires_on": date.today() + timedelta(90)}
    return client.post(url, data, follow=True)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("coi.pdf", PDF, "application/pdf"), ("coi.png", png(), "image/png")],
)
def test_a_pdf_or_an_image_is_accepted_and_served_to_members(
    ap_client, production, name, content, content_type
):
    vendor = VendorFactory(production=production)
    upload(ap_client, vendor, name, content)
    certificate = Certificate.objects.get(vendor=vendor)
    assert certificate.content_type == content_type
    url = reverse(
        "vendors:certificate_file",
        kwargs={"production_slug": production.slug, "pk": certificate.pk},
    )
    response = ap_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert b"".join(response.streaming_content) == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("coi.pdf", b"<html><script>alert(1)</script></html>"),  # named PDF, is not
        ("coi.png", b"GIF89a not really"),
        ("coi.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ],
)
def test_a_file_that_is_not_a_pdf_or_an_image_by_content_is_refused(
    ap_client, production, name, content
):
    vendor = VendorFactory(production=production)
    page = upload(ap_client, vendor, name, content).content.decode()
    assert CERTIFICATE_NOT_PDF_OR_IMAGE in page
    assert not Certificate.objects.exists()


def test_certificates_are_not_served_outside_their_production(client, production, outsider):
    vendor = VendorFactory(production=production)
    client.force_login(member(production))
    upload(client, vendor, "coi.pdf", PDF)
    certificate = Certificate.objects.get()
    url = reverse(
        "vendors:certificate_file",
        kwargs={"production_slug": production.slug, "pk": certificate.pk},
    )
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member(production, Role.CREW))
    assert client.get(url).status_code == 403
    # Another production's members cannot reach it through their own production either.
    other = outsider.memberships.get().production
    client.force_login(outsider)
    other_url = reverse(
        "vendors:certificate_file", kwargs={"production_slug": other.slug, "pk": certificate.pk}
    )
    assert client.get(other_url).status_code in {403, 404}
