"""Agents submit their actors through a role's link, without an account: only the token's hash is
kept, a new link or a revoke stops the old one, an expired link or a booked role refuses, and a
headshot is checked by its bytes. (Rate limit and log redaction: tests/security.)"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.casting import links
from apps.casting.models import (
    Actor,
    Agency,
    RoleStatus,
    Submission,
    SubmissionLink,
    SubmissionSource,
)
from apps.productions.links import production_url
from apps.productions.services import hash_token
from tests.casting.factories import ActorFactory, RoleFactory

pytestmark = pytest.mark.django_db

AGENT = {"agency": "Northlight Talent", "agent": "Mia Chen", "email": "mia@northlight.test"}


def _link_from_page(ap_client, production, role) -> str:
    response = ap_client.post(
        production_url(production, "casting:submission_link_issue", pk=role.pk), follow=True
    )
    return re.search(r"https?://[^/\s]+(/casting-submissions/[^/\s<]+/)", response.text).group(1)


def test_an_agent_submits_an_actor_through_the_roles_link(ap_client, client, production):
    role = RoleFactory(production=production, name="Deckhand", description="Wiry, forties.")
    path = _link_from_page(ap_client, production, role)
    token = path.split("/")[2]
    link = SubmissionLink.objects.get(role=role)
    assert link.token_hash == hash_token(token) and token not in link.token_hash
    client.logout()
    page = client.get(path)
    assert page.status_code == 200 and "Deckhand" in page.text and "Wiry, forties." in page.text
    response = client.post(path, {**AGENT, "actor": "  Tomasz Albrecht ", "note": "Free in May"})
    assert response.status_code == 200 and "Tomasz Albrecht is submitted" in response.text
    submission = Submission.objects.get(role=role)
    assert submission.via == SubmissionSource.LINK and submission.note == "Free in May"
    assert submission.actor.name == "Tomasz Albrecht"
    assert submission.actor.agent.name == "Mia Chen"
    assert submission.submitted_by.agency.name == "Northlight Talent"
    reason = submission.history.get().history_change_reason
    assert reason == "submitted by Mia Chen (Northlight Talent) through the role's submission link"
    again = client.post(path, {**AGENT, "agency": "NORTHLIGHT talent", "actor": "tomasz albrecht"})
    assert "already submitted" in again.text
    assert Submission.objects.count() == 1 and Agency.objects.count() == 1


def test_an_existing_actor_is_submitted_as_they_are(client, production):
    role = RoleFactory(production=production)
    actor = ActorFactory(production=production, name="Ines Duarte", email="ines@private.test")
    token = links.link_issue(role=role)
    client.post(f"/casting-submissions/{token}/", {**AGENT, "actor": "ines duarte"})
    actor.refresh_from_db()
    assert Submission.objects.get().actor == actor and actor.agent is None
    assert Actor.objects.count() == 1
    assert "ines@private.test" not in client.get(f"/casting-submissions/{token}/").text


def test_a_new_link_or_a_revoke_stops_the_old_one(client, production):
    role = RoleFactory(production=production)
    first = links.link_issue(role=role)
    second = links.link_issue(role=role)
    assert client.get(f"/casting-submissions/{first}/").status_code == 404
    assert client.get(f"/casting-submissions/{second}/").status_code == 200
    links.link_revoke(role=role)
    response = client.post(f"/casting-submissions/{second}/", {**AGENT, "actor": "Someone"})
    assert response.status_code == 404 and not Submission.objects.exists()
    history = [h.history_change_reason for h in SubmissionLink.history.order_by("history_id")]
    assert history == ["link made", "a new link made (the old one stops)", "link revoked"]


def test_an_expired_link_or_a_booked_role_refuses(client, production):
    role = RoleFactory(production=production)
    token = links.link_issue(role=role)
    SubmissionLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert "expired" in client.get(f"/casting-submissions/{token}/").text
    token = links.link_issue(role=role)
    actor = ActorFactory(production=production)
    type(role).objects.filter(pk=role.pk).update(status=RoleStatus.BOOKED, booked_actor=actor)
    response = client.post(f"/casting-submissions/{token}/", {**AGENT, "actor": "Late"})
    assert response.status_code == 404 and "submissions are closed" in response.text
    assert not Submission.objects.exists()


def test_a_headshot_that_is_not_an_image_is_refused_and_nothing_is_saved(client, production):
    role = RoleFactory(production=production)
    token = links.link_issue(role=role)
    fake = SimpleUploadedFile("face.jpg", b"MZ\x90\x00 not an image", "image/jpeg")
    response = client.post(
        f"/casting-submissions/{token}/", {**AGENT, "actor": "Ana Real", "headshot": fake}
    )
    assert response.status_code == 400
    assert "The headshot must be a JPEG, PNG or WebP image." in response.text
    assert not Actor.objects.exists() and not Submission.objects.exists()


def test_crew_cannot_make_a_link(client, production):
    from apps.productions.capabilities import Role as MemberRole
    from tests.factories import member

    role = RoleFactory(production=production)
    client.force_login(member(production, MemberRole.CREW))
    url = production_url(production, "casting:submission_link_issue", pk=role.pk)
    assert client.post(url).status_code == 403
    assert not SubmissionLink.objects.exists()
