"""The files development takes (research attachments, script drafts, chain-of-title documents),
each read from its bytes by the kernel's one upload check (never by the name it came with)."""

from __future__ import annotations

import zipfile

from django.conf import settings

from apps.core.validators import NotAnImage, check_upload, image_format

UPLOAD_TOO_BIG = "The file is {size}; the limit is {limit}."
UPLOAD_WRONG_TYPE = "The file must be a PDF, a Word (.docx) document, or a JPEG or PNG image."
DRAFT_WRONG_TYPE = (
    "A draft must be a PDF, a Word (.docx) document, a Final Draft (.fdx) file or a Fountain text."
)
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "fdx": "application/xml",
    "fountain": "text/plain; charset=utf-8",
    "JPEG": "image/jpeg",
    "PNG": "image/png",
}


def _limit() -> int:
    return getattr(settings, "DEVELOPMENT_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)


def _head(upload, size: int) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        return upload.read(size)
    finally:
        upload.seek(position)


def document_kind(upload) -> str | None:
    """'pdf' or 'docx' by content, or None."""
    head = _head(upload, 5)
    if head == b"%PDF-":
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        position = upload.tell()
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(position)
    return None


def attachment_kind(upload) -> str | None:
    """A document or a JPEG/PNG image (a scanned page, a photo of a location), or None."""
    kind = document_kind(upload)
    if kind:
        return kind
    try:
        image = image_format(upload)
    except (NotAnImage, ValueError):
        return None
    return image if image in {"JPEG", "PNG"} else None


def draft_kind(upload) -> str | None:
    """A script draft: a document, a Final Draft file (XML naming FinalDraft) or Fountain (UTF-8
    text without NUL bytes), or None."""
    kind = document_kind(upload)
    if kind:
        return kind
    head = _head(upload, 4096)
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # A cut in the middle of a character at the 4096th byte is still text.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return None
    if text.lstrip().startswith("<?xml") and "<FinalDraft" in text:
        return "fdx"
    if text.lstrip().startswith("<"):
        return None  # HTML or other markup is not a script
    return "fountain" if text.strip() else None


def validate_attachment(upload) -> None:
    check_upload(
        upload, limit=_limit(), sniff=attachment_kind, too_big=UPLOAD_TOO_BIG,
        wrong_type=UPLOAD_WRONG_TYPE,
    )  # fmt: skip


def validate_draft(upload) -> None:
    check_upload(
        upload, limit=_limit(), sniff=draft_kind, too_big=UPLOAD_TOO_BIG,
        wrong_type=DRAFT_WRONG_TYPE,
    )  # fmt: skip
