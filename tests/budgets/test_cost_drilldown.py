"""Drill-down, on a demo-sized cost report: every money figure (budget, actual, committed, EFC of
every category and account), live and in each closed period, equals the sum of the entries it
drills to; each of those sums is also worked out here from the ledger and the budget lines.
Then the period's PDF read back, its workbook recalculated by LibreOffice, and the access rules.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from apps.budgets.demo_periods import close_demo_periods
from apps.budgets.models import Actual, Commitment, CostPeriod, CostPeriodLine, DetailLine
from apps.budgets.queries import cost_report, period_report
from apps.budgets.queries.drilldown import FIGURES, live_drill, period_drill
from apps.core.freshness import settle
from apps.productions.capabilities import Role
from tests import pdfs
from tests.spreadsheets import recalculated

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo with its two closed periods, built once for the module and rolled back."""
    from apps.accounts.models import User
    from apps.productions.management.commands.seed_demo import DEMO_SLUG
    from apps.productions.models import Production

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        production = Production.objects.get(slug=DEMO_SLUG)
        periods = close_demo_periods(production, 2)
        ap = User.objects.get(email="ap@demo.producerdesk.test")
        yield production, periods, ap
        transaction.set_rollback(True)


def _every_figure(report):
    categories = [c for s in report.sections for c in s.children]
    accounts = [*report.accounts, *report.unbudgeted]
    for level, rows in (("category", categories), ("account", accounts)):
        for row in rows:
            for figure in FIGURES:
                yield level, row, figure


def _sums_by_account(production, version) -> dict[str, dict[str, Decimal]]:
    """Each account's budget lines, actuals and open commitments, added up here from the rows."""
    sums: dict[str, dict[str, Decimal]] = {}

    def add(kind, number, amount):
        figures = sums.setdefault(number, dict.fromkeys(("budget", "actual", "committed"), 0))
        figures[kind] += amount

    for a in Actual.objects.filter(production=production):
        add("actual", a.account_number, a.amount + a.fringe_amount)
    for c in Commitment.objects.filter(production=production, status="open"):
        add("committed", c.account_number, c.amount + c.fringe_amount)
    for line in DetailLine.objects.filter(budget_version=version).select_related("account"):
        add("budget", line.account.number, line.total + line.fringe_total)
    return sums


def _expected(sums, numbers: set[str], figure: str, etc: Decimal) -> Decimal:
    def total(kind):
        return sum((sums.get(n, {}).get(kind, Decimal(0)) for n in numbers), Decimal(0))

    if figure == "efc":
        return total("actual") + total("committed") + etc
    return total(figure)


def test_the_demo_closes_two_periods_in_order_deterministically(demo):
    production, periods, _ = demo
    assert len(periods) == 2
    first, second = periods
    assert second.previous == first
    assert (second.week_ending - first.week_ending).days == 7
    assert second.week_ending.weekday() == 6  # a Sunday
    assert close_demo_periods(production, 2) == periods  # twice changes nothing
    moved = CostPeriodLine.objects.filter(period=second, level="account").exclude(change=0)
    assert not moved.filter(note="").exists()


def test_every_live_figure_drills_to_entries_that_add_up_to_it(demo):
    production, _, _ = demo
    report = cost_report(production)
    sums = _sums_by_account(production, report.version)
    checked = 0
    for level, row, figure in _every_figure(report):
        drill = live_drill(production, level, row.number, figure)
        assert drill.total == getattr(row, figure), (level, row.number, figure)
        numbers = {a.number for a in (row.children if level == "category" else [row])}
        etc = sum((a.etc for a in (row.children if level == "category" else [row])), Decimal(0))
        assert drill.total == _expected(sums, numbers, figure, etc)
        checked += 1
    assert checked > 100


