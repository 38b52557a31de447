from __future__ import annotations

from collections.abc import Callable
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
LOGO_CONTENT_TYPES = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}


def open_upload(field, sniff: Callable[[IO[bytes]], str | None]) -> tuple[IO[bytes], str]:
    """Open a stored upload for serving, with what `sniff` reads from its bytes (a content type
    or kind). A missing file or one that no longer passes the check is a 404, not a 500."""
    if not field:
        raise Http404("No file.")
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is gone.") from exc
    kind = sniff(handle)
    if kind is None:
        handle.close()
        raise Http404("The file is not of an allowed type.")
    return handle, kind


def logo_content_type(handle) -> str | None:
    """The stored logo's content type, read from its bytes. The file's name keeps the uploader's
    suffix, so a valid PNG named `x.html` must still never be served as HTML."""
    try:
        with Image.open(handle) as image:
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        handle.seek(0)
    return LOGO_CONTENT_TYPES.get(kind)


def validate_logo(upload) -> None:
    """The logo must be a PNG, JPEG, GIF or WebP image (by content, not name) and small."""
    limit = settings.LOGO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The logo is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)}."
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError("The logo must be a PNG, JPEG, GIF or WebP image.") from exc
    finally:
        upload.seek(position)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(f"The logo is a {image_format} image; use PNG, JPEG, GIF or WebP.")
