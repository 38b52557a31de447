"""The cost report page: sections and categories first, then, on request and without a full
reload, a category's accounts and an account's transactions (htmx; plain links without it).

Rows whose every figure is zero are hidden unless the reader asks for them (``?zeros=1``).
``?open=<category number>`` (or ``all``) and ``?account=<number>`` open a category on the page
itself, so the report works without JavaScript and a saved estimate comes back to its account.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from apps.budgets import queries
from apps.budgets.charts import spend_chart
from apps.budgets.queries import CostReport, CostRow
from apps.budgets.queries.drilldown import account_transactions
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C

TRANSACTIONS_SHOWN = 50


@dataclass
class Shown:
    """A row as the page shows it: the report's row, whether it can open, whether it is open."""

    row: CostRow
    category: str = ""  # the category an account row belongs to
    can_open: bool = False
    is_open: bool = False


def is_zero(row: CostRow) -> bool:
    return not any((row.budget, row.actual, row.committed, row.etc))


def _opened(report: CostReport, request) -> set[str]:
    wanted = request.GET.get("open", "")
    if wanted == "all":
        return {c.number for s in report.sections for c in s.children}
    opened = {wanted} if wanted else set()
    account = request.GET.get("account", "")
    for section in report.sections:
        for category in section.children:
            if any(a.number == account for a in category.children):
                opened.add(category.number)
    return opened


def shown_rows(report: CostReport, *, zeros: bool, opened: set[str]) -> tuple[list[Shown], int]:
    """The rows the page shows, in order (the totals and markups last), and how many zero rows
    it leaves out."""
    rows, hidden = [], 0
    for section in report.sections:
        rows.append(Shown(section))
        for category in section.children:
            if not zeros and is_zero(category):
                hidden += 1 + len(category.children)
                continue
            is_open = category.number in opened
            rows.append(Shown(category, can_open=bool(category.children), is_open=is_open))
            accounts, left_out = account_rows(category, zeros=zeros)
            hidden += left_out
            if is_open:
                rows.extend(accounts)
    rows.extend(Shown(row) for row in report.unbudgeted)
    totals = [report.total, *report.markups, report.with_markups]
    rows.extend(Shown(row) for row in totals if row is not None)
    return rows, hidden


def account_rows(category: CostRow, *, zeros: bool) -> tuple[list[Shown], int]:
    shown = [
        Shown(a, category=category.number, can_open=bool(a.actual or a.committed))
        for a in category.children
        if zeros or not is_zero(a)
    ]
    return shown, len(category.children) - len(shown)


def _context(request: ProductionRequest, report: CostReport | None) -> dict:
    return {"report": report, "zeros": request.GET.get("zeros") == "1"}


def _page(request: ProductionRequest) -> dict:
    report = queries.cost_report(request.production)
    context = _context(request, report)
    if report is not None:
        context["chart"] = spend_chart(
            queries.spend_over_time(request.production),
            queries.period_points(request.production),
            report.with_markups.budget,
        )
        context["rows"], context["hidden"] = shown_rows(
            report, zeros=context["zeros"], opened=_opened(report, request)
        )
        context["opened_all"] = request.GET.get("open") == "all"
    return context


@production_view(C.VIEW_COST_REPORT)
def cost_report(request: ProductionRequest) -> HttpResponse:
    # Worked out only when the page's kept fragment (templates/budgets/cost_report.html) is not
    # at hand: a visit that finds it reads no report.
    return render(
        request, "budgets/cost_report.html", {"page": SimpleLazyObject(lambda: _page(request))}
    )


@production_view(C.VIEW_COST_REPORT)
def cost_report_category(request: ProductionRequest, category_number: str) -> HttpResponse:
    """A category's account rows, to go under its row (htmx)."""
    report = queries.cost_report(request.production)
    categories = [c for s in report.sections for c in s.children] if report else []
    category = next((c for c in categories if c.number == category_number), None)
    if category is None:
        raise Http404("No such category in the current version.")
    context = _context(request, report)
    context["rows"], _ = account_rows(category, zeros=context["zeros"])
    context["category"] = category_number
    return render(request, "budgets/_cost_account_rows.html", context)


@production_view(C.VIEW_COST_REPORT)
def cost_report_account(request: ProductionRequest, account_number: str) -> HttpResponse:
    """An account's actuals and open commitments, newest first, to go under its row (htmx); the
    account's drill-down pages list every one of them."""
    production = request.production
    entries = sorted(
        account_transactions(production, account_number),
        key=lambda entry: entry.date,
        reverse=True,
    )
    return render(
        request,
        "budgets/_cost_transactions.html",
        {
            "number": account_number,
            "entries": entries[:TRANSACTIONS_SHOWN],
            "more": max(0, len(entries) - TRANSACTIONS_SHOWN),
            "currency": production.currency,
        },
    )
