"""Names with quotes, newlines and spreadsheet formulas reach the e-mail and the PDF as typed:
one-line subjects, no HTML entities in plain text, nothing that breaks the letterhead."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from apps.casting.auditions import services
from apps.casting.models import Actor, Role
from tests import pdfs
from tests.casting.auditions.conftest import LINK

pytestmark = pytest.mark.django_db

ACTOR = 'Siobhán "Shiv" O\'Neill-<b>Grey</b>'
ROLE = '=HYPERLINK("http://evil.test","Mara")'


@pytest.fixture
def messy(world, production):
    production.title = 'The "Night" Ferry\nPart 2'
    production.save()
    actor = Actor.objects.create(production=production, name=ACTOR, email="shiv@a.test")
    role = Role.objects.create(production=production, name=ROLE)
    world.session.title = "Round 1; =1+2"
    world.session.place = "Studio 'B'\nHarbour Rd & Quay"
    world.session.save()
    slot = services.slot_add(session=world.session, role=role, actor=actor, starts_at="10:00")
    services.sides_save(session=world.session, role=role, scenes=world.scenes[:1])
    return slot


def test_the_invitation_carries_messy_names_as_typed(
    messy, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(session=world.session)
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert ACTOR in message.subject and ROLE in message.subject
    assert ACTOR in message.body and ROLE in message.body
    assert "Studio 'B'\nHarbour Rd & Quay" in message.body
    assert (
        "&quot;" not in message.body
        and "&#x27;" not in message.body
        and "&amp;" not in message.body
    )
    assert LINK.search(message.body)
    assert message.attachments[0][0].startswith("sides-hyperlinkhttpeviltestmara-")


def test_the_answer_page_escapes_messy_names(
    messy, world, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(session=world.session)
    page = client.get(LINK.search(mail.outbox[0].body).group(1)).content.decode()
    assert "<b>Grey</b>" not in page and "&lt;b&gt;Grey&lt;/b&gt;" in page


def test_the_sides_pdf_prints_messy_names(messy, world, client, ap, production):
    client.force_login(ap)
    url = reverse(
        "casting:audition_sides_pdf",
        kwargs={
            "production_slug": production.slug,
            "pk": world.session.pk,
            "role_pk": messy.role.pk,
        },
    )
    response = client.get(url)
    assert response.status_code == 200
    assert 'filename="sides-hyperlinkhttpeviltestmara-' in response["Content-Disposition"]
    text = pdfs.words(pdfs.text(response.content, layout=False))
    assert ROLE in text and "Round 1; =1+2" in text
    assert 'The "Night" Ferry Part 2' in text
