"""PDFs built by the worker, for documents too big to make while a person waits.

A view that serves such a document calls `built_pdf(...)` in place of `pdf_response(...)`: the
first GET asks for a build and shows its page (the pages laid out so far, refreshed every two
seconds); `&build=<id>` is that page again, `&build=<id>&file=1` the PDF once it is ready. Only
the member who asked sees a build. With tasks run in-process (the embedded setup), the build is
done before the answer, which is then the PDF itself, as before.

`builder` is the dotted path of a function `(production, subject) -> (template, context)`, run
by the worker: the domain app says what to print (the context's "heading" says what the document
is), this module knows no domain.

Every PDF of a production carries its letterhead (apps/core/documents.py): `production_pdf` is
`pdf_response` with the production, the person who asked and the date filled in.
"""

from __future__ import annotations

import base64
import logging
import time

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import dateformat, timezone
from django.utils.module_loading import import_string

from apps.core import outbox
from apps.core.documents import Heading, Letterhead, PdfUnavailable, pdf_response, render_pdf
from apps.core.exports import attach
from apps.core.validators import logo_content_type, open_upload
from apps.productions.access import ProductionRequest
from apps.productions.models import DocumentBuild, Production

log = logging.getLogger(__name__)
State = DocumentBuild.State


def letterhead(production: Production, heading: Heading, user=None) -> Letterhead:
    """The letterhead of a production's document, prepared by `user`, dated now where the
    production is."""
    now = timezone.now().astimezone(production.tz)
    return Letterhead(
        production=production.title,
        heading=heading,
        prepared_by=user.display_name if user is not None else "",
        date=dateformat.format(now, "j M Y, H:i T"),
        paper=production.paper,
        company=production.company_name,
        logo=_logo(production),
    )


def _logo(production: Production) -> str:
    """The logo as a data: URI (its type read from its bytes), or "" when there is none."""
    if not production.logo:
        return ""
    try:
        handle, content_type = open_upload(production.logo, logo_content_type)
    except Http404:  # gone, or no longer an image: the document prints without it
        return ""
    with handle:
        data = base64.b64encode(handle.read()).decode("ascii")
    return f"data:{content_type};base64,{data}"


def production_pdf(
    request: ProductionRequest, template: str, context: dict, filename: str, heading: Heading
) -> HttpResponse:
    """`pdf_response` for a production's document: its letterhead prepared by the member."""
    head = letterhead(request.production, heading, request.user)
    return pdf_response(template, {**context, "letterhead": head}, request, filename)


def built_pdf(
    request: ProductionRequest, *, builder: str, subject: int | None, title: str, filename: str
) -> HttpResponse:
    if "build" in request.GET:
        build = get_object_or_404(
            DocumentBuild,
            production=request.production,
            requested_by=request.user,
            builder=builder,
            pk=request.GET["build"] if request.GET["build"].isdigit() else 0,
        )
        if request.GET.get("file") == "1":
            return _file(build)
    else:
        build = build_request(request, builder=builder, subject=subject, filename=filename)
        if build.state == State.READY:
            return _file(build)
    context = {"build": build, "title": title, "path": request.path}
    template = "productions/_document_build.html" if request.htmx else "productions/document.html"
    return render(request, template, context)


def build_request(
    request: ProductionRequest, *, builder: str, subject: int | None, filename: str
) -> DocumentBuild:
    """A new build of the document for this member; a build of the same document still under
    way is reused, and finished ones are dropped (one file kept per member and document)."""
    mine = DocumentBuild.objects.filter(
        production=request.production, requested_by=request.user, builder=builder, subject=subject
    )
    running = mine.filter(state__in=[State.QUEUED, State.BUILDING]).first()
    if running is not None:
        return running
    mine.delete()
    build = DocumentBuild.objects.create(
        production=request.production,
        requested_by=request.user,
        builder=builder,
        subject=subject,
        filename=filename,
    )
    from producer_desk.celery import app  # what runs tasks here: in-process, or a worker

    if app.conf.task_always_eager:
        document_build(build.pk)  # in-process anyway: done before the answer
        build.refresh_from_db()
    else:
        outbox.dispatch_named_after_commit("apps.productions.tasks.build_document", build.pk)
    return build


def document_build(pk: int) -> str:
    """Build the PDF of row `pk` once: a second run, or a run for a row already taken, does
    nothing."""
    if not DocumentBuild.objects.filter(pk=pk, state=State.QUEUED).update(state=State.BUILDING):
        return "taken"
    build = DocumentBuild.objects.select_related("production", "requested_by").get(pk=pk)
    rows = DocumentBuild.objects.filter(pk=pk)
    try:
        template, context = import_string(build.builder)(build.production, build.subject)
        head = letterhead(build.production, context.pop("heading"), build.requested_by)
        context = {**context, "production": build.production, "letterhead": head}
        pages = _Pages(rows)
        pdf = render_pdf(template, context, on_page=pages)
    except PdfUnavailable as exc:
        rows.update(state=State.FAILED, error=str(exc)[:500], finished_at=timezone.now())
        return "failed"
    except Exception as exc:
        log.exception("document build %s failed", pk)
        error = f"{type(exc).__name__}: {exc}"[:500]
        rows.update(state=State.FAILED, error=error, finished_at=timezone.now())
        return "failed"
    rows.update(state=State.READY, content=pdf, pages=pages.reached, finished_at=timezone.now())
    return "ready"


class _Pages:
    """The page WeasyPrint is laying out, recorded on the row at most once a second (the page
    polls every two)."""

    def __init__(self, rows) -> None:
        self.rows, self.reached, self.recorded_at = rows, 0, 0.0

    def __call__(self, number: int) -> None:
        self.reached = number
        if time.monotonic() - self.recorded_at >= 1:
            self.recorded_at = time.monotonic()
            self.rows.update(pages=number)


def _file(build: DocumentBuild) -> HttpResponse:
    if build.state != State.READY:
        raise Http404("This document is not ready.")
    response = HttpResponse(bytes(build.content), content_type="application/pdf")
    return attach(response, f"{build.filename}.pdf", inline=True)
