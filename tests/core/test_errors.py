"""The one domain error (apps/core/errors.py), and the one way a view shows it (view_helpers.py)."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from apps.core.errors import DomainError
from apps.core.locking import StaleEdit
from apps.core.view_helpers import run_service


class NameForm(forms.Form):
    name = forms.CharField()


def a_request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def refuse(message: str, field: str | None = None):
    raise DomainError(message, field=field)


def shown_messages(request) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(request)]


def test_a_domain_error_carries_its_message_and_the_field_it_belongs_to():
    error = DomainError("Rate must be positive.", field="rate")
    assert (error.message, error.field, str(error)) == (
        "Rate must be positive.",
        "rate",
        error.message,
    )
    assert DomainError("No.").field is None


def test_a_stale_edit_is_a_domain_error_with_its_message():
    error = StaleEdit("budget line")
    assert isinstance(error, DomainError)
    assert "budget line" in error.message and error.field is None


def test_the_result_of_a_service_that_succeeds_is_returned():
    outcome = run_service(a_request(), lambda a, *, b: a + b, 2, b=3)
    assert outcome.ok and outcome and outcome.value == 5 and outcome.error is None


def test_a_service_that_returns_nothing_still_counts_as_done():
    assert run_service(a_request(), lambda: None)


def test_an_error_naming_a_field_of_the_form_lands_on_that_field():
    request, form = a_request(), NameForm({"name": "Ada"})
    assert form.is_valid()
    outcome = run_service(request, refuse, "That name is taken.", field="name", form=form)
    assert not outcome and outcome.error.message == "That name is taken."
    assert form.errors == {"name": ["That name is taken."]}
    assert shown_messages(request) == []


def test_an_error_naming_a_field_the_form_lacks_is_a_non_field_error():
    request, form = a_request(), NameForm({"name": "Ada"})
    assert form.is_valid()
    run_service(request, refuse, "Rate must be positive.", field="rate", form=form)
    assert form.non_field_errors() == ["Rate must be positive."]
    assert "name" not in form.errors


def test_an_error_naming_no_field_is_a_non_field_error():
    request, form = a_request(), NameForm({"name": "Ada"})
    assert form.is_valid()
    run_service(request, refuse, "The budget is locked.", form=form)
    assert form.non_field_errors() == ["The budget is locked."]


def test_without_a_form_the_error_is_shown_as_an_error_message():
    request = a_request()
    outcome = run_service(request, refuse, "The budget is locked.", field="rate")
    assert not outcome.ok
    assert shown_messages(request) == [("error", "The budget is locked.")]


def test_an_error_that_is_not_a_domain_error_is_not_swallowed():
    def boom():
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError):
        run_service(a_request(), boom, form=NameForm({"name": "Ada"}))


def test_every_service_refuses_with_a_domain_error():
    from apps.budgets.importers import ImportFailed
    from apps.budgets.services import BudgetError
    from apps.callsheets.services import CallSheetError
    from apps.crew.services import CrewError
    from apps.productions.backup.archive import BackupError
    from apps.productions.services import ProductionError
    from apps.schedules.services import ScheduleError
    from apps.vendors.services import VendorError

    for error in (
        BudgetError,
        CallSheetError,
        CrewError,
        ProductionError,
        ScheduleError,
        VendorError,
        BackupError,
        ImportFailed,
    ):
        assert issubclass(error, DomainError), error


def test_a_parser_error_is_a_domain_error_that_is_still_a_value_error():
    from apps.budgets.engine import FormulaError, TemplateError
    from apps.schedules.importers import ScriptImportError

    for error in (FormulaError, TemplateError, ScriptImportError):
        assert issubclass(error, DomainError) and issubclass(error, ValueError), error
        with pytest.raises(ValueError, match="^cannot read this$"):
            raise error("cannot read this")


def test_the_domain_error_needs_no_django_so_the_budget_engine_stays_pure_python():
    import ast
    from pathlib import Path

    from apps.core import errors

    tree = ast.parse(Path(errors.__file__).read_text())
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert imported == ["__future__"]
