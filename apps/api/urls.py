"""/api/: the schema, its reference page, the caller's productions, and under /api/p/<slug>/ one
production's endpoints (each a ProductionEndpoint: see apps/api/access.py)."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from apps.api.views import (
    budgets,
    callsheets,
    crew,
    daily_reports,
    periods,
    productions,
    schedules,
    vendors,
)

app_name = "api"

V = "budget/versions/<int:version_id>/"


def listed(route: str, rows, one, names: str, key: str = "<int:pk>/") -> list:
    """A list at `route` and one of its rows at `route` + `key`, named "rows row"."""
    many, single = names.split()
    return [
        path(route, rows.as_view(), name=many),
        path(route + key, one.as_view(), name=single),
    ]


production_patterns = [
    path("", productions.ProductionDetail.as_view(), name="production"),
    # Budgets
    *listed(
        "budget/versions/",
        budgets.Versions,
        budgets.Version,
        "versions version",
        key="<int:version_id>/",
    ),
    path(V + "accounts/", budgets.Accounts.as_view(), name="accounts"),
    *listed(V + "lines/", budgets.Lines, budgets.Line, "lines line", "<int:line_id>/"),
    *listed(
        V + "globals/",
        budgets.Globals,
        budgets.GlobalDetail,
        "globals global",
        "<str:global_name>/",
    ),
    *listed(
        V + "fringes/", budgets.Fringes, budgets.FringeDetail, "fringes fringe", "<int:fringe_id>/"
    ),
    path("budget/cost-report/", budgets.CostReport.as_view(), name="cost_report"),
    *listed(
        "budget/cost-periods/",
        periods.CostPeriods,
        periods.CostPeriodDetail,
        "cost_periods cost_period",
        "<int:period_id>/",
    ),
    # Schedule
    *listed("schedule/scenes/", schedules.Scenes, schedules.SceneDetail, "scenes scene"),
    *listed("schedule/days/", schedules.Days, schedules.Day, "days day"),
    path("schedule/board/moves/", schedules.BoardMoves.as_view(), name="board_moves"),
    path("schedule/elements/", schedules.Elements.as_view(), name="elements"),
    # Crew
    *listed("crew/people/", crew.People, crew.PersonDetail, "people person"),
    *listed("crew/engagements/", crew.Engagements, crew.EngagementDetail, "engagements engagement"),
    *listed("crew/memos/", crew.Memos, crew.Memo, "memos memo"),
    # Vendors
    *listed("vendors/", vendors.Vendors, vendors.VendorDetail, "vendors vendor"),
    *listed(
        "vendors/purchase-orders/",
        vendors.PurchaseOrders,
        vendors.PurchaseOrderDetail,
        "purchase_orders purchase_order",
    ),
    *listed("vendors/invoices/", vendors.Invoices, vendors.InvoiceDetail, "invoices invoice"),
    # Call sheets (read)
    *listed(
        "callsheets/", callsheets.CallSheets, callsheets.CallSheetDetail, "callsheets callsheet"
    ),
    path(
        "callsheets/<int:pk>/revisions/<int:number>/",
        callsheets.RevisionDetail.as_view(),
        name="callsheet_revision",
    ),
    # Daily reports and hot costs (read)
    *listed(
        "daily-reports/",
        daily_reports.DailyReports,
        daily_reports.DailyReportDetail,
        "daily_reports daily_report",
    ),
    path("hot-costs/", daily_reports.HotCosts.as_view(), name="hot_costs"),
]

urlpatterns = [
    # The schema and its reference page describe the endpoints and show no data: public, as the
    # project's source is.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("productions/", productions.MyProductions.as_view(), name="productions"),
    path("p/<slug:production_slug>/", include(production_patterns)),
]