def test_every_figure_of_each_closed_period_drills_to_what_it_froze(demo):
    production, periods, _ = demo
    # A later posting changes the live report, never a period's drill-down.
    account = cost_report(production).accounts[0].number
    Actual.objects.create(
        production=production,
        account_number=account,
        date=periods[-1].week_ending,
        payee="Late",
        description="After the close",
        amount=Decimal("12345.67"),
    )
    for period in periods:
        report = period_report(period)
        for level, row, figure in _every_figure(report):
            drill = period_drill(period, level, row.number, figure)
            assert drill.total == getattr(row, figure), (period, level, row.number, figure)
        assert report.with_markups.efc == report.with_markups.actual + (
            report.with_markups.committed + report.with_markups.etc
        )


def test_a_drill_page_shows_the_entries_their_total_and_the_way_back(client, demo):
    production, periods, ap = demo
    client.force_login(ap)
    report = cost_report(production)
    category = next(c for s in report.sections for c in s.children if c.actual)
    url = reverse("budgets:cost_drill_category", args=[production.slug, category.number, "actual"])
    page = client.get(url).content.decode()
    total = f"{category.actual:,.2f}"
    assert f'id="drill-figure">{total}<' in page and f'id="drill-total">{total}<' in page
    assert "(equal to the figure)" in page
    back = reverse("budgets:cost_report", args=[production.slug])
    assert f'href="{back}?open={category.number}#cat-{category.number}"' in page
    live = client.get(back, {"open": category.number}).content.decode()
    assert url in live  # the figure on the cost report links to it
    period = periods[-1]
    purl = reverse(
        "budgets:cost_period_drill_category",
        args=[production.slug, period.pk, category.number, "efc"],
    )
    ppage = client.get(purl).content.decode()
    frozen = CostPeriodLine.objects.get(period=period, key=f"category:{category.number}")
    assert f'id="drill-total">{frozen.efc:,.2f}<' in ppage
    assert reverse("budgets:cost_period", args=[production.slug, period.pk]) in ppage
    for bad in ("nothing", "x"):
        missing = reverse("budgets:cost_drill_account", args=[production.slug, bad, "actual"])
        assert client.get(missing).status_code == 404
    wrong = reverse("budgets:cost_drill_account", args=[production.slug, "3307", "variance"])
    assert client.get(wrong).status_code == 404


