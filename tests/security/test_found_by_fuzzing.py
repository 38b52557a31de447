"""Server errors the hostile-input test found, each pinned by a plain test."""

from __future__ import annotations

import codecs

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.budgets.factories import budget_from_template

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["fringe_save", "markup_save"])
@pytest.mark.parametrize("bad_id", ["../../etc/passwd", "²", "1.5", "-1"])
def test_a_non_numeric_id_in_a_budget_form_is_a_404(ap_client, production, name, bad_id):
    version = budget_from_template(production)
    url = reverse(
        f"budgets:{name}", kwargs={"production_slug": production.slug, "version_id": version.id}
    )
    field = "fringe_id" if name == "fringe_save" else "markup_id"
    assert ap_client.post(url, {field: bad_id, "delete": "1"}).status_code == 404


def test_a_damaged_utf16_script_is_refused_with_a_message(ap_client, production):
    url = reverse("schedules:import", kwargs={"production_slug": production.slug})
    damaged = SimpleUploadedFile("script.fountain", codecs.BOM_UTF16_LE + b"I\x00N\x00\x81")
    response = ap_client.post(url, {"file": damaged})
    assert response.status_code == 200
    assert "cut short or damaged" in response.content.decode()


def test_a_superscript_digit_as_a_crew_list_filter_is_a_404(ap_client, production):
    url = reverse("crew:list", kwargs={"production_slug": production.slug})
    assert ap_client.get(url, {"department": "²"}).status_code == 404
    assert ap_client.get(url, {"department": "abc"}).status_code == 200  # ignored, as before
