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
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from apps.core.errors import DomainError
from apps.core.exports import uninert

MISSING_COLUMNS = "The file lacks the column(s): {columns}."
NO_ROWS = "The file has no rows."
NO_TABLE = "The ZIP holds no {name}.csv (it holds: {names})."


class TableRefused(ValueError):
    """The file is too large or cannot be read; the message says why, for the person."""


# --- Imports: every row checked, then all written or none ---------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem of an import: the table (file or sheet), the spreadsheet's line number (the
    header is line 1) and why."""

    file: str
    line: int
    reason: str


class ImportFailed(DomainError):
    """The file was refused; ``errors`` holds every problem found, row by row."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s)")


def read_upload(upload) -> tuple[bytes, str]:
    """The bytes and the name of an upload (or of a path)."""
    filename = getattr(upload, "name", str(upload))
    data = upload.read() if hasattr(upload, "read") else Path(upload).read_bytes()
    return data, filename


def upload_tables(upload, first: str, names: tuple[str, ...]) -> dict[str, list[list[str]]]:
    """The tables of an upload by name. The app's own multi-table export (an XLSX with a sheet
    named `first`, or a ZIP with `first`.csv) gives those of `names` it holds; a plain CSV, or an
    XLSX without such a sheet (its open sheet), is the one table `first`. A file that cannot be
    read fails the import as table `first`."""
    data, filename = read_upload(upload)
    try:
        tables = read_tables(data, filename)
        if first in tables:
            return {name: tables[name] for name in names if name in tables}
        if filename.lower().endswith(".xlsx"):
            return {first: read_rows(data, filename)}
    except TableRefused as refused:
        raise ImportFailed([RowError(first, 1, str(refused))]) from None
    if "" in tables:
        return {first: tables[""]}
    held = ", ".join(f"{name}.csv" for name in tables) or "no CSV file"
    raise ImportFailed([RowError(first, 1, NO_TABLE.format(name=first, names=held))])


def table_rows(
    raw: list[list[str]], name: str, required: list[str]
) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-empty row of a table; column names are matched
    case-insensitively, cells are stripped. A table without a header or a required column fails
    the import."""
    if not raw:
        raise ImportFailed([RowError(name, 1, NO_ROWS)])
    header = [h.strip().lower() for h in raw[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFailed([RowError(name, 1, MISSING_COLUMNS.format(columns=", ".join(missing)))])
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        rows.append(
            (
                number,
                {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)},
            )
        )
    return rows


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
