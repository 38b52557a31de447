"""How the API says no, in one place (settings.REST_FRAMEWORK["EXCEPTION_HANDLER"]).

Besides DRF's own answers (400 with field errors, 401, 403, 404, 405, 429), a service's refusal
(`DomainError`) is answered as the pages show it, with its message:

- 409 Conflict for a stale edit (`StaleEdit`: someone saved the record since the version the
  client sent) and for any refusal of the record's state (a locked budget version, an omitted
  scene put on a day): the request was well formed, the record refuses it now;
- 400 with `{field: [message]}` when the refusal names the input it is about (a formula that does
  not evaluate, a number already taken).

A model's own validation (`django.core.exceptions.ValidationError`) is a 400 with its fields, and
an object a service could not find in the production (`ObjectDoesNotExist`) is a 404.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as ModelValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core.errors import DomainError
from apps.core.locking import StaleEdit


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The record refuses this change as it stands."
    default_code = "conflict"


def as_api_error(error: Exception) -> exceptions.APIException | None:
    if isinstance(error, StaleEdit):
        return Conflict(error.message, code="stale")
    if isinstance(error, DomainError):
        if error.field:
            return exceptions.ValidationError({error.field: [error.message]})
        return Conflict(error.message)
    if isinstance(error, ModelValidationError):
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        return exceptions.ValidationError(detail)
    if isinstance(error, ObjectDoesNotExist):
        return exceptions.NotFound(str(error) or "No such object.")
    return None


def exception_handler(error: Exception, context: dict) -> Response | None:
    return drf_exception_handler(as_api_error(error) or error, context)


def form_refusal(form) -> exceptions.ValidationError:
    """A page's form that refused the input (the API checks some input with the page's own form,
    so both refuse alike), as a 400 with its fields' messages."""
    errors = form.errors.get_json_data(escape_html=False)
    return exceptions.ValidationError(
        {field: [error["message"] for error in found] for field, found in errors.items()}
    )
