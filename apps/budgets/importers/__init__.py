"""Budget and actuals imports: parse and validate every row first, then write all or nothing.

A failed import raises ImportFailed with one (file, line number, reason) per bad row; the line
number is the spreadsheet's (the header is line 1).

One module per report or file kind; every name imports from `apps.budgets.importers` as before.
"""

from apps.budgets.importers.actuals import (  # noqa: F401
    _date,
    import_actuals,
)
from apps.budgets.importers.budget import (  # noqa: F401
    BudgetImport,
    _section,
    import_budget,
    section_by_number,
    validate_budget,
    write_budget,
)
from apps.budgets.importers.common import (  # noqa: F401
    ACCOUNT_CLASH,
    ACTUAL_COLUMNS,
    BAD_DATE,
    CATEGORY_NAME_CLASH,
    DUPLICATE,
    EMPTY,
    FRINGE_COLUMNS,
    GLOBAL_COLUMNS,
    LINE_COLUMNS,
    MARKUP_COLUMNS,
    MISSING_COLUMNS,
    NO_ROWS,
    NO_SECTION,
    NOT_A_NUMBER,
    SECTION_CLASH,
    SECTION_RULE,
    UNKNOWN_FRINGE,
    UNKNOWN_KIND,
    UNKNOWN_SECTION,
    UNKNOWN_UNITS,
    ImportFailed,
    RowError,
    _decimal,
    read_table,
)
