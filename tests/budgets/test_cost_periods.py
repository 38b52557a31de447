"""Weekly cost reports: closing a period freezes the cost report, and nothing changes it after.

Expected money is worked out here from the inputs (budget lines, actuals, commitments, estimates),
never read back from the code under test.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from apps.budgets import services
from apps.budgets.models import (
    CLOSED,
    ClosedPeriod,
    Commitment,
    CostPeriod,
    CostPeriodEntry,
    CostPeriodLine,
)
from apps.budgets.queries import close_preview, compare_periods, cost_report, period_report
from tests.budgets.factories import add_line, budget_from_template

pytestmark = pytest.mark.django_db

WEEK_1, WEEK_2, WEEK_3 = date(2026, 1, 11), date(2026, 1, 18), date(2026, 1, 25)
# Messy text, as people type it: quotes, a newline, something a spreadsheet would run, unicode.
PAYEE = 'Harbour "Cams" Ltd.'
DESCRIPTION = "=SUM(A1:A9) rental\nweek 1 — Ümlaut"
NOTE = 'Camera overage: "extra body" for the\nsplinter unit, =1+1, ¥ and é'


def post(production, number, amount, day, payee=PAYEE, description=DESCRIPTION):
    return services.actual_post(
        production=production,
        account_number=number,
        amount=Decimal(amount),
        date=day,
        payee=payee,
        description=description,
    )


@pytest.fixture
def version(production):
    """Two accounts with lines in one category (3300): 3307 budgets 10,000, 3301 budgets 5,000;
    3307 spends 6,000 and commits 5,000 (over by 1,000); 3301 spends 1,000."""
    version = budget_from_template(production)
    version.markups.all().delete()
    add_line(version, "3307", rate="10000", description="Camera package")
    add_line(version, "3301", rate="3000", description="DP prep")
    add_line(version, "3301", rate="2000", description="DP shoot")
    post(production, "3307", "6000", date(2026, 1, 10))
    services.commitment_add_manual(
        production=production,
        account_number="3307",
        amount=Decimal(5000),
        description="PO 'lenses'",
        date=date(2026, 1, 9),
    )
    post(production, "3301", "1000", date(2026, 1, 9), payee="DP", description="Prep")
    return version


def close(production, week, notes=None, **kwargs):
    return services.period_close(production=production, week_ending=week, notes=notes, **kwargs)


def line(period, key) -> CostPeriodLine:
    return CostPeriodLine.objects.get(period=period, key=key)


def frozen(period) -> list[tuple]:
    """Everything a period holds, as plain values."""
    lines = list(CostPeriodLine.objects.filter(period=period).order_by("position").values_list())
    entries = list(CostPeriodEntry.objects.filter(period=period).order_by("id").values_list())
    head = CostPeriod.objects.filter(pk=period.pk).values_list().get()
    return [head, *lines, *entries]


# --- Closing -----------------------------------------------------------------------------------


def test_a_period_stores_every_figure_of_the_cost_report_as_it_stood(production, version):
    period = close(production, WEEK_1)
    camera = line(period, "account:3307")
    # 3307: budget 10,000; actual 6,000; committed 5,000; nothing left, so ETC 0; EFC 11,000.
    assert (camera.budget, camera.actual, camera.committed, camera.etc) == (10000, 6000, 5000, 0)
    assert (camera.efc, camera.variance) == (11000, -1000)
    dp = line(period, "account:3301")
    # 3301: budget 3,000 + 2,000; actual 1,000; ETC what is left, 4,000; EFC 5,000.
    assert (dp.budget, dp.actual, dp.committed, dp.etc, dp.efc) == (5000, 1000, 0, 4000, 5000)
    category = line(period, "category:3300")
    assert (category.budget, category.actual, category.committed, category.efc) == (
        15000,
        7000,
        5000,
        16000,
    )
    assert camera.parent == dp.parent == "3300"
    assert camera.previous_efc is None and camera.change is None  # the first period


def test_the_periods_numbers_equal_the_live_cost_report_at_close(production, version):
    live = cost_report(production)
    period = close(production, WEEK_1)
    stored = {
        s.key: (s.budget, s.actual, s.committed, s.etc, s.efc, s.variance)
        for s in CostPeriodLine.objects.filter(period=period)
    }
    rows = [
        *(("account:" + r.number, r) for r in [*live.accounts, *live.unbudgeted]),
        *(("category:" + c.number, c) for s in live.sections for c in s.children),
        *(("section:" + s.number, s) for s in live.sections),
        ("total", live.total),
        ("with_markups", live.with_markups),
    ]
    for key, row in rows:
        expected = (row.budget, row.actual, row.committed, row.etc, row.efc, row.variance)
        assert stored[key] == expected, key
    assert len(stored) == len(rows) + len(live.markups)


def test_a_closed_period_never_changes_afterwards(production, version, ap):
    period = close(production, WEEK_1)
    before = frozen(period)
    report_before = period_report(period)
    # Everything that moves the live report: new actuals, a budget line, an estimate, a
    # commitment released, another commitment, an account that is not in the budget.
    post(production, "3307", "2500", date(2026, 1, 12))
    add_line(version, "3307", rate="777", description="Extra day")
    services.estimate_set(production=production, account_number="3301", amount=Decimal(100))
    services.commitment_release_manual(commitment=Commitment.objects.get(account_number="3307"))
    services.commitment_add_manual(
        production=production,
        account_number="3301",
        amount=Decimal(900),
        description="Later",
        date=date(2026, 1, 8),
    )
    close(production, WEEK_2, notes={"account:3307": "x", "account:3301": "y"})
    assert cost_report(production).total.efc != report_before.total.efc
    assert frozen(period) == before
    after = period_report(CostPeriod.objects.get(pk=period.pk))
    assert [(r.key, r.efc) for r in after.accounts] == [
        (r.key, r.efc) for r in report_before.accounts
    ]


def test_every_write_path_refuses_to_touch_a_closed_period(production, version):
    period = close(production, WEEK_1)
    camera = line(period, "account:3307")
    before = frozen(period)
    camera.actual = Decimal(1)
    attempts = [
        lambda: camera.save(),
        lambda: camera.delete(),
        lambda: period.save(),
        lambda: period.delete(),
        lambda: CostPeriodLine.objects.filter(period=period).update(note="edited"),
        lambda: CostPeriodLine.objects.filter(period=period).delete(),
        lambda: CostPeriodLine.objects.bulk_update([camera], ["actual"]),
        lambda: CostPeriodEntry.objects.filter(period=period).update(amount=0),
        lambda: CostPeriod.objects.filter(pk=period.pk).update(week_ending=WEEK_2),
        lambda: CostPeriod.objects.filter(pk=period.pk).delete(),
    ]
    for attempt in attempts:
        with pytest.raises(ClosedPeriod, match=CLOSED):
            attempt()
    # Below Django: the database itself refuses an UPDATE.
    for table, column in [
        ("budgets_costperiodline", "note"),
        ("budgets_costperiodentry", "description"),
        ("budgets_costperiod", "version_name"),
    ]:
        with (
            pytest.raises(DatabaseError, match=CLOSED),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"UPDATE {table} SET {column} = 'edited'")  # noqa: S608
    assert frozen(period) == before


def test_the_production_and_its_periods_can_still_be_deleted(production, version):
    close(production, WEEK_1)
    close(production, WEEK_2)
    production.delete()
    assert not CostPeriod.objects.exists() and not CostPeriodLine.objects.exists()


def test_periods_close_in_order(production, version):
    close(production, WEEK_2)
    for week in (WEEK_1, WEEK_2):
        with pytest.raises(services.BudgetError) as refused:
            close(production, week)
        assert refused.value.message == services.PERIOD_OUT_OF_ORDER.format(last=WEEK_2)
    assert CostPeriod.objects.count() == 1


def test_a_report_that_moved_after_the_closer_looked_is_refused(production, version):
    looked = close_preview(production).digest
    post(production, "3301", "10", date(2026, 1, 10))
    with pytest.raises(services.BudgetError) as refused:
        close(production, WEEK_1, expected_digest=looked)
    assert refused.value.message == services.PERIOD_MOVED
    assert close(production, WEEK_1, expected_digest=close_preview(production).digest)


# --- What moved since the last period ---------------------------------------------------------


def test_the_previous_efc_and_the_change_are_the_last_periods(production, version):
    first = close(production, WEEK_1)
    # Week 2: 3307 spends 2,500 more (EFC 11,000 -> 13,500); 3301 gets an ETC of 500
    # (EFC 1,000 + 500 = 1,500, from 5,000).
    post(production, "3307", "2500", date(2026, 1, 14))
    services.estimate_set(production=production, account_number="3301", amount=Decimal(500))
    with pytest.raises(services.BudgetError) as refused:
        close(production, WEEK_2, notes={"account:3307": NOTE})
    assert refused.value.message == services.PERIOD_NOTES_MISSING.format(accounts="3301")
    second = close(
        production,
        WEEK_2,
        notes={"account:3307": NOTE, "account:3301": "ETC cut", "category:3300": "Net"},
    )
    assert second.previous == first
    camera, dp, category = (
        line(second, k) for k in ("account:3307", "account:3301", "category:3300")
    )
    assert (camera.previous_efc, camera.efc, camera.change) == (11000, 13500, 2500)
    assert (dp.previous_efc, dp.efc, dp.change) == (5000, 1500, -3500)
    assert (category.previous_efc, category.efc, category.change) == (16000, 15000, -1000)
    assert (camera.note, dp.note, category.note) == (NOTE, "ETC cut", "Net")
    assert line(second, "section:PRODUCTION").note == ""  # notes only on the lines that moved
    unchanged = CostPeriodLine.objects.filter(period=second, level="account", change=0)
    assert unchanged.exists() and not unchanged.exclude(note="").exists()


def test_two_periods_compare_line_by_line(production, version):
    first = close(production, WEEK_1)
    post(production, "3307", "2500", date(2026, 1, 14))
    second = close(production, WEEK_2, notes={"account:3307": "more"})
    lines = {c.key: c for c in compare_periods(first, second)}
    # budget, actual, committed, EFC: (A, B, B - A)
    assert lines["account:3307"].figures == [
        (10000, 10000, 0),
        (6000, 8500, 2500),
        (5000, 5000, 0),
        (11000, 13500, 2500),
    ]
    assert lines["account:3301"].figures[3] == (5000, 5000, 0)
    assert lines["account:3307"].changed and not lines["account:3301"].changed


# --- Pages -------------------------------------------------------------------------------------


def test_the_close_page_lists_what_changed_and_closes_with_the_notes(
    client, production, version, ap
):
    client.force_login(ap)
    close(production, WEEK_1)
    post(production, "3307", "2500", date(2026, 1, 14))
    url = reverse("budgets:cost_period_close", args=[production.slug])
    page = client.get(url).content.decode()
    assert 'data-key="account:3307"' in page and 'data-key="category:3300"' in page
    assert 'data-key="account:3301"' not in page  # its EFC did not move
    digest = close_preview(production).digest
    response = client.post(
        url, {"week_ending": "2026-01-18", "digest": digest, "note:account:3307": NOTE}
    )
    period = CostPeriod.objects.get(week_ending=WEEK_2)
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:cost_period", args=[production.slug, period.pk])
    assert line(period, "account:3307").note == NOTE
    assert period.closed_by == ap


def test_the_close_page_refuses_a_missing_note_and_keeps_what_was_typed(
    client, production, version, ap
):
    client.force_login(ap)
    close(production, WEEK_1)
    post(production, "3307", "2500", date(2026, 1, 14))
    services.estimate_set(production=production, account_number="3301", amount=Decimal(500))
    url = reverse("budgets:cost_period_close", args=[production.slug])
    page = client.post(
        url,
        {
            "week_ending": "2026-01-18",
            "digest": close_preview(production).digest,
            "note:account:3307": "kept",
        },
    ).content.decode()
    assert services.PERIOD_NOTES_MISSING.format(accounts="3301") in page
    assert ">kept</textarea>" in page
    assert CostPeriod.objects.count() == 1


def test_the_period_page_shows_the_frozen_report_with_its_notes(client, production, version, ap):
    client.force_login(ap)
    close(production, WEEK_1)
    post(production, "3307", "2500", date(2026, 1, 14))
    period = close(production, WEEK_2, notes={"account:3307": NOTE})
    post(production, "3307", "99999", date(2026, 1, 20))  # after the close: not on the page
    page = client.get(reverse("budgets:cost_period", args=[production.slug, period.pk]))
    text = page.content.decode()
    assert "13,500.00" in text and "+2,500.00" in text and "11,000.00" in text
    assert "99,999" not in text
    assert "Camera overage: &quot;extra body&quot; for the" in text
    drill = reverse(
        "budgets:cost_period_drill_account", args=[production.slug, period.pk, "3307", "efc"]
    )
    assert drill in text


def test_the_periods_page_draws_actual_committed_and_efc_over_the_periods(
    client, production, version, ap
):
    client.force_login(ap)
    close(production, WEEK_1)
    post(production, "3307", "2500", date(2026, 1, 14))
    close(production, WEEK_2, notes={"account:3307": "x"})
    page = client.get(reverse("budgets:cost_periods", args=[production.slug])).content.decode()
    assert page.count("<polyline") == 3
    for name in (">Actual<", ">Committed<", ">EFC<", "2026-01-11", "2026-01-18"):
        assert name in page
    live = client.get(reverse("budgets:cost_report", args=[production.slug])).content.decode()
    assert "committed and EFC at each closed period" in live
    assert live.count("<polyline") == 3


def test_two_periods_compare_side_by_side_on_a_page(client, production, version, ap):
    client.force_login(ap)
    first = close(production, WEEK_1)
    post(production, "3307", "2500", date(2026, 1, 14))
    second = close(production, WEEK_2, notes={"account:3307": "x"})
    url = reverse("budgets:cost_period_compare", args=[production.slug])
    page = client.get(url, {"a": first.pk, "b": second.pk}).content.decode()
    row = page[page.index('data-key="account:3307"') :]
    row = row[: row.index("</tr>")]
    assert "6,000.00" in row and "8,500.00" in row and "+2,500.00" in row
    assert client.get(url).content.decode().count('data-key="account:3307"') == 1  # last two
    assert client.get(url, {"a": first.pk, "b": 987654}).status_code == 404


def test_the_first_close_is_only_for_the_roles_that_may(client, production, version):
    from apps.productions.capabilities import Role
    from tests.factories import member

    url = reverse("budgets:cost_period_close", args=[production.slug])
    client.force_login(member(production, Role.ACCOUNTANT))
    assert client.get(url).status_code == 200
    client.force_login(member(production, Role.PRODUCTION_MANAGER))
    assert client.get(url).status_code == 403  # reads the cost report, does not close it


def test_a_week_is_offered_after_the_last_one(client, production, version, ap):
    client.force_login(ap)
    close(production, production.today() + timedelta(days=30))
    page = client.get(reverse("budgets:cost_period_close", args=[production.slug]))
    expected = production.today() + timedelta(days=37)
    assert f'value="{expected:%Y-%m-%d}"' in page.content.decode()
