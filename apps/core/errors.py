"""The one domain error every service raises, and the one way a view shows it.

A service that refuses an action raises `DomainError` (or its app's thin subclass) with a message
for people and, when the refusal is about one input, the form field it belongs to. The messages
themselves are constants in each app, so tests can assert them exactly.

A view runs the service through `run_service`: a refusal is shown on the form when there is one
(on the field it names if the form has that field, otherwise as a non-field error), or as an error
message when there is none; the view then re-renders or redirects as it would anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest


class DomainError(Exception):
    """A rule of the domain refused the action; ``message`` says why, ``field`` which input."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Outcome:
    """How running a service went: its return value, or the error it was refused with.
    True when the service ran, so `if run_service(...):` reads as "if it went through"."""

    value: Any = None
    error: DomainError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def __bool__(self) -> bool:
        return self.ok


def show_error(
    request: HttpRequest, error: DomainError, form: forms.BaseForm | None = None
) -> None:
    if form is None:
        messages.error(request, error.message)
    else:
        form.add_error(error.field if error.field in form.fields else None, error.message)


def run_service(
    request: HttpRequest,
    service: Callable,
    /,
    *args,
    form: forms.BaseForm | None = None,
    **kwargs,
) -> Outcome:
    """Run ``service(*args, **kwargs)`` and show a DomainError it raises (see the module's doc).
    ``form`` is this helper's own argument; every other argument goes to the service."""
    try:
        value = service(*args, **kwargs)
    except DomainError as error:
        show_error(request, error, form)
        return Outcome(error=error)
    return Outcome(value=value)
