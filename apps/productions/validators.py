from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
LOGO_CONTENT_TYPES = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}


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
