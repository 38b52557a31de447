"""The budget spread over prep, shoot, wrap and post by week: every category's weeks add up to
its total exactly (the last week takes the rounding), rules per category, the XLSX."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.errors import DomainError
from apps.development.finance import services
from apps.development.finance.cashflow import cash_flow
from apps.development.finance.models import Spread
from tests.development.finance.helpers import grand_total_by_hand, line_total, small_budget

pytestmark = pytest.mark.django_db

PREP, SHOOT, WRAP, WRAP_END, POST_END = (
    date(2026, 1, 5), date(2026, 2, 2), date(2026, 2, 27), date(2026, 3, 6), date(2026, 5, 29),
)  # fmt: skip


@pytest.fixture
def dated(production):
    production.prep_start, production.first_shoot_day = PREP, SHOOT
    production.wrap_date, production.wrap_end = WRAP, WRAP_END
    production.save()
    version = small_budget(production)
    services.post_end_save(production=production, post_end=POST_END)
    return version


def test_every_category_s_weeks_sum_to_its_total_exactly(production, dated):
    services.rule_save(
        production=production, category_number="2000", spread=Spread.CUSTOM,
        prep_percent=Decimal("10"), shoot_percent=Decimal("60"), wrap_percent=Decimal("10"),
        post_percent=Decimal("20"),
    )  # fmt: skip
    flow = cash_flow(production)
    assert flow.weeks[0] == PREP and flow.weeks[-1] == POST_END - timedelta(days=4)
    for row in flow.rows:
        assert sum(row.weeks) + row.unscheduled == row.total, row.number
        assert all(amount >= 0 for amount in row.weeks)
    assert sum(flow.week_totals()) == flow.total == grand_total_by_hand(dated)
    rows = {row.number: row for row in flow.rows}
    # Cast: all at the start of the shoot (its section's default).
    assert rows["1400"].weeks[flow.weeks.index(SHOOT)] == line_total("1401")
    # Editing: even over post, from the Saturday after wrap end (the week of 2 March) on.
    post = [a for w, a in zip(flow.weeks, rows["4000"].weeks, strict=True) if w >= date(2026, 3, 2)]
    assert sum(post) == line_total("4001") and len([a for a in post if a]) == 13
    assert post[0] < post[1]  # two days of post in its first week, seven in the next
    # Production staff: 10% over the four prep weeks, within the cents of rounding.
    prep = sum(a for w, a in zip(flow.weeks, rows["2000"].weeks, strict=True) if w < SHOOT)
    assert abs(prep - line_total("2001") / 10) <= Decimal("0.04")
    assert rows["2000"].custom and rows["2000"].rule == "Custom % per phase"


def test_custom_shares_must_add_up_to_a_hundred(production, dated):
    with pytest.raises(DomainError, match="add up to 100"):
        services.rule_save(
            production=production, category_number="2000", spread=Spread.CUSTOM,
            prep_percent=Decimal("50"), shoot_percent=Decimal("40"),
        )  # fmt: skip


def test_a_phase_without_dates_is_unscheduled_not_lost(production):
    production.prep_start = production.wrap_end = None
    production.first_shoot_day = production.wrap_date = date(2026, 2, 2)
    production.save()
    small_budget(production)
    flow = cash_flow(production)
    rows = {row.number: row for row in flow.rows}
    assert rows["4000"].unscheduled == line_total("4001")  # no post dates
    assert sum(rows["1400"].weeks) == line_total("1401")


def test_the_rule_page_and_the_xlsx(client, production, ap, dated):
    client.force_login(ap)
    url = reverse("development:cashflow_rule", args=[production.slug, "3300"])
    assert client.post(url, {"spread": "even_prep"}).status_code == 302
    flow = cash_flow(production)
    camera = next(row for row in flow.rows if row.number == "3300")
    assert camera.rule == "Even over prep"
    assert (
        sum(a for w, a in zip(flow.weeks, camera.weeks, strict=True) if w < SHOOT) == camera.total
    )
    page = client.get(reverse("development:cashflow", args=[production.slug]))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    response = client.get(reverse("development:cashflow_export", args=[production.slug]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    last = [cell.value for cell in sheet[sheet.max_row]]
    assert last[1] == "Total" and Decimal(str(last[3])) == flow.total
    assert sum(Decimal(str(v)) for v in last[5:]) == flow.total


def test_a_post_end_years_away_is_refused(production, dated):
    with pytest.raises(DomainError, match="at most 4 years"):
        services.post_end_save(production=production, post_end=date(2099, 1, 1))
    with pytest.raises(DomainError, match="before the wrap"):
        services.post_end_save(production=production, post_end=WRAP)
    assert cash_flow(production).post_end == POST_END
