"""Distribution pages, under /p/<slug>/post/distribution/ (included by apps/post/urls.py)."""

from django.urls import path

from apps.post.distribution import views

urlpatterns = [
    path("", views.deals, name="distribution"),
    path("deals.<str:fmt>", views.deals_export, name="distribution_export"),
    path("new/", views.deal_new, name="distribution_new"),
    path("<int:pk>/", views.deal_edit, name="distribution_deal"),
    path("grid/", views.grid, name="distribution_grid"),
    path("grid.<str:fmt>", views.grid_export, name="distribution_grid_export"),
]
