from __future__ import annotations

import re
import warnings
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


def check_upload(
    upload, *, limit: int, sniff: Callable[[IO[bytes]], str | None], too_big: str, wrong_type: str
) -> str:
    """The one check every upload passes: its size against `limit`, then its kind read from its
    bytes by `sniff` (never from the name the uploader gave it). Returns the kind; refuses with
    `too_big` (formatted with `size` and `limit`) or `wrong_type`."""
    if upload.size > limit:
        raise ValidationError(
            too_big.format(size=filesizeformat(upload.size), limit=filesizeformat(limit))
        )
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(wrong_type)
    return kind


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
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None
    finally:
        handle.seek(0)
    return LOGO_CONTENT_TYPES.get(kind)


class NotAnImage(ValueError):
    """The bytes are not an image Pillow can read."""


class ImageTooLarge(ValueError):
    """The image's header declares more pixels than IMAGE_MAX_PIXELS."""


def _too_large(pixels: int, limit: int) -> ImageTooLarge:
    return ImageTooLarge(
        f"The image is {pixels:,} pixels; the limit is {limit:,} ({limit / 1_000_000:g} "
        "megapixels). Export it smaller."
    )


def image_format(upload) -> str:
    """The format of an uploaded image ("PNG", "JPEG" ...), read from its bytes, after checking
    its declared size: a 1 KB file whose header claims 30000 x 30000 pixels is refused before
    anything decodes it (Pillow's own bomb check raised an error of a kind callers did not
    catch: a server error). Raises NotAnImage or ImageTooLarge with words for the person."""
    limit = settings.IMAGE_MAX_PIXELS
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # The size is checked here, against our own limit, right after the header is read.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > limit:
                    raise _too_large(width * height, limit)
                kind = image.format
                image.verify()
    except ImageTooLarge:
        raise
    except Image.DecompressionBombError as exc:
        # Pillow refuses at open() above twice its own limit; its message holds the count.
        found = re.search(r"\((\d+) pixels\)", str(exc))
        raise _too_large(int(found.group(1)) if found else limit + 1, limit) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise NotAnImage(str(exc)) from exc
    finally:
        upload.seek(position)
    return kind


def validate_logo(upload) -> None:
    """The logo must be a PNG, JPEG, GIF or WebP image (by content, not name) and small."""
    limit = settings.LOGO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The logo is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)}."
        )
    try:
        image_format_ = image_format(upload)
    except ImageTooLarge as exc:
        raise ValidationError(str(exc)) from exc
    except NotAnImage as exc:
        raise ValidationError("The logo must be a PNG, JPEG, GIF or WebP image.") from exc
    if image_format_ not in LOGO_FORMATS:
        raise ValidationError(f"The logo is a {image_format_} image; use PNG, JPEG, GIF or WebP.")
