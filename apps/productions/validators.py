from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


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
