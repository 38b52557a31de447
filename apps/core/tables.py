"""Reading a spreadsheet someone uploaded (CSV or XLSX), bounded.

A 1.5 KB XLSX may declare its sheet as ``A1:XFD1048576``; read by the declared size that is a
million rows of 16,384 cells. Here rows are read as they exist in the file (the declared size is
ignored), and the bytes, the XLSX parts' unpacked size, rows, columns and cells are each limited
(settings.IMPORT_MAX_*), with a message that says which limit and by how much. Trailing empty
cells of a row are dropped, so a row's length is what it holds.

A CSV cell the app's own export made inert (``'=1+1``) reads back as the text it was
(apps/core/exports.uninert). A file of several tables (an XLSX of several sheets, or a ZIP of CSV
files, as the app's multi-table exports are) is read by `read_tables`, each table by its name.
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from apps.core.exports import uninert


class TableRefused(ValueError):
    """The file is too large or cannot be read; the message says why, for the person."""


def read_rows(data: bytes, filename: str) -> list[list[str]]:
    """The file's rows as lists of text, CSV or XLSX by the file's name."""
    _check_size(data)
    if filename.lower().endswith(".xlsx"):
        return _bounded(_xlsx_rows(data))
    return _csv_rows(data)


def read_tables(data: bytes, filename: str) -> dict[str, list[list[str]]]:
    """Every table of the file by its lower-cased name: an XLSX's sheets ("lines", "globals"),
    a ZIP's CSV files without their extension, a single CSV as "" (its only table)."""
    _check_size(data)
    name = filename.lower()
    if name.endswith(".xlsx"):
        _check_unpacked(data, "XLSX")
        return {title.strip().lower(): _bounded(rows) for title, rows in _xlsx_sheets(data).items()}
    if name.endswith(".zip"):
        return _zip_tables(data)
    return {"": _csv_rows(data)}


def _check_size(data: bytes) -> None:
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise TableRefused(
            f"The file is {filesizeformat(len(data))}; the limit is {filesizeformat(limit)}."
        )


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableRefused(
            f"The file could not be read as CSV: it is not UTF-8 text ({error.reason}). "
            "Save it as CSV UTF-8."
        ) from None
    try:
        rows = _bounded(csv.reader(io.StringIO(text)))
        return [[uninert(value) for value in row] for row in rows]
    except csv.Error as error:
        raise TableRefused(f"The file could not be read as CSV: {error}.") from None


def _zip_tables(data: bytes) -> dict[str, list[list[str]]]:
    """The CSV files of a ZIP (folders ignored), each bounded like an upload of its own."""
    _check_unpacked(data, "ZIP")
    tables: dict[str, list[list[str]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            base = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
            if info.is_dir() or not base.lower().endswith(".csv") or base.startswith("."):
                continue
            _check_size_of(info.file_size, base)
            tables[base[:-4].strip().lower()] = _csv_rows(archive.read(info))
    return tables


def _check_size_of(size: int, name: str) -> None:
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise TableRefused(
            f"{name} is {filesizeformat(size)}; the limit is {filesizeformat(limit)}."
        )


def _check_unpacked(data: bytes, kind: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise TableRefused(
            f"The file could not be read as {kind}: it is damaged or not an {kind} file."
        ) from None
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise TableRefused(
            f"The {kind} unpacks to {filesizeformat(unpacked)}; the limit is "
            f"{filesizeformat(limit)}."
        )


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


def _xlsx_sheets(data: bytes) -> dict[str, list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = {}
        for sheet in book.worksheets:
            sheet.reset_dimensions()
            sheets[sheet.title] = list(_limited(sheet.iter_rows(values_only=True)))
        return sheets
    except TableRefused:
        raise
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the user's problem
        raise TableRefused(f"The file could not be read as XLSX: {error}.") from None


def _limited(rows):
    """Rows as they are read, stopped one past the row limit (which `_bounded` then refuses)."""
    for number, row in enumerate(rows):
        if number > settings.IMPORT_MAX_ROWS:
            return
        yield row


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    _check_unpacked(data, "XLSX")
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
