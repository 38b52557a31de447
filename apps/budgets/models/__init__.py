"""Budgets: versions of a chart of accounts with detail lines, fringes, globals and markups, and
the money spent against them (actuals) or promised (commitments).

Actuals, commitments, estimates to complete and department grants are keyed by ACCOUNT NUMBER,
not by an account row: account rows belong to one version, while money spent belongs to the
production and must survive a new version being approved.

The versions and their lines in versions.py, the money spent and promised in ledger.py; every
name imports from `apps.budgets.models` as before.
"""

from apps.budgets.models.common import (  # noqa: F401
    QUANTITY,
)
from apps.budgets.models.ledger import (  # noqa: F401
    Actual,
    Commitment,
    CostEstimate,
    DepartmentGrant,
    LedgerSource,
)
from apps.budgets.models.periods import (  # noqa: F401
    CLOSED,
    ClosedPeriod,
    CostPeriod,
    CostPeriodEntry,
    CostPeriodLine,
)
from apps.budgets.models.versions import (  # noqa: F401
    FROM_DATES,
    FROM_SCHEDULE,
    LINKABLE_GLOBALS,
    Account,
    Budget,
    BudgetVersion,
    Category,
    DetailLine,
    Fringe,
    Global,
    LineFringe,
    LinkNotice,
    Markup,
    Section,
    Units,
    VersionStatus,
)
