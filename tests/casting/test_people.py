"""Actors and their files, unavailable dates that reach the board once booked."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.casting import services
from apps.casting.models import Actor, RoleStatus
from apps.casting.validators import HEADSHOT_WRONG_TYPE, RESUME_WRONG_TYPE
from tests.casting.factories import ActorFactory, RepresentativeFactory, RoleFactory
from tests.schedules.factories import CastFactory

pytestmark = pytest.mark.django_db


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def url(production, name, **kwargs):
    return reverse(f"casting:{name}", kwargs={"production_slug": production.slug, **kwargs})


def test_an_actor_is_added_with_their_agent_headshot_and_resume(client, production, ap):
    agent = RepresentativeFactory(agency__production=production)
    client.force_login(ap)
    response = client.post(
        url(production, "actor_new"),
        {
            "name": 'Zoë "Z" O\'Neil',
            "email": "zoe@example.test",
            "agent": agent.pk,
            "union_status": "union",
            "union_name": "SAG-AFTRA",
            "headshot": SimpleUploadedFile("face.html", png()),
            "resume": SimpleUploadedFile("cv.pdf", docx()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    actor = Actor.objects.get(production=production)
    assert actor.agent == agent and actor.union_name == "SAG-AFTRA"
    headshot = client.get(url(production, "actor_headshot", pk=actor.pk))
    assert headshot["Content-Type"] == "image/png"  # from its bytes, not its name
    assert headshot["X-Content-Type-Options"] == "nosniff"
    resume = client.get(url(production, "actor_resume", pk=actor.pk))
    assert resume["Content-Type"].endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("field", "content", "message"),
    [
        ("headshot", b"%PDF-1.4 not an image", HEADSHOT_WRONG_TYPE),
        ("headshot", b"<html><script>alert(1)</script>", HEADSHOT_WRONG_TYPE),
        ("resume", b"<html>named .pdf</html>", RESUME_WRONG_TYPE),
    ],
)
def test_uploads_are_checked_by_their_content(client, production, ap, field, content, message):
    client.force_login(ap)
    response = client.post(
        url(production, "actor_new"),
        {"name": "A", "union_status": "unknown", field: SimpleUploadedFile("x.png", content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Actor.objects.exists()


def test_unavailable_dates_are_kept_per_actor(production):
    actor = ActorFactory(production=production)
    services.unavailability_add(actor=actor, start=date(2027, 3, 2), end=date(2027, 3, 4))
    assert [d.day for row in actor.unavailable.all() for d in row.dates()] == [2, 3, 4]


def test_a_booked_actors_unavailable_dates_are_the_parts_on_the_board(production):
    member = CastFactory(production=production, unavailable_dates=["2027-03-01"])
    actor = ActorFactory(production=production)
    RoleFactory(
        production=production, cast_member=member, status=RoleStatus.BOOKED, booked_actor=actor
    )
    row = services.unavailability_add(actor=actor, start=date(2027, 3, 2), end=date(2027, 3, 3))
    member.refresh_from_db()
    assert member.unavailable_dates == ["2027-03-01", "2027-03-02", "2027-03-03"]
    assert "unavailable dates (casting)" in member.history.first().history_change_reason
    services.unavailability_remove(row=row)
    member.refresh_from_db()
    assert member.unavailable_dates == ["2027-03-01"]  # the part's own date stays


def test_an_unbooked_actors_dates_touch_no_part(production):
    member = CastFactory(production=production)
    actor = ActorFactory(production=production)
    RoleFactory(production=production, cast_member=member)
    services.unavailability_add(actor=actor, start=date(2027, 3, 2), end=date(2027, 3, 2))
    member.refresh_from_db()
    assert member.unavailable_dates == []


def test_the_last_date_before_the_first_is_refused(client, production, ap):
    actor = ActorFactory(production=production)
    client.force_login(ap)
    client.post(
        url(production, "unavailability_add", pk=actor.pk),
        {"start": "2027-03-05", "end": "2027-03-01"},
    )
    assert not actor.unavailable.exists()


def test_an_agency_gets_agents(client, production, ap):
    client.force_login(ap)
    response = client.post(url(production, "agencies"), {"name": "=HYPERLINK(1)", "kind": "agency"})
    agency = production.casting_agencies.get()
    assert response.status_code == 302
    client.post(
        url(production, "agency", pk=agency.pk),
        {"form": "person", "name": "Dana\nLine", "email": "dana@agency.test"},
    )
    assert agency.representatives.get().email == "dana@agency.test"
