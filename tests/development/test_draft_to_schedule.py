"""A script draft goes into the schedule once the project is in prep: through the kernel's
registry (development does not import the schedule), as the schedule's pending revision whose
report a person reads and applies; nothing on the board moves before that."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.development.models import Draft, Project
from apps.productions.capabilities import Role
from apps.productions.models import Phase
from apps.schedules.models import Scene, Script, ScriptStatus
from tests.factories import member

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "schedules" / "fixtures"


def url(production, name, **kwargs):
    return reverse(f"development:{name}", kwargs={"production_slug": production.slug, **kwargs})


def draft_of(production, name: str, data: bytes) -> Draft:
    return Draft.objects.create(
        production=production, title="Second draft", draft_date=date(2026, 2, 1), authors="A. W",
        file=SimpleUploadedFile(name, data),
    )  # fmt: skip


@pytest.fixture
def project(production):
    production.phase = Phase.DEVELOPMENT
    production.save()
    Project.objects.create(production=production, logline="A ferry at night")
    return production


def test_a_draft_in_prep_becomes_the_schedule_s_pending_revision(client, project):
    draft = draft_of(
        project, "last_ferry.fountain", (FIXTURES / "last_ferry.fountain").read_bytes()
    )
    client.force_login(member(project, Role.PRODUCER))
    client.post(url(project, "green_light"))

    response = client.post(url(project, "draft_to_schedule", pk=draft.pk))

    script = Script.objects.get(production=project)
    assert script.status == ScriptStatus.PENDING
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "schedules:draft", kwargs={"production_slug": project.slug, "pk": script.pk}
    )
    assert Scene.objects.filter(production=project).count() == 0  # nothing applied yet
    report = client.get(response["Location"])
    assert report.status_code == 200
    assert "Nothing on the board has moved yet" in report.content.decode()


def test_a_project_still_in_development_is_refused_with_the_reason(client, project):
    draft = draft_of(
        project, "last_ferry.fountain", (FIXTURES / "last_ferry.fountain").read_bytes()
    )
    client.force_login(member(project, Role.PRODUCER))

    response = client.post(url(project, "draft_to_schedule", pk=draft.pk), follow=True)

    assert "green-light it first" in response.content.decode()
    assert not Script.objects.filter(production=project).exists()


def test_a_draft_the_importer_cannot_read_says_why_and_changes_nothing(client, project):
    draft = draft_of(project, "notes.fountain", b"")
    client.force_login(member(project, Role.PRODUCER))
    client.post(url(project, "green_light"))

    response = client.post(url(project, "draft_to_schedule", pk=draft.pk), follow=True)

    assert response.redirect_chain[-1][0] == url(project, "drafts")
    assert 'class="alert alert-danger' in response.content.decode() or "alert-danger" in (
        response.content.decode()
    )
    assert not Script.objects.filter(production=project, status=ScriptStatus.PENDING).exists()


def test_only_who_edits_both_the_project_and_the_schedule_may_hand_a_draft_over(client, project):
    draft = draft_of(
        project, "last_ferry.fountain", (FIXTURES / "last_ferry.fountain").read_bytes()
    )
    project.phase = Phase.PRE_PRODUCTION
    project.save()
    client.force_login(
        member(project, Role.PRODUCTION_MANAGER)
    )  # edits the schedule, not the project
    assert client.post(url(project, "draft_to_schedule", pk=draft.pk)).status_code == 403
    client.force_login(member(project, Role.PRODUCER))
    assert client.get(url(project, "draft_to_schedule", pk=draft.pk)).status_code == 405
    assert not Script.objects.filter(production=project).exists()
