"""Evidence of a delivery (a lab's QC report, a signed receipt, a screenshot of the portal): a
PDF, a Word document or an image, read from its bytes by the kernel's one upload check."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from apps.core.validators import ImageTooLarge, NotAnImage, check_upload, image_format
from apps.crew.validators import cv_kind

EVIDENCE_TOO_BIG = "The evidence file is {size}; the limit is {limit}."
EVIDENCE_WRONG_TYPE = (
    "Evidence must be a PDF, a Word (.docx) document or a JPEG, PNG or WebP image."
)
IMAGE_KINDS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}


def evidence_limit() -> int:
    return getattr(settings, "POST_EVIDENCE_MAX_BYTES", 25 * 1024 * 1024)


def evidence_kind(upload) -> str | None:
    """'pdf', 'docx', 'jpeg', 'png' or 'webp' by content, or None."""
    kind = cv_kind(upload)
    if kind is not None:
        return kind
    try:
        return IMAGE_KINDS.get(image_format(upload))
    except NotAnImage:
        return None


def validate_evidence(upload) -> None:
    try:
        check_upload(
            upload,
            limit=evidence_limit(),
            sniff=evidence_kind,
            too_big=EVIDENCE_TOO_BIG,
            wrong_type=EVIDENCE_WRONG_TYPE,
        )
    except ImageTooLarge as exc:
        raise ValidationError(str(exc)) from exc
