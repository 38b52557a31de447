"""/api/: the schema, its reference page, the caller's productions, and under /api/p/<slug>/ one
production's endpoints (each a ProductionEndpoint: see apps/api/access.py)."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from apps.api.views import budgets, callsheets, crew, productions, schedules, vendors

app_name = "api"

V = "budget/versions/<int:version_id>/"

budget_patterns = [
    path("budget/versions/", budgets.Versions.as_view(), name="versions"),
    path(V, budgets.Version.as_view(), name="version"),
    path(V + "accounts/", budgets.Accounts.as_view(), name="accounts"),
    path(V + "lines/", budgets.Lines.as_view(), name="lines"),
    path(V + "lines/<int:line_id>/", budgets.Line.as_view(), name="line"),
    path(V + "globals/", budgets.Globals.as_view(), name="globals"),
    path(V + "globals/<str:global_name>/", budgets.GlobalDetail.as_view(), name="global"),
    path(V + "fringes/", budgets.Fringes.as_view(), name="fringes"),
    path(V + "fringes/<int:fringe_id>/", budgets.FringeDetail.as_view(), name="fringe"),
    path("budget/cost-report/", budgets.CostReport.as_view(), name="cost_report"),
]

schedule_patterns = [
    path("schedule/scenes/", schedules.Scenes.as_view(), name="scenes"),
    path("schedule/scenes/<int:pk>/", schedules.SceneDetail.as_view(), name="scene"),
    path("schedule/days/", schedules.Days.as_view(), name="days"),
    path("schedule/days/<int:pk>/", schedules.Day.as_view(), name="day"),
    path("schedule/board/moves/", schedules.BoardMoves.as_view(), name="board_moves"),
    path("schedule/elements/", schedules.Elements.as_view(), name="elements"),
]

crew_patterns = [
    path("crew/people/", crew.People.as_view(), name="people"),
    path("crew/people/<int:pk>/", crew.PersonDetail.as_view(), name="person"),
    path("crew/engagements/", crew.Engagements.as_view(), name="engagements"),
    path("crew/engagements/<int:pk>/", crew.EngagementDetail.as_view(), name="engagement"),
    path("crew/memos/", crew.Memos.as_view(), name="memos"),
    path("crew/memos/<int:pk>/", crew.Memo.as_view(), name="memo"),
]

vendor_patterns = [
    path("vendors/", vendors.Vendors.as_view(), name="vendors"),
    path("vendors/<int:pk>/", vendors.VendorDetail.as_view(), name="vendor"),
    path("vendors/purchase-orders/", vendors.PurchaseOrders.as_view(), name="purchase_orders"),
    path(
        "vendors/purchase-orders/<int:pk>/",
        vendors.PurchaseOrderDetail.as_view(),
        name="purchase_order",
    ),
    path("vendors/invoices/", vendors.Invoices.as_view(), name="invoices"),
    path("vendors/invoices/<int:pk>/", vendors.InvoiceDetail.as_view(), name="invoice"),
]

callsheet_patterns = [
    path("callsheets/", callsheets.CallSheets.as_view(), name="callsheets"),
    path("callsheets/<int:pk>/", callsheets.CallSheetDetail.as_view(), name="callsheet"),
    path(
        "callsheets/<int:pk>/revisions/<int:number>/",
        callsheets.RevisionDetail.as_view(),
        name="callsheet_revision",
    ),
]

production_patterns = [
    path("", productions.ProductionDetail.as_view(), name="production"),
    *budget_patterns,
    *schedule_patterns,
    *crew_patterns,
    *vendor_patterns,
    *callsheet_patterns,
]

urlpatterns = [
    # The schema and its reference page describe the endpoints and show no data: public, as the
    # project's source is.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("productions/", productions.MyProductions.as_view(), name="productions"),
    path("p/<slug:production_slug>/", include(production_patterns)),
]
