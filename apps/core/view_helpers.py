"""What every app's views share: running a service and showing the DomainError it refuses with.

A refusal is shown on the form when the view passes one (on the field the error names if the form
has that field, otherwise as a non-field error), or as an error message when it passes none; the
view then re-renders or redirects as it would anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from apps.core.errors import DomainError


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


def import_page(
    request: HttpRequest,
    template: str,
    importer: Callable[[Any], Any],
    *,
    done: Callable[[Any], str],
    then: str,
    context: dict | None = None,
) -> HttpResponse:
    """The page of an import from one file: its form; on POST, ``importer(upload)`` runs; a good
    file says what it did (``done(result)``) and goes to ``then``, a refused one (ImportFailed)
    shows the page again with every bad row (`errors`, for templates/partials/import_errors.html).
    """
    from apps.core.forms import TableImportForm
    from apps.core.tables import ImportFailed

    form = TableImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, **(context or {})}
    if request.method == "POST" and form.is_valid():
        try:
            result = importer(form.cleaned_data["file"])
        except ImportFailed as failed:
            context["errors"] = failed.errors
        else:
            messages.success(request, done(result))
            return redirect(then)
    return render(request, template, context)
