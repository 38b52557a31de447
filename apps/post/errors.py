"""The post app's refusal: what its services raise when a rule refuses a change."""

from apps.core.errors import DomainError


class PostError(DomainError):
    pass