def test_a_periods_pdf_reads_back_as_its_figures_and_notes(client, demo):
    production, periods, ap = demo
    client.force_login(ap)
    period = periods[-1]
    url = reverse("budgets:cost_period_export", args=[production.slug, period.pk])
    response = client.get(url, {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = pdfs.text(response.content)
    words = pdfs.words(pdfs.text(response.content, layout=False))
    total = CostPeriodLine.objects.get(period=period, key="with_markups")
    assert f"{total.efc:,.2f}" in text and "Prev EFC" in text and "Change" in text
    for line in CostPeriodLine.objects.filter(period=period).exclude(note=""):
        assert " ".join(f"Note: {line.note}".split())[:60] in words
    left, centre, right = pdfs.letterhead(response.content)
    assert "Cost report, week ending" in " ".join((left, centre, right))


def test_a_periods_workbook_recalculates_to_its_figures(client, demo, tmp_path):
    production, periods, ap = demo
    client.force_login(ap)
    period = periods[-1]
    url = reverse("budgets:cost_period_export", args=[production.slug, period.pk])
    data = client.get(url, {"format": "xlsx"}).content
    formulas = load_workbook(io.BytesIO(data)).active
    assert any(str(c.value).startswith("=") for row in formulas.iter_rows() for c in row)
    sheet = recalculated(data, tmp_path).active
    header = [c.value for c in sheet[1]]
    column = {name: header.index(name) for name in header}
    stored = {
        (s.number, s.name): s
        for s in CostPeriodLine.objects.filter(period=period, level__in=["account", "category"])
    }
    seen = 0
    for row in sheet.iter_rows(min_row=2, values_only=True):
        line = stored.get((row[column["account_number"]], row[column["account_name"]]))
        if line is None:
            continue
        for name in ("budget", "actual", "committed", "etc", "efc", "variance"):
            assert Decimal(str(row[column[name]])).quantize(Decimal("0.01")) == getattr(
                line, name
            ), (line.key, name)
        if line.change is not None:
            assert Decimal(str(row[column["change"]])).quantize(Decimal("0.01")) == line.change
        seen += 1
    assert seen == len(stored)
    last = list(sheet.iter_rows(values_only=True))[-1]
    total = CostPeriodLine.objects.get(period=period, key="with_markups")
    assert Decimal(str(last[column["efc"]])).quantize(Decimal("0.01")) == total.efc


# --- Access -----------------------------------------------------------------------------------


def _urls(production, period) -> list[str]:
    slug, pk = production.slug, period.pk
    return [
        reverse("budgets:cost_periods", args=[slug]),
        reverse("budgets:cost_period_close", args=[slug]),
        reverse("budgets:cost_period_compare", args=[slug]),
        reverse("budgets:cost_period", args=[slug, pk]),
        reverse("budgets:cost_period_export", args=[slug, pk]) + "?format=xlsx",
        reverse("budgets:cost_period_drill_account", args=[slug, pk, "3307", "actual"]),
        reverse("budgets:cost_period_drill_category", args=[slug, pk, "3300", "efc"]),
        reverse("budgets:cost_drill_account", args=[slug, "3307", "budget"]),
        reverse("budgets:cost_drill_category", args=[slug, "3300", "committed"]),
    ]


def test_outsiders_get_404_and_crew_and_department_heads_403(client, demo, outsider):
    from tests.factories import member

    production, periods, ap = demo
    urls = _urls(production, periods[-1])
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    for role in (Role.CREW, Role.DEPARTMENT_HEAD, Role.COORDINATOR):
        extra = {"department": "Drill-down test"} if role == Role.DEPARTMENT_HEAD else {}
        client.force_login(member(production, role, **extra))
        for url in urls:
            assert client.get(url).status_code == 403, (role, url)
    client.force_login(ap)
    for url in urls:
        assert client.get(url).status_code == 200, url


# --- Queries ------------------------------------------------------------------------------------


def _count(client, url) -> int:
    settle()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_period_pages_read_the_same_queries_however_many_periods_and_accounts(client, demo):
    """The small demo's last period, then the same after four more periods closed and more
    accounts moved: the pages that show one period read the same number of queries."""
    from datetime import timedelta

    from apps.budgets import services
    from apps.budgets.queries import close_preview

    production, periods, ap = demo
    client.force_login(ap)

    def counts(period):
        return [_count(client, url) for url in _urls(production, period) if "close" not in url]

    week = periods[-1].week_ending
    accounts = [a.number for a in cost_report(production).accounts][:40]
    with transaction.atomic():
        # First a period with entries behind every figure the pages open (an empty drill-down
        # reads fewer queries: it has no sources to fetch).
        for number in ("3307", *accounts[:3]):
            services.actual_post(
                production=production, account_number=number, amount=Decimal(500),
                date=week, payee="p", description="d",
            )  # fmt: skip
        services.period_close(
            production=production,
            week_ending=week + timedelta(weeks=1),
            notes={row.key: "moved" for row in close_preview(production).changed},
        )
        before = counts(CostPeriod.objects.filter(production=production).latest("week_ending"))
        week += timedelta(weeks=1)
        for n in range(4):
            for number in accounts[: 10 * (n + 1)]:
                services.actual_post(
                    production=production,
                    account_number=number,
                    amount=Decimal(1000 + n),
                    date=week,
                    payee="p",
                    description="d",
                )
            preview = close_preview(production)
            services.period_close(
                production=production,
                week_ending=week + timedelta(weeks=n + 1),
                notes={row.key: "moved" for row in preview.changed},
            )
        last = CostPeriod.objects.filter(production=production).order_by("-week_ending")[0]
        after = counts(last)
        transaction.set_rollback(True)
    assert before == after
    assert max(after) <= 16
