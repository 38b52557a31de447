"""The pitch package: one click builds a PDF from the project's own data, its sections in the
package's order, a section left out absent; uploads checked by their bytes."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.development.finance import services as finance
from apps.development.models import Project
from apps.development.pitch.models import LookImage, PitchPackage, PitchPerson
from tests import pdfs
from tests.development.finance.helpers import grand_total_by_hand, small_budget

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 20)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def pitched(client, production, ap):
    Project.objects.create(
        production=production, logline="A ferry captain's last crossing.",
        synopsis="Mara takes the night ferry out one more time.", genre="Drama",
    )  # fmt: skip
    version = small_budget(production)
    finance.source_create(
        production=production, kind="equity", name="Harbour equity", amount=Decimal("40000"),
        status="committed", financier="", financier_contact="", expected_on=None,
        closed_on=None, notes="", rate=None, qualifying="", cap_amount=None, cap_percent=None,
    )  # fmt: skip
    client.force_login(ap)
    new = "development:pitch_item_new"
    done = client.post(
        reverse(new, args=[production.slug, "person"]),
        {"kind": "talent", "name": "Ada Lind", "role": "Lead",
         "letter_text": "I would love to play Mara."},
    )  # fmt: skip
    assert done.status_code == 302
    client.post(
        reverse(new, args=[production.slug, "comparable"]),
        {"title": "The Salt Road", "year": "2022", "budget": "3200000", "result": "$11.4M"},
    )
    look = SimpleUploadedFile("deck.png", png(), content_type="image/png")
    done = client.post(reverse(new, args=[production.slug, "look"]), {"image": look})
    assert done.status_code == 302
    return version


def arrange(client, production, key, action):
    version = PitchPackage.objects.filter(production=production).first()
    response = client.post(
        reverse("development:pitch_sections", args=[production.slug]),
        {"key": key, "action": action, "version": version.version if version else 1},
    )
    assert response.status_code == 302


def test_the_pdf_prints_the_sections_in_order_and_leaves_one_out(client, production, pitched):
    arrange(client, production, "finance", "up")  # finance above the schedule summary
    arrange(client, production, "finance", "up")  # and above the budget summary
    arrange(client, production, "comparables", "leave_out")
    response = client.get(reverse("development:pitch_pdf", args=[production.slug]))
    pdf = pdfs.of(response)
    text = pdfs.words(pdfs.text(pdf, layout=False))
    order = ["Logline", "Synopsis", "Attached talent", "Look", "Finance plan", "Budget summary",
             "Schedule summary"]  # fmt: skip
    at = [text.find(title) for title in order]
    assert all(i >= 0 for i in at) and at == sorted(at), (at, text[:600])
    assert "Comparable titles" not in text and "The Salt Road" not in text  # left out
    assert "First shoot day" in text  # the schedule summary, from the production's dates
    assert "A ferry captain's last crossing." in text
    assert "I would love to play Mara." in text
    assert "Harbour equity" in text and "40,000.00" in text
    assert f"{grand_total_by_hand(pitched):,.2f}" in text
    assert pdfs.image_count(pdf) >= 1  # the look image
    assert pdfs.letterhead(pdf)[1] == "Pitch package"


def test_a_section_put_back_prints_again_at_the_end(client, production, pitched):
    arrange(client, production, "comparables", "leave_out")
    arrange(client, production, "comparables", "include")
    package = PitchPackage.objects.get(production=production)
    assert package.order[-1] == "comparables" and package.version == 3
    # A stale arrangement is refused and changes nothing.
    response = client.post(
        reverse("development:pitch_sections", args=[production.slug]),
        {"key": "logline", "action": "leave_out", "version": 1},
        follow=True,
    )
    assert "Someone else saved" in response.content.decode()
    assert "logline" in PitchPackage.objects.get(production=production).order


def test_uploads_are_checked_by_their_bytes(client, production, ap):
    client.force_login(ap)
    fake = SimpleUploadedFile("look.png", b"<html>not an image</html>", content_type="image/png")
    page = client.post(
        reverse("development:pitch_item_new", args=[production.slug, "look"]), {"image": fake}
    )
    assert "must be a JPEG, PNG or WebP" in page.content.decode()
    letter = SimpleUploadedFile("letter.pdf", b"GIF89a...", content_type="application/pdf")
    page = client.post(
        reverse("development:pitch_item_new", args=[production.slug, "person"]),
        {"kind": "talent", "name": "Ada", "role": "Lead", "letter_file": letter},
    )
    assert "must be a PDF" in page.content.decode()
    assert not LookImage.objects.exists() and not PitchPerson.objects.exists()
    good = SimpleUploadedFile("x.png", png(), content_type="image/png")
    client.post(
        reverse("development:pitch_item_new", args=[production.slug, "look"]), {"image": good}
    )
    look = LookImage.objects.get()
    served = client.get(reverse("development:pitch_look_image", args=[production.slug, look.pk]))
    assert served["Content-Type"] == "image/png"


def test_the_pdf_prints_the_team_and_the_comparables_with_their_budgets_and_results(
    client, production, pitched
):
    new = "development:pitch_item_new"
    done = client.post(
        reverse(new, args=[production.slug, "person"]),
        {"kind": "team", "name": "Ines Varga", "role": "Director",
         "credits": "Winter Harbour (2021)"},
    )  # fmt: skip
    assert done.status_code == 302
    client.post(
        reverse(new, args=[production.slug, "comparable"]),
        {"title": "Harbour Nights", "year": "2019", "budget": "2500000.50",
         "result": "$7.9M worldwide; streaming sale"},
    )  # fmt: skip
    response = client.get(reverse("development:pitch_pdf", args=[production.slug]))
    text = pdfs.words(pdfs.text(pdfs.of(response), layout=False))
    order = ["Synopsis", "Team", "Ines Varga", "Attached talent", "Ada Lind", "Look",
             "Comparable titles", "Budget summary"]  # fmt: skip
    at = [text.find(title) for title in order]
    assert all(i >= 0 for i in at) and at == sorted(at), (at, text[:800])
    assert "Director (Winter Harbour (2021))" in text
    comparables = text[text.find("Comparable titles") : text.find("Budget summary")]
    for expected in (
        "The Salt Road",
        "2022",
        "3,200,000.00",
        "$11.4M",
        "Harbour Nights",
        "2019",
        "2,500,000.50",
        "$7.9M worldwide; streaming sale",
    ):
        assert expected in comparables, (expected, comparables)
