"""Finance plan pages, under /p/<slug>/development/finance/ (included by
apps/development/urls.py)."""

from django.urls import path

from apps.development.finance import views

urlpatterns = [
    path("", views.plan_page, name="finance"),
    path("plan.<str:fmt>", views.plan_export, name="finance_export"),
    path("sources/new/", views.source_new, name="finance_source_new"),
    path("sources/<int:pk>/", views.source_edit, name="finance_source_edit"),
    path("sources/<int:pk>/delete/", views.source_delete, name="finance_source_delete"),
    path("cash-flow/", views.cashflow_page, name="cashflow"),
    path("cash-flow.xlsx", views.cashflow_export, name="cashflow_export"),
    path("cash-flow/rules/<str:category_number>/", views.rule_edit, name="cashflow_rule"),
]
