from apps.core.errors import DomainError


class TimecardError(DomainError):
    """A timecard rule refused the action."""
