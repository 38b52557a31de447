"""Evidence of a delivery (a lab's QC report, a signed receipt, a screenshot of the portal): a
PDF, a Word document or an image, read from its bytes by the kernel's one upload check."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

from apps.core.validators import ImageTooLarge, NotAnImage, check_upload, image_format

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


def document_kind(upload) -> str | None:
    """'pdf' or 'docx' by content (not by name), or None. (Crew's CV check reads the same bytes;
    post may not import crew.)"""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(5)
        if head == b"%PDF-":
            return "pdf"
        if head[:4] == b"PK\x03\x04":
            upload.seek(0)
            try:
                with zipfile.ZipFile(upload) as archive:
                    return "docx" if "word/document.xml" in archive.namelist() else None
            except zipfile.BadZipFile:
                return None
        return None
    finally:
        upload.seek(position)


def evidence_kind(upload) -> str | None:
    """'pdf', 'docx', 'jpeg', 'png' or 'webp' by content, or None."""
    kind = document_kind(upload)
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
