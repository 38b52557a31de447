"""Against the production setup (.ci/run): tasks really run in a separate Celery worker process."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from django.urls import reverse

from apps.core.models import SendStatus
from apps.productions.models import Invitation, Membership
from producer_desk.celery import worker_pid

pytestmark = [pytest.mark.worker]


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_task_runs_in_the_worker_process(celery_worker_process):
    pid = worker_pid.delay().get(timeout=30)
    assert pid != os.getpid()
    # The prefork pool runs tasks in children of the worker process this test started.
    stat = Path(f"/proc/{pid}/stat").read_text()
    parent = int(stat.rsplit(")", 1)[1].split()[1])
    assert parent == celery_worker_process.process.pid


def test_the_worker_yields_the_cores_to_the_pages(celery_worker_process, settings):
    """Background work runs WORKER_NICENESS (10) below the web's priority: while it works out
    sixty call sheets, the person saving a budget line is served first."""
    pid = worker_pid.delay().get(timeout=30)
    here = os.getpriority(os.PRIO_PROCESS, 0)
    assert settings.WORKER_NICENESS == 10
    assert os.getpriority(os.PRIO_PROCESS, pid) == min(19, here + 10)


def test_the_worker_sends_the_invitation_and_its_link_works(celery_worker_process, client):
    from tests.factories import ProductionFactory, member

    production = ProductionFactory()
    client.force_login(member(production))
    client.post(
        reverse("productions:members", kwargs={"production_slug": production.slug}),
        {"email": "grip@example.test", "role": "crew", "department": ""},
    )
    invitation = Invitation.objects.get()
    assert wait_for(lambda: Invitation.objects.get(pk=invitation.pk).send_status == SendStatus.SENT)
    assert wait_for(lambda: any(celery_worker_process.mail_dir.glob("*.log")))
    (mail_file,) = celery_worker_process.mail_dir.glob("*.log")
    text = mail_file.read_text()
    path = re.search(r"https?://[^/\s]+(/invitations/[\w-]+/)", text).group(1)
    client.logout()
    client.post(
        path,
        {
            "full_name": "Grip Person",
            "password1": "a-long-test-password-1",
            "password2": "a-long-test-password-1",
        },
    )
    assert Membership.objects.filter(user__email="grip@example.test").exists()


def test_the_worker_builds_the_budget_detail_pdf_and_the_page_offers_it(
    celery_worker_process, client
):
    from apps.productions.models import DocumentBuild
    from tests.budgets.factories import add_line, budget_from_template
    from tests.factories import ProductionFactory, member

    production = ProductionFactory()
    client.force_login(member(production))
    version = budget_from_template(production)
    add_line(version, "3307", description="Camera package", rate="9500")
    url = reverse("budgets:detail_export", args=[production.slug, version.id]) + "?format=pdf"
    page = client.get(url)
    assert page["Content-Type"].startswith("text/html")  # the build's page, not the file
    build = DocumentBuild.objects.get(production=production)
    assert wait_for(lambda: DocumentBuild.objects.get(pk=build.pk).state == "ready", 60)
    status = client.get(f"{url}&build={build.pk}", HTTP_HX_REQUEST="true").content.decode()
    assert "file=1" in status and "every 2s" not in status
    pdf = client.get(f"{url}&build={build.pk}&file=1")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
