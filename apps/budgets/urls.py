from django.urls import path, register_converter

from apps.budgets import views
from apps.budgets.converters import NumberConverter

register_converter(NumberConverter, "ledger_number")  # account and category numbers as typed

app_name = "budgets"

V = "versions/<int:version_id>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("versions/", views.versions, name="versions"),
    path("versions/new/", views.budget_new, name="budget_new"),
    path("versions/compare/", views.compare, name="compare"),
    path(V, views.top_sheet, name="top_sheet"),
    path(V + "copy/", views.version_copy, name="version_copy"),
    path(V + "submit/", views.version_submit, name="version_submit"),
    path(V + "approve/", views.version_approve, name="version_approve"),
    path(V + "send-back/", views.version_return, name="version_return"),
    path(V + "make-current/", views.version_make_current, name="version_make_current"),
    path(V + "export/", views.top_sheet_export, name="top_sheet_export"),
    path(V + "detail-export/", views.detail_export, name="detail_export"),
    path(V + "categories/<int:category_id>/", views.category, name="category"),
    path(V + "categories/<int:category_id>/edit/", views.category_edit, name="category_edit"),
    path(V + "categories/<int:category_id>/accounts/new/", views.account_new, name="account_new"),
    path(V + "accounts/<int:account_id>/", views.account, name="account"),
    path(V + "accounts/<int:account_id>/edit/", views.account_edit, name="account_edit"),
    path(V + "accounts/<int:account_id>/move/", views.account_move, name="account_move"),
    path(V + "accounts/<int:account_id>/lines/new/", views.line_new, name="line_new"),
    path(V + "lines/<int:line_id>/edit/", views.line_edit, name="line_edit"),
    path(V + "lines/<int:line_id>/delete/", views.line_delete, name="line_delete"),
    path(V + "lines/<int:line_id>/move/", views.line_move, name="line_move"),
    path(V + "globals/", views.globals_page, name="globals"),
    path(V + "globals/save/", views.global_save, name="global_save"),
    path(V + "globals/link/", views.global_link, name="global_link"),
    path(V + "notices/read/", views.link_notices_read, name="link_notices_read"),
    path(V + "fringes/", views.fringes_page, name="fringes"),
    path(V + "fringes/save/", views.fringe_save, name="fringe_save"),
    path(V + "markups/save/", views.markup_save, name="markup_save"),
    path("import/", views.budget_import, name="import"),
    path("cost-report/", views.cost_report, name="cost_report"),
    path("cost-report/export/", views.cost_report_export, name="cost_report_export"),
    path(
        "cost-report/category/<ledger_number:category_number>/",
        views.cost_report_category,
        name="cost_report_category",
    ),
    path(
        "cost-report/account/<ledger_number:account_number>/",
        views.cost_report_account,
        name="cost_report_account",
    ),
    path(
        "cost-report/etc/<ledger_number:account_number>/", views.estimate_save, name="estimate_save"
    ),
    path(
        "cost-report/drill/account/<ledger_number:account_number>/<str:figure>/",
        views.cost_drill_account,
        name="cost_drill_account",
    ),
    path(
        "cost-report/drill/category/<ledger_number:category_number>/<str:figure>/",
        views.cost_drill_category,
        name="cost_drill_category",
    ),
    path("cost-report/periods/", views.cost_periods, name="cost_periods"),
    path("cost-report/periods/close/", views.cost_period_close, name="cost_period_close"),
    path("cost-report/periods/compare/", views.cost_period_compare, name="cost_period_compare"),
    path("cost-report/periods/<int:period_id>/", views.cost_period, name="cost_period"),
    path(
        "cost-report/periods/<int:period_id>/export/",
        views.cost_period_export,
        name="cost_period_export",
    ),
    path(
        "cost-report/periods/<int:period_id>/drill/account/<ledger_number:account_number>/<str:figure>/",
        views.cost_period_drill_account,
        name="cost_period_drill_account",
    ),
    path(
        "cost-report/periods/<int:period_id>/drill/category/<ledger_number:category_number>/<str:figure>/",
        views.cost_period_drill_category,
        name="cost_period_drill_category",
    ),
    path("actuals/", views.actuals, name="actuals"),
    path("actuals/new/", views.actual_new, name="actual_new"),
    path("actuals/import/", views.actuals_import, name="actuals_import"),
    path("commitments/new/", views.commitment_new, name="commitment_new"),
    path(
        "commitments/<int:commitment_id>/release/",
        views.commitment_release,
        name="commitment_release",
    ),
    path("grants/", views.grants, name="grants"),
    path("grants/<int:grant_id>/delete/", views.grant_delete, name="grant_delete"),
    path("department/", views.department, name="department"),
]
