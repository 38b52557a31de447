"""Reading a spreadsheet someone uploaded (CSV or XLSX), bounded.

A 1.5 KB XLSX may declare its sheet as ``A1:XFD1048576``; read by the declared size that is a
million rows of 16,384 cells. Here rows are read as they exist in the file (the declared size is
ignored), and the bytes, the XLSX parts' unpacked size, rows, columns and cells are each limited
(settings.IMPORT_MAX_*), with a message that says which limit and by how much. Trailing empty
cells of a row are dropped, so a row's length is what it holds.
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat


class TableRefused(ValueError):
    """The file is too large or cannot be read; the message says why, for the person."""


def read_rows(data: bytes, filename: str) -> list[list[str]]:
    """The file's rows as lists of text, CSV or XLSX by the file's name."""
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise TableRefused(
            f"The file is {filesizeformat(len(data))}; the limit is {filesizeformat(limit)}."
        )
    if filename.lower().endswith(".xlsx"):
        return _bounded(_xlsx_rows(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableRefused(
            f"The file could not be read as CSV: it is not UTF-8 text ({error.reason}). "
            "Save it as CSV UTF-8."
        ) from None
    try:
        return _bounded(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise TableRefused(f"The file could not be read as CSV: {error}.") from None


def _bounded(rows) -> list[list[str]]:
    max_rows = settings.IMPORT_MAX_ROWS
    max_columns = settings.IMPORT_MAX_COLUMNS
    max_cells = settings.IMPORT_MAX_CELLS
    found: list[list[str]] = []
    cells = 0
    for row in rows:
        values = ["" if value is None else str(value) for value in row]
        while values and not values[-1].strip():
            values.pop()
        if len(found) >= max_rows:
            raise TableRefused(
                f"The file has more than {max_rows:,} rows; split it into smaller files."
            )
        if len(values) > max_columns:
            raise TableRefused(
                f"Row {len(found) + 1} has {len(values):,} columns; the limit is {max_columns:,}."
            )
        cells += len(values)
        if cells > max_cells:
            raise TableRefused(
                f"The file has more than {max_cells:,} cells; split it into smaller files."
            )
        found.append(values)
    return found


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise TableRefused(
            "The file could not be read as XLSX: it is damaged or not an XLSX file."
        ) from None
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise TableRefused(
            f"The XLSX unpacks to {filesizeformat(unpacked)}; the limit is {filesizeformat(limit)}."
        )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.active
        # Read the rows the file holds, not the size its <dimension> claims.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(values_only=True)
    except TableRefused:
        raise
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the user's problem
        raise TableRefused(f"The file could not be read as XLSX: {error}.") from None
