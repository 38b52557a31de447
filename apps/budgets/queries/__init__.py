"""Reads that matter: the current version, the top sheet, comparisons and the cost report.

Each report reads a fixed handful of queries whatever the number of lines (tests pin the
counts), then lets the engine (apps.budgets.engine.rollup) do the arithmetic in Python.

One module per report or file kind; every name imports from `apps.budgets.queries` as before.
"""

from apps.budgets.queries.common import (  # noqa: F401
    current_version,
)
from apps.budgets.queries.compare import (  # noqa: F401
    CompareRow,
    SettingRow,
    compare,
    compare_settings,
)
from apps.budgets.queries.costreport import (  # noqa: F401
    BASIS_LINES,
    BASIS_SPENT,
    BASIS_WITH_MARKUPS,
    CONTINGENCY,
    SPEND_CHART_TITLE,
    CostReport,
    CostRow,
    MarkupTerms,
    _markup_rows,
    _sum_rows,
    cost_report,
    ledger_as_of,
    spend_over_time,
)
from apps.budgets.queries.departments import (  # noqa: F401
    granted_accounts,
)
from apps.budgets.queries.periods import (  # noqa: F401
    ClosePreview,
    ComparedLine,
    FrozenVersion,
    PeriodPoint,
    PeriodRow,
    close_preview,
    compare_periods,
    last_period,
    period_points,
    period_report,
)
from apps.budgets.queries.topsheet import (  # noqa: F401
    AccountSummary,
    Row,
    TopSheet,
    _engine_fringe,
    _pair,
    account_lines,
    account_summary,
    top_sheet,
)
