"""Every list can be exported: CSV and XLSX responses from the same header and rows.

Exports are inert: user text that a spreadsheet would read as a formula (it starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is written as text, never as a formula. In CSV it
gets a leading apostrophe (the OWASP advice; spreadsheets hide it); in XLSX it is a string cell.
Formulas the app writes on purpose are wrapped in `Formula` and stay live. Every download names its
file through `attach`, which quotes any name (RFC 6266 ``filename*``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a spreadsheet may take for the start of a formula in a cell typed or opened as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Formula(str):
    """A formula the app writes on purpose (``=SUM(D2:D9)``): the one kind of text left live."""

    __slots__ = ()


def inert(value):
    """A CSV value as text a spreadsheet will not evaluate: user text starting like a formula gets
    a leading apostrophe. Numbers, dates and the app's own `Formula` pass unchanged."""
    if (
        isinstance(value, str)
        and not isinstance(value, Formula)
        and value.startswith(FORMULA_STARTS)
    ):
        return "'" + value
    return value


def attach(response: HttpResponse, filename: str, *, inline: bool = False) -> HttpResponse:
    """Name the download. Any character may be in `filename` (quotes, newlines, accents): the
    header is built by Django's RFC 6266 helper, never by hand."""
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response


class InertWriter:
    """`csv.writer` whose every value passes through `inert`: the one way the app writes CSV."""

    def __init__(self, stream) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow(["" if value is None else inert(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream) -> InertWriter:
    return InertWriter(stream)


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    attach(response, f"{filename}.csv")
    writer = csv_writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def append_row(sheet: Worksheet, values: Sequence) -> None:
    """Append one row; user text stays text even when it starts with ``=``; `Formula` stays live."""
    sheet.append([_cell(value) for value in values])
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if cell.data_type == "f" and not isinstance(value, Formula):
            cell.data_type = "s"


def xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_response(workbook: Workbook, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(workbook), content_type=XLSX_TYPE)
    return attach(response, f"{filename}.xlsx")


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(filename)
    append_row(sheet, list(header))
    for row in rows:
        # Decimals stay numbers in the sheet; openpyxl writes them without going through float text.
        append_row(sheet, row)
    return workbook_response(workbook, filename)


def _sheet_title(filename: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    title = "".join("-" if c in "[]:*?/\\" else c for c in filename)[:31].strip("'")
    return title or "Export"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, Decimal | int | float):
        return value
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.replace(tzinfo=None)
    return str(value) if not isinstance(value, str) else value


def export_response(fmt: str, filename: str, header, rows) -> HttpResponse:
    if fmt == "xlsx":
        return xlsx_response(filename, header, rows)
    return csv_response(filename, header, rows)
