"""An account number is what the chart of accounts says, typed or imported: "3307/A", "31 00",
"4100-B#2". Every cost report page, drill-down and closed period answers for such an account and
its links lead back to it (a "/" in the number broke the URLs: the page answered 500)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from apps.budgets import services
from apps.budgets.models import Account
from apps.budgets.queries.drilldown import FIGURES
from apps.budgets.services.periods import period_close
from tests.budgets.factories import add_line, budget_from_template

pytestmark = pytest.mark.django_db

ODD = ["3307/A", "31 00?x=1", "4100-B#2", "100%/..", "../"]


@pytest.fixture
def version(production):
    version = budget_from_template(production)
    source = Account.objects.get(budget_version=version, number="3307")
    for number in ODD:
        account = services.account_save(category=source.category, number=number, name=number)
        add_line(version, account.number, rate="1000")
        services.actual_post(
            production=production,
            account_number=number,
            amount=Decimal("250.00"),
            date=date(2026, 1, 10),
            payee="Payee",
            description=f"Paid on {number}",
        )
    return version


def links(html: str, kind: str) -> list[str]:
    return [unescape(h) for h in re.findall(rf'href="([^"]*/{kind}/[^"]*)"', html)]


def test_every_page_and_drill_of_an_account_with_odd_characters_answers(
    client, production, ap, version
):
    client.force_login(ap)
    slug = production.slug
    page = client.get(reverse("budgets:cost_report", args=[slug]) + "?zeros=1")
    assert page.status_code == 200
    for number in ODD:
        account = reverse("budgets:cost_report_account", args=[slug, number])
        assert client.get(account).status_code == 200, number
        for figure in FIGURES:
            url = reverse("budgets:cost_drill_account", args=[slug, number, figure])
            drill = client.get(url)
            assert drill.status_code == 200, (number, figure)
            if figure == "actual":
                assert f"Paid on {number}" in unescape(drill.content.decode()), number
    # Every link the category's rows draw (opened in place, or as ?open=) answers.
    category = Account.objects.get(budget_version=version, number=ODD[0]).category.number
    opened = client.get(reverse("budgets:cost_report_category", args=[slug, category]))
    drawn = links(opened.content.decode(), "drill/account")
    assert len(drawn) >= len(ODD) * 4
    for href in drawn:
        assert client.get(href).status_code == 200, href
    toggles = re.findall(r'href="(\?open=[^"]*)"', page.content.decode())
    assert toggles
    for href in toggles:
        assert (
            client.get(reverse("budgets:cost_report", args=[slug]) + unescape(href)).status_code
            == 200
        )


def test_a_closed_period_drills_to_an_account_with_odd_characters(client, production, ap, version):
    period = period_close(production=production, week_ending=date(2026, 1, 11), closed_by=ap)
    client.force_login(ap)
    page = client.get(
        reverse("budgets:cost_period", args=[production.slug, period.pk]) + "?zeros=1"
    )
    assert page.status_code == 200
    for number in ODD:
        url = reverse(
            "budgets:cost_period_drill_account", args=[production.slug, period.pk, number, "actual"]
        )
        drill = client.get(url)
        assert drill.status_code == 200, number
        assert f"Paid on {number}" in unescape(drill.content.decode()), number
    for href in links(page.content.decode(), "drill/account"):
        assert client.get(href).status_code == 200, href
