from django.urls import path

from apps.daily_reports import views

app_name = "daily_reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("export.<str:fmt>", views.report_export, name="export"),
    path("distribution/", views.distribution_list, name="distribution"),
    path("day/<int:shoot_day_id>/start/", views.report_start, name="start"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/sign/", views.report_sign, name="sign"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
]
