"""Serving development's stored files to members: type and name from the bytes, never public."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.text import slugify

from apps.core.validators import open_upload
from apps.development.uploads import CONTENT_TYPES, attachment_kind, draft_kind

SUFFIXES = {"JPEG": "jpg", "PNG": "png", "fountain": "fountain"}


def serve(field, title: str, *, draft: bool = False) -> FileResponse:
    handle, kind = open_upload(field, draft_kind if draft else attachment_kind)
    suffix = SUFFIXES.get(kind, kind)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{slugify(title) or 'file'}.{suffix}",
        content_type=CONTENT_TYPES[kind],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
