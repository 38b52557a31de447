"""The dashboard's "budget" slot: totals of the current version."""

from __future__ import annotations

from apps.budgets.queries import cost_report


def budget_panel_context(request) -> dict:
    report = cost_report(request.production)
    if report is None:
        return {"report": None}
    return {
        "report": report,
        "version": report.version,
        "total": report.total,
        "with_markups": report.with_markups,
    }
