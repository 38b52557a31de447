from apps.core.errors import DomainError


class CastingError(DomainError):
    """A casting rule refused the action."""
