from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.core.locking import STALE_EDIT_MESSAGE
from apps.productions.capabilities import Role
from apps.productions.models import Membership, Production
from tests.factories import ProductionFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def png_bytes(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return buffer.getvalue()


def create_payload(**overrides) -> dict:
    data = {
        "my_role": Role.ASSOCIATE_PRODUCER,
        "title": "Low Tide",
        "slug": "low-tide",
        "format": "feature",
        "phase": "pre_production",
        "company_name": "Tidal Films",
        "currency": "EUR",
        "time_zone": "Europe/Lisbon",
        "prep_start": "2027-01-04",
        "first_shoot_day": "2027-02-15",
        "wrap_date": "2027-03-19",
    }
    return {**data, **overrides}


def test_creating_a_production_makes_the_creator_a_member_in_their_role(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("productions:create"), create_payload())
    production = Production.objects.get(slug="low-tide")
    assert response.status_code == 302
    assert response["Location"] == production.get_absolute_url()
    assert Membership.objects.get(production=production).role == Role.ASSOCIATE_PRODUCER
    assert production.currency == "EUR" and production.first_shoot_day == date(2027, 2, 15)


def test_a_duplicate_slug_is_refused_with_a_message_and_nothing_changes(client):
    ProductionFactory(slug="low-tide")
    client.force_login(UserFactory())
    response = client.post(reverse("productions:create"), create_payload())
    assert response.status_code == 200
    assert "Production with this Slug already exists." in response.content.decode()
    assert Production.objects.count() == 1 and Membership.objects.count() == 0


def test_dates_out_of_order_are_refused(client):
    client.force_login(UserFactory())
    response = client.post(reverse("productions:create"), create_payload(wrap_date="2027-02-01"))
    assert "The wrap date is before the first shoot day." in response.content.decode()
    assert not Production.objects.exists()


def test_an_unknown_currency_or_time_zone_is_refused(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("productions:create"), create_payload(currency="ZZZ", time_zone="Mars/Olympus")
    )
    form = response.context["form"]
    assert "currency" in form.errors and "time_zone" in form.errors
    assert not Production.objects.exists()


def test_a_logo_that_is_not_an_image_is_refused(client):
    client.force_login(UserFactory())
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(reverse("productions:create"), {**create_payload(), "logo": fake})
    assert "Upload a valid image" in response.content.decode()
    assert not Production.objects.exists()


def test_an_oversized_logo_is_refused(client, settings):
    settings.LOGO_MAX_BYTES = 1000
    client.force_login(UserFactory())
    big = SimpleUploadedFile("logo.png", png_bytes((400, 400)) + b"\0" * 2000)
    response = client.post(reverse("productions:create"), {**create_payload(), "logo": big})
    assert "the limit is 1000" in response.content.decode()
    assert not Production.objects.exists()


def test_the_logo_is_served_to_members_only(client, outsider):
    client.force_login(UserFactory())
    logo = SimpleUploadedFile("logo.png", png_bytes())
    client.post(reverse("productions:create"), {**create_payload(), "logo": logo})
    production = Production.objects.get(slug="low-tide")
    url = reverse("productions:logo", kwargs={"production_slug": production.slug})
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_the_dashboard_counts_down_to_the_first_shoot_day(ap_client, production):
    production.first_shoot_day = production.today() + timedelta(days=17)
    production.save()
    days = (production.first_shoot_day - production.today()).days
    response = ap_client.get(production.get_absolute_url())
    assert response.context["days_to_shoot"] == days
    assert f'data-testid="countdown">{days}<' in response.content.decode()


def test_the_dashboard_shows_members_and_the_panels_later_work_fills(ap_client, production):
    response = ap_client.get(production.get_absolute_url()).content.decode()
    for title in ["Budget", "Schedule", "Open hires", "Purchase orders", "Next call sheet"]:
        assert title in response
    assert "Associate Producer" in response


def settings_payload(production, **overrides):
    data = create_payload(title="Renamed", version=production.version)
    data.pop("my_role")
    data.pop("slug")
    return {**data, **overrides}


def test_settings_save_and_bump_the_version(ap_client, production):
    url = reverse("productions:settings", kwargs={"production_slug": production.slug})
    response = ap_client.post(url, settings_payload(production))
    assert response.status_code == 302
    production.refresh_from_db()
    assert production.title == "Renamed" and production.version == 2


def test_a_stale_settings_save_is_refused_and_nothing_is_overwritten(client, production, ap):
    url = reverse("productions:settings", kwargs={"production_slug": production.slug})
    stale_version = production.version
    client.force_login(ap)
    client.post(url, settings_payload(production, title="First edit"))
    response = client.post(
        url, settings_payload(production, title="Second edit", version=stale_version)
    )
    production.refresh_from_db()
    assert production.title == "First edit"
    message = STALE_EDIT_MESSAGE.format(what="production's settings")
    assert message.split(":")[0] in response.content.decode().replace("&#x27;", "'")


def test_the_production_list_shows_only_my_productions(client, production):
    mine = member(production)
    ProductionFactory(title="Someone Else's Film")
    client.force_login(mine)
    page = client.get(reverse("productions:list")).content.decode()
    assert production.title in page and "Someone Else&#x27;s Film" not in page
