"""Budget pages. Thin: parse with a form, call a service or a query, render.

Inline edits (htmx) answer with the partial they changed plus out-of-band totals; without htmx
the same views redirect, so every page also works as plain forms.
"""

from apps.budgets.views.costreport import *  # noqa: F403
from apps.budgets.views.ledger import *  # noqa: F403
from apps.budgets.views.lines import *  # noqa: F403
from apps.budgets.views.links import *  # noqa: F403
from apps.budgets.views.periods import *  # noqa: F403
from apps.budgets.views.versions import *  # noqa: F403
