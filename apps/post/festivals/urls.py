"""Festival tracker pages, under /p/<slug>/post/festivals/ (included by apps/post/urls.py)."""

from django.urls import path

from apps.post.festivals import views

urlpatterns = [
    path("", views.festival_list, name="festivals"),
    path("festivals.<str:fmt>", views.festival_export, name="festival_export"),
    path("new/", views.festival_new, name="festival_new"),
    path("<int:pk>/", views.festival_detail, name="festival"),
    path("<int:pk>/edit/", views.festival_edit, name="festival_edit"),
    path("<int:pk>/fee-order/", views.festival_fee_order, name="festival_fee_order"),
]
