"""The edit page's rows, drawn in Python (apps/daily_reports/edit_html.py), write what the page's
template wrote for each formset, row and field, with its errors (that template's loop is kept
beside this test, edit_rows.html, to compare with)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.urls import reverse

from apps.daily_reports import edit_html, queries, services, views
from apps.daily_reports.forms import formsets
from tests.daily_reports.helpers import form_data

pytestmark = pytest.mark.django_db

TEMPLATE = Template((Path(__file__).parent / "edit_rows.html").read_text())


def _flat(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def _tables(production, report, data=None) -> dict:
    report = queries.report_to_edit(production, report.pk).get()
    return formsets(report, data, choices=views._choices(SimpleNamespace(production=production)))


def _same_as_the_template(tables: dict) -> None:
    for prefix, formset in tables.items():
        expected = TEMPLATE.render(Context({"prefix": prefix, "formset": formset}))
        assert _flat(edit_html.rows(prefix, formset)) == _flat(expected), prefix


def test_the_rows_of_a_report_are_the_templates(production, day, coordinator):
    report = services.report_start(shoot_day=day, user=coordinator)
    tables = _tables(production, report)
    assert sum(len(formset.forms) for formset in tables.values()) > len(tables)
    _same_as_the_template(tables)


def test_the_rows_of_a_refused_post_are_the_templates_errors_included(
    client, production, day, coordinator
):
    report = services.report_start(shoot_day=day, user=coordinator)
    client.force_login(coordinator)
    url = reverse("daily_reports:edit", args=[production.slug, report.pk])
    data = form_data(client.get(url).content.decode())
    data.update({
        "units-0-first_shot": "25:99", "scenes-0-setups": "many", "crew-0-department_id": "",
        "events-0-kind": "delay", "events-0-minutes": "-5 <b>",
    })  # fmt: skip
    tables = _tables(production, report, data)
    assert not all(formset.is_valid() for formset in tables.values())
    _same_as_the_template(tables)
    assert "text-danger" in edit_html.rows("units", tables["units"])
