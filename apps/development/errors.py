"""Development's refusals: the DomainError its services raise, and their messages."""

from __future__ import annotations

from apps.core.errors import DomainError

NOT_IN_DEVELOPMENT = "This project is no longer in development: it was green-lit already."
BUDGET_RANGE = "The target budget's upper end is below its lower end."
OPTION_PERIOD = "The option cannot end before it starts."
STILL_IN_DEVELOPMENT = (
    "A draft goes into the schedule once the project is green-lit (in prep): green-light it first."
)
NO_SCRIPT_IMPORT = "No app here breaks scripts down: the schedule is not installed."
EXTENSION_BEFORE_END = "An extension must end after the option's current expiry ({expiry})."


class DevelopmentError(DomainError):
    pass
