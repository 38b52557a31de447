"""The actuals import: costs from the accounting system, posted all or none."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from apps.budgets.importers.common import (
    ACTUAL_COLUMNS,
    BAD_DATE,
    EMPTY,
    ImportFailed,
    RowError,
    _decimal,
    read_table,
)
from apps.budgets.services import ledger
from apps.budgets.services.editing import BudgetError

# --- Actuals -------------------------------------------------------------------------------------


def _date(value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(BAD_DATE.format(value=value)) from None


def import_actuals(*, production, upload) -> int:
    """Post every row of an actuals CSV, or none of them. An optional ``fringes`` column gives
    the fringes paid on a row (kept apart from its amount); without it, none are added."""
    rows = read_table(upload, "actuals", ACTUAL_COLUMNS)
    parsed, errors = [], []
    for line, row in rows:
        try:
            for column in ("account_number", "payee", "amount"):
                if not row[column]:
                    raise ValueError(EMPTY.format(column=column))
            ledger.account_for(production, row["account_number"])
            parsed.append(
                {
                    "date": _date(row["date"]),
                    "account_number": row["account_number"],
                    "payee": row["payee"],
                    "description": row["description"],
                    "amount": _decimal(row["amount"], "amount"),
                    "reference": row.get("reference", ""),
                    # Optional column: fringes paid on the row, only when the file says so.
                    "fringes": _decimal(row["fringes"], "fringes") if row.get("fringes") else None,
                }
            )
        except BudgetError as error:
            errors.append(RowError("actuals", line, error.message))
        except ValueError as error:
            errors.append(RowError("actuals", line, str(error)))
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        for values in parsed:
            ledger.actual_post(production=production, **values)
    return len(parsed)
