"""The one domain error every service raises.

A service that refuses an action raises `DomainError` (or its app's thin subclass) with a message
for people and, when the refusal is about one input, the form field it belongs to. The messages
themselves are constants in each app, so tests can assert them exactly. A view shows the refusal
through `apps.core.view_helpers.run_service`.

Plain Python, no Django: the budget engine and the script parsers raise it too.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused the action; ``message`` says why, ``field`` which input."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(message)
