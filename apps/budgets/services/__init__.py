"""Every write to budget tables goes through these functions (see editing and ledger).

Other apps use only the ledger API: ``commitment_record``, ``commitment_release``,
``actual_post`` and ``account_for``.
"""

from apps.budgets.services.budget_globals import global_delete, global_set
from apps.budgets.services.editing import *  # noqa: F403
from apps.budgets.services.editing import BudgetError, LineValues
from apps.budgets.services.labour import labour_fringes
from apps.budgets.services.ledger import (
    NO_CURRENT_VERSION,
    UNKNOWN_ACCOUNT,
    account_for,
    actual_post,
    commitment_add_manual,
    commitment_record,
    commitment_release,
    commitment_release_manual,
    commitment_relieve,
    estimate_set,
)
from apps.budgets.services.periods import (
    PERIOD_MOVED,
    PERIOD_NO_BUDGET,
    PERIOD_NOTES_MISSING,
    PERIOD_OUT_OF_ORDER,
    period_close,
)
from apps.budgets.services.versions import *  # noqa: F403

__all__ = [
    "NO_CURRENT_VERSION",
    "UNKNOWN_ACCOUNT",
    "BudgetError",
    "LineValues",
    "account_for",
    "global_delete",
    "global_set",
    "actual_post",
    "commitment_add_manual",
    "commitment_record",
    "commitment_release",
    "commitment_release_manual",
    "commitment_relieve",
    "labour_fringes",
    "estimate_set",
    "PERIOD_MOVED",
    "PERIOD_NO_BUDGET",
    "PERIOD_NOTES_MISSING",
    "PERIOD_OUT_OF_ORDER",
    "period_close",
]
