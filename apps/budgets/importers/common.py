"""Reading a CSV or XLSX table, and the row-by-row report an import fails with."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from apps.core.errors import DomainError
from apps.core.tables import TableRefused, read_rows

# Where a line or an account goes: its category and account, by number and name.
PLACE_COLUMNS = ["category_number", "category_name", "account_number", "account_name"]
LINE_COLUMNS = [
    *PLACE_COLUMNS,
    "description",
    "amount",
    "units",
    "x",
    "rate",
    "fringes",
]
FRINGE_COLUMNS = ["code", "name", "kind", "rate", "cutoff"]
MARKUP_COLUMNS = ["name", "percent", "applies_to"]  # and an optional "code"
GLOBAL_COLUMNS = ["name", "value"]
ACTUAL_COLUMNS = ["date", "account_number", "payee", "description", "amount", "reference"]

MISSING_COLUMNS = "The file lacks the column(s): {columns}."
NOT_A_NUMBER = "{column} {value!r} is not a number."
UNKNOWN_UNITS = "Units {value!r} is not one of {choices}."
UNKNOWN_FRINGE = "Fringe {code!r} is not defined."
UNKNOWN_KIND = "Kind must be percent or flat, not {value!r}."
DUPLICATE = "{what} {value!r} appears twice."
CATEGORY_NAME_CLASH = "Category {number} is named {first!r} on an earlier row."
ACCOUNT_CLASH = "Account {number} belongs to category {first} on an earlier row."
EMPTY = "{column} is empty."
BAD_DATE = "Date {value!r} is not a date (YYYY-MM-DD)."
NO_ROWS = "The file has no rows."
UNKNOWN_SECTION = "Section {value!r} is not one of ATL, PRODUCTION, POST, OTHER."
SECTION_CLASH = "Category {number} is in section {first} on an earlier row."
NO_SECTION = "Category {number} has no section (the file has a section column)."
SECTION_RULE = (
    "The lines file has no section column: categories were placed by number, as on the feature "
    "chart (below 2000 above the line, 2000-3999 production, 4000-4999 post, 5000 and up other)."
)


@dataclass(frozen=True)
class RowError:
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


def read_table(upload, name: str, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-empty row of a CSV or XLSX file; column names are
    matched case-insensitively."""
    data, filename = read_upload(upload)
    try:
        raw = read_rows(data, filename)
    except TableRefused as refused:
        raise ImportFailed([RowError(name, 1, str(refused))]) from None
    return table_rows(raw, name, required)


def table_rows(
    raw: list[list[str]], name: str, required: list[str]
) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-empty row of a table read by apps.core.tables."""
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


def _decimal(value: str, column: str) -> Decimal:
    try:
        result = Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise ValueError(NOT_A_NUMBER.format(column=column, value=value)) from None
    if not result.is_finite():
        raise ValueError(NOT_A_NUMBER.format(column=column, value=value))
    return result
