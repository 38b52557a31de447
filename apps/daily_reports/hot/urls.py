"""Hot cost URLs, included under /p/<production_slug>/hot-costs/ (namespace `hot_costs`)."""

from django.urls import path

from apps.daily_reports.hot import views

app_name = "hot_costs"

urlpatterns = [
    path("", views.summary, name="summary"),
    path("<int:pk>/", views.day, name="day"),
    path("<int:pk>/refresh/", views.refresh, name="refresh"),
]
