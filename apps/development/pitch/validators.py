"""The pitch package's uploads, each checked by its bytes through the kernel's one upload check:
a look image (JPEG, PNG or WebP) and a letter of interest (a PDF)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from apps.core.validators import ImageTooLarge, NotAnImage, check_upload, image_format

LOOK_TOO_BIG = "The image is {size}; the limit is {limit}."
LOOK_WRONG_TYPE = "A look image must be a JPEG, PNG or WebP image."
LETTER_TOO_BIG = "The letter is {size}; the limit is {limit}."
LETTER_WRONG_TYPE = "A letter of interest must be a PDF (or type its text instead)."
LOOK_FORMATS = {"JPEG", "PNG", "WEBP"}
LOOK_CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def look_kind(upload) -> str | None:
    try:
        kind = image_format(upload)
    except NotAnImage:
        return None
    return kind if kind in LOOK_FORMATS else None


def letter_kind(upload) -> str | None:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(5)
    upload.seek(position)
    return "pdf" if head == b"%PDF-" else None


def validate_look(upload) -> None:
    try:
        check_upload(
            upload,
            limit=settings.CASTING_HEADSHOT_MAX_BYTES,
            sniff=look_kind,
            too_big=LOOK_TOO_BIG,
            wrong_type=LOOK_WRONG_TYPE,
        )
    except ImageTooLarge as exc:
        raise ValidationError(str(exc)) from exc


def validate_letter(upload) -> None:
    check_upload(
        upload,
        limit=settings.CASTING_RESUME_MAX_BYTES,
        sniff=letter_kind,
        too_big=LETTER_TOO_BIG,
        wrong_type=LETTER_WRONG_TYPE,
    )
