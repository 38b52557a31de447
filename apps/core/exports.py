"""Every list can be exported: CSV and XLSX responses from the same header and rows.

Exports are inert: user text that a spreadsheet would read as a formula (it starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is written as text, never as a formula. In CSV it
gets a leading apostrophe (the OWASP advice; spreadsheets hide it); in XLSX it is a string cell.
Formulas the app writes on purpose are wrapped in `Formula` and stay live. Every download names its
file through `attach`, which quotes any name (RFC 6266 ``filename*``).

The apostrophe is undone when the app reads its own CSV back (`uninert`, applied by
apps/core/tables.py): text that already starts with apostrophes before a formula start gets one
more on the way out, so reading back always gives the text that was written.

Every XLSX sheet is finished the same way (`finish_sheet`): a bold, frozen header row, columns as
wide as what they hold, and money in the currency's format to its minor unit (`money_format`).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from babel.numbers import get_currency_symbol
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from apps.core.money import minor_units

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a spreadsheet may take for the start of a formula in a cell typed or opened as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Formula(str):
    """A formula the app writes on purpose (``=SUM(D2:D9)``): the one kind of text left live."""

    __slots__ = ()


def _escaped(value: str) -> bool:
    """Starts like a formula, perhaps behind apostrophes: what `inert` prefixes and `uninert`
    strips one apostrophe from."""
    return value.lstrip("'").startswith(FORMULA_STARTS)


def inert(value):
    """A CSV value as text a spreadsheet will not evaluate: user text starting like a formula gets
    a leading apostrophe. Numbers, dates and the app's own `Formula` pass unchanged."""
    if isinstance(value, str) and not isinstance(value, Formula) and _escaped(value):
        return "'" + value
    return value


def uninert(value: str) -> str:
    """The text `inert` was given: ``'=1+1`` reads back as ``=1+1`` (and ``''=x`` as ``'=x``)."""
    if value.startswith("'") and _escaped(value):
        return value[1:]
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


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    stream = io.StringIO()
    writer = csv_writer(stream)
    writer.writerow(header)
    writer.writerows(rows)
    return stream.getvalue().encode()


def zip_response(filename: str, files: Mapping[str, bytes]) -> HttpResponse:
    """Several tables as one download: a ZIP of CSV files (``lines.csv``, ``globals.csv``, ...)
    that the app's imports read back whole."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    return attach(response, f"{filename}.zip")


# --- Finished sheets ----------------------------------------------------------------------------

HEADER_FONT = Font(bold=True)
TOTAL_FONT = Font(bold=True)
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def money_format(currency: str) -> str:
    """The number format of money in `currency`: its symbol and its minor unit ("$"#,##0.00 for
    USD, "¥"#,##0 for JPY, "KWD"#,##0.000 for KWD); negatives with a minus sign."""
    places = minor_units(currency)
    number = "#,##0" + ("." + "0" * places if places else "")
    symbol = get_currency_symbol(currency, locale="en_US").replace('"', "")
    return f'"{symbol}"{number};-"{symbol}"{number}'


def finish_sheet(
    sheet: Worksheet,
    *,
    currency: str | None = None,
    money_columns: Iterable[int] = (),
    formats: Mapping[int, str] | None = None,
) -> None:
    """A bold header frozen in place, widths that fit the text, and number formats: money
    columns (1-based) in the currency's format, `formats` for other columns."""
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    by_column = dict(formats or {})
    if currency is not None:
        by_column.update(dict.fromkeys(money_columns, money_format(currency)))
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            column = cell.column
            if cell.row > 1 and column in by_column:
                cell.number_format = by_column[column]
            widths[column] = max(widths.get(column, 0), _width(cell.value, cell.data_type))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(
            _MAX_WIDTH, max(_MIN_WIDTH, width + 2)
        )


def _width(value, data_type: str) -> int:
    if data_type == "f":
        return 14  # a formula's text says nothing of its result's width: room for money
    text = str(value)
    return max(len(line) for line in text.split("\n")) if text else 0


def append_row(sheet: Worksheet, values: Sequence) -> None:
    """Append one row; user text stays text even when it starts with ``=``; `Formula` stays live.
    (The cells are made here: finding the row just appended through `sheet.max_row` reads every
    cell of the sheet, which made a 5,000-row export take seconds.)"""
    cells = []
    for value in values:
        cell = Cell(sheet, value=_cell(value))
        if cell.data_type == "f" and not isinstance(value, Formula):
            cell.data_type = "s"
        cells.append(cell)
    sheet.append(cells)


def xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_response(workbook: Workbook, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(workbook), content_type=XLSX_TYPE)
    return attach(response, f"{filename}.xlsx")


def xlsx_response(
    filename: str,
    header: Sequence[str],
    rows: Iterable[Sequence],
    *,
    currency: str | None = None,
    money_columns: Iterable[int] = (),
    sums: Mapping[int, Sequence[int]] | None = None,
) -> HttpResponse:
    """One finished sheet; `money_columns` (0-based, as in the rows) in the currency's format;
    `sums` makes a column a live sum of others on its row ({4: (2, 3)}: E = C + D)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(filename)
    append_row(sheet, list(header))
    for number, row in enumerate(rows, start=2):
        # Decimals stay numbers in the sheet; openpyxl writes them without going through float text.
        cells = list(row)
        for column, parts in (sums or {}).items():
            terms = "+".join(f"{get_column_letter(part + 1)}{number}" for part in parts)
            cells[column] = Formula(f"={terms}")
        append_row(sheet, cells)
    finish_sheet(sheet, currency=currency, money_columns=[i + 1 for i in money_columns])
    return workbook_response(workbook, filename)


def sheet_title(filename: str) -> str:
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


def format_or_404(fmt: str) -> str:
    """A list exports as CSV or XLSX; any other ending is no page."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such export.")
    return fmt


def export_response(
    fmt: str, filename: str, header, rows, *, currency=None, money_columns=(), sums=None
) -> HttpResponse:
    """CSV (values) or XLSX (see xlsx_response: money formats, live sums)."""
    if fmt == "xlsx":
        return xlsx_response(
            filename, header, rows, currency=currency, money_columns=money_columns, sums=sums
        )
    return csv_response(filename, header, rows)
