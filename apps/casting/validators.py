"""Checks on the files an actor's page takes: a headshot (an image) and a résumé (a PDF or a Word
document), each read from its bytes by the kernel's one upload check."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from apps.core.validators import ImageTooLarge, NotAnImage, check_upload, image_format
from apps.crew.validators import cv_kind

HEADSHOT_TOO_BIG = "The headshot is {size}; the limit is {limit}."
HEADSHOT_WRONG_TYPE = "The headshot must be a JPEG, PNG or WebP image."
RESUME_TOO_BIG = "The résumé is {size}; the limit is {limit}."
RESUME_WRONG_TYPE = "The résumé must be a PDF or a Word (.docx) document."
HEADSHOT_FORMATS = {"JPEG", "PNG", "WEBP"}


def headshot_kind(upload) -> str | None:
    """'JPEG', 'PNG' or 'WEBP' by content, or None. An image declaring too many pixels raises
    ImageTooLarge (the validator words it)."""
    try:
        kind = image_format(upload)
    except NotAnImage:
        return None
    return kind if kind in HEADSHOT_FORMATS else None


def validate_headshot(upload) -> None:
    try:
        check_upload(
            upload,
            limit=settings.CASTING_HEADSHOT_MAX_BYTES,
            sniff=headshot_kind,
            too_big=HEADSHOT_TOO_BIG,
            wrong_type=HEADSHOT_WRONG_TYPE,
        )
    except ImageTooLarge as exc:
        raise ValidationError(str(exc)) from exc


def validate_resume(upload) -> None:
    check_upload(
        upload,
        limit=settings.CASTING_RESUME_MAX_BYTES,
        sniff=cv_kind,
        too_big=RESUME_TOO_BIG,
        wrong_type=RESUME_WRONG_TYPE,
    )
