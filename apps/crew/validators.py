"""Checks on what people type or upload into the crew app."""

from __future__ import annotations

import zipfile

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError

from apps.core.validators import check_upload

PHONE_INVALID = "Enter a phone number with its country code, e.g. +1 212 555 0100."
CV_TOO_BIG = "The CV is {size}; the limit is {limit}."
CV_WRONG_TYPE = "The CV must be a PDF or a Word (.docx) document."
CV_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def validate_phone(value: str) -> None:
    """A real phone number in international form (+ and country code), checked by phonenumbers."""
    if not value:
        return
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(PHONE_INVALID) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_INVALID)


def format_phone(value: str) -> str:
    """The number in international format, or as typed if it does not parse."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def cv_kind(upload) -> str | None:
    """'pdf' or 'docx' by content (not by name), or None."""
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
                    if "word/document.xml" in archive.namelist():
                        return "docx"
            except zipfile.BadZipFile:
                return None
        return None
    finally:
        upload.seek(position)


def validate_cv(upload) -> None:
    check_upload(
        upload,
        limit=settings.CREW_CV_MAX_BYTES,
        sniff=cv_kind,
        too_big=CV_TOO_BIG,
        wrong_type=CV_WRONG_TYPE,
    )
