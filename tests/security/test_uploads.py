"""Uploaded files are type-checked by content and served only to members, with a safe type.

The three stored uploads: production logos, candidates' CVs and vendors' insurance certificates.
(Budget, actuals and script imports are parsed and never stored.)"""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from tests.crew.factories import CandidateFactory

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_logo_stored_under_an_html_name_is_still_served_as_an_image(ap_client, production):
    from django.test import Client

    production.logo.save("logo.html", ContentFile(png() + b"<script>alert(1)</script>"))
    url = reverse("productions:logo", kwargs={"production_slug": production.slug})
    response = ap_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert Client().get(url).status_code == 302  # not signed in: to the login page


def test_a_missing_logo_file_is_a_404_not_a_server_error(ap_client, production):
    production.logo.name = "productions/gone/logo.png"
    production.save(update_fields=["logo"])
    url = reverse("productions:logo", kwargs={"production_slug": production.slug})
    assert ap_client.get(url).status_code == 404


def test_a_cv_is_downloaded_with_the_type_of_its_content_not_its_name(ap_client, production):
    candidate = CandidateFactory(opening__production=production)
    candidate.cv.save("cv.html", ContentFile(b"%PDF-1.4 a real enough pdf"))
    url = reverse(
        "crew:candidate_cv", kwargs={"production_slug": production.slug, "pk": candidate.pk}
    )
    response = ap_client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        ".pdf" in response["Content-Disposition"] and ".html" not in response["Content-Disposition"]
    )


def test_a_missing_cv_file_is_a_404(ap_client, production):
    candidate = CandidateFactory(opening__production=production)
    candidate.cv.name = "crew/0/cv/gone.pdf"
    candidate.save(update_fields=["cv"])
    url = reverse(
        "crew:candidate_cv", kwargs={"production_slug": production.slug, "pk": candidate.pk}
    )
    assert ap_client.get(url).status_code == 404


def test_uploaded_files_have_no_public_url():
    from django.conf import settings
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve(f"{settings.MEDIA_URL}productions/x/logo.png")
