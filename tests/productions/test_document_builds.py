"""Documents too big to make while a person waits are built by the worker: the page shows how far
the build got and offers the file when it is ready (apps/productions/documents.py)."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from apps.productions.documents import document_build
from apps.productions.models import DocumentBuild
from tests.budgets.factories import add_line, budget_from_template
from tests.conftest import tasks_in_process

pytestmark = pytest.mark.django_db

State = DocumentBuild.State


@pytest.fixture
def version(production):
    version = budget_from_template(production)
    add_line(version, "3307", description="Camera package", rate="9500")
    return version


@pytest.fixture
def detail_url(production, version):
    return reverse("budgets:detail_export", args=[production.slug, version.id]) + "?format=pdf"


@pytest.fixture
def worker_elsewhere():
    """The production setup: the request only queues the build; the test plays the worker."""
    with tasks_in_process(eager=False):
        yield


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_in_process_the_build_is_done_before_the_answer_which_is_the_pdf(
    client, ap, production, detail_url, tmp_path
):
    client.force_login(ap)
    response = client.get(detail_url)
    assert response["Content-Type"] == "application/pdf"
    assert "Camera package" in pdf_text(response.content, tmp_path)
    build = DocumentBuild.objects.get(production=production)
    assert (build.state, build.requested_by, build.pages) == (State.READY, ap, 1)


def test_with_a_worker_the_page_follows_the_build_and_offers_the_file(
    client, ap, production, detail_url, worker_elsewhere, tmp_path
):
    client.force_login(ap)
    page = client.get(detail_url)
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    build = DocumentBuild.objects.get(production=production)
    assert build.state == State.QUEUED
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert "Waiting for the worker" in page.content.decode()
    status_url = f"{detail_url}&build={build.pk}"
    assert client.get(f"{status_url}&file=1").status_code == 404  # not ready yet

    assert document_build(build.pk) == "ready"
    assert document_build(build.pk) == "taken"  # a second run does nothing
    build.refresh_from_db()
    assert (build.state, build.pages) == (State.READY, 1)
    poll = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert "every 2s" not in poll and f"build={build.pk}&amp;file=1" in poll
    pdf = client.get(f"{status_url}&file=1")
    assert pdf["Content-Type"] == "application/pdf"
    assert "Camera package" in pdf_text(pdf.content, tmp_path)


def test_asking_again_while_it_builds_does_not_start_a_second_build(
    client, ap, production, detail_url, worker_elsewhere
):
    client.force_login(ap)
    client.get(detail_url)
    client.get(detail_url)
    assert DocumentBuild.objects.filter(production=production).count() == 1


def test_only_the_member_who_asked_sees_the_build(
    client, ap, producer, production, detail_url, worker_elsewhere
):
    client.force_login(ap)
    client.get(detail_url)
    build = DocumentBuild.objects.get(production=production)
    document_build(build.pk)
    client.force_login(producer)
    assert client.get(f"{detail_url}&build={build.pk}&file=1").status_code == 404
    assert client.get(f"{detail_url}&build={build.pk}").status_code == 404


def test_a_build_that_fails_says_why(client, ap, production, detail_url, worker_elsewhere):
    client.force_login(ap)
    client.get(detail_url)
    build = DocumentBuild.objects.get(production=production)
    DocumentBuild.objects.filter(pk=build.pk).update(subject=987654)  # its version is gone
    assert document_build(build.pk) == "failed"
    page = client.get(f"{detail_url}&build={build.pk}").content.decode()
    assert "could not be built" in page and "DoesNotExist" in page


def test_the_printed_strips_are_built_the_same_way(client, ap, production, worker_elsewhere):
    client.force_login(ap)
    url = reverse("schedules:strips_pdf", args=[production.slug])
    assert "Waiting for the worker" in client.get(url).content.decode()
    build = DocumentBuild.objects.get(production=production)
    assert document_build(build.pk) == "ready"
    response = client.get(f"{url}?format=pdf&build={build.pk}&file=1")
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("schedules:report", {"key": "shooting-schedule"}, "LIGHTHOUSE STAIRS"),
        ("schedules:report", {"key": "one-liner"}, "LIGHTHOUSE STAIRS"),
        ("schedules:report", {"key": "elements"}, "Element report"),
        ("schedules:report", {"key": "locations"}, "Location"),
        ("schedules:report", {"key": "dood", "category": "props"}, "Day Out of Days"),
        ("schedules:breakdown_sheets", {}, "LIGHTHOUSE STAIRS"),
        ("schedules:breakdown_sheets", {"day": True}, "LIGHTHOUSE STAIRS"),
    ],
)
def test_the_schedules_long_documents_are_built_by_the_worker(
    client, ap, production, worker_elsewhere, tmp_path, name, query, expected
):
    """They took WeasyPrint seconds in the request on a feature (the large demo's breakdown
    sheets 7 s, its elements 6 s)."""
    from tests.schedules.factories import SceneFactory, SetFactory, ShootDayFactory

    day = ShootDayFactory(production=production, day_number=1)
    SceneFactory(
        production=production,
        shoot_day=day,
        set=SetFactory(production=production, name="LIGHTHOUSE STAIRS"),
    )
    kwargs = {"production_slug": production.slug}
    if "key" in query:
        kwargs["key"] = query.pop("key")
    if query.pop("day", False):
        query["day"] = day.pk
    url = reverse(name, kwargs=kwargs)
    url += "?" + "&".join(f"{k}={v}" for k, v in {"format": "pdf", **query}.items())
    client.force_login(ap)
    page = client.get(url)
    assert page["Content-Type"].startswith("text/html")  # the build's page, not the PDF
    build = DocumentBuild.objects.get(production=production)
    assert document_build(build.pk) == "ready"
    pdf = client.get(f"{url}&build={build.pk}&file=1")
    assert pdf["Content-Type"] == "application/pdf"
    assert expected in pdf_text(pdf.content, tmp_path)
