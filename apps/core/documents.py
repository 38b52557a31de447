"""Documents: an HTML template rendered to PDF by WeasyPrint. The same template is the print view.

WeasyPrint is imported here, when a PDF is made, not at start-up: on a machine without Pango the
app still runs, and the PDF action says which system packages are missing.
"""

from __future__ import annotations

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


def render_pdf(template: str, context: dict, request: HttpRequest | None = None) -> bytes:
    html = render_to_string(template, {**context, "for_pdf": True}, request=request)
    try:
        from weasyprint import HTML
    except OSError as exc:  # the Python package is installed; a system library is not
        raise PdfUnavailable(MISSING_LIBRARIES) from exc
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(
    template: str, context: dict, request: HttpRequest, filename: str, *, inline: bool = True
) -> HttpResponse:
    try:
        pdf = render_pdf(template, context, request)
    except PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    return attach(response, f"{filename}.pdf", inline=inline)
