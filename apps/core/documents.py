"""Documents: an HTML template rendered to PDF by WeasyPrint. The same template is the print view.

Every PDF template extends templates/documents/base.html: the page (its size, the running header,
"page N of M"), what every printed table does (its header repeated on each page, no row split),
from a `Letterhead` in the context under "letterhead". The app that prints says what the document
is (a `Heading`); the tenant adds the production, the person and the date
(apps/productions/documents.py: `letterhead`, `production_pdf`).

WeasyPrint is imported here, when a PDF is made, not at start-up: on a machine without Pango the
app still runs, and the PDF action says which system packages are missing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from apps.core.exports import attach

MISSING_LIBRARIES = (
    "PDFs need the Pango libraries on the server: "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig "
    "fonts-dejavu-core"
)


class PdfUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class Heading:
    """What a document is, as the app that prints it names it: "Top sheet", "Version 3 (Budget
    — Shooting)", "Approved (locked)"."""

    document: str
    version: str = ""
    status: str = ""


@dataclass(frozen=True)
class Letterhead:
    """The running header and the page of a PDF (templates/documents/base.html)."""

    production: str
    heading: Heading
    prepared_by: str = ""
    date: str = ""  # already written in the production's time zone
    paper: str = "A4"  # a CSS page size: "A4" or "letter"
    company: str = ""
    logo: str = ""  # a data: URI, so that WeasyPrint fetches nothing


class _PageCounter(logging.Handler):
    """Calls `on_page(n)` as WeasyPrint lays out page n (its progress log says so)."""

    def __init__(self, on_page: Callable[[int], None]) -> None:
        super().__init__(logging.INFO)
        self.on_page = on_page

    def emit(self, record: logging.LogRecord) -> None:
        if "- Page" in record.msg and record.args:
            self.on_page(int(record.args[-1]))


def render_pdf(
    template: str,
    context: dict,
    request: HttpRequest | None = None,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """The PDF of `template`; `on_page(n)`, if given, is called as page n is laid out (a worker's
    progress)."""
    html = render_to_string(template, {**context, "for_pdf": True}, request=request)
    try:
        from weasyprint import HTML
    except OSError as exc:  # the Python package is installed; a system library is not
        raise PdfUnavailable(MISSING_LIBRARIES) from exc
    base_url = request.build_absolute_uri("/") if request is not None else None
    if on_page is None:
        return HTML(string=html, base_url=base_url).write_pdf()
    progress = logging.getLogger("weasyprint.progress")
    counter, level = _PageCounter(on_page), progress.level
    progress.addHandler(counter)
    progress.setLevel(logging.INFO)
    try:
        return HTML(string=html, base_url=base_url).write_pdf()
    finally:
        progress.removeHandler(counter)
        progress.setLevel(level)


def pdf_response(
    template: str, context: dict, request: HttpRequest, filename: str, *, inline: bool = True
) -> HttpResponse:
    try:
        pdf = render_pdf(template, context, request)
    except PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    return attach(response, f"{filename}.pdf", inline=inline)
