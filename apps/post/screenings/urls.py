"""Screening pages, under /p/<slug>/post/screenings/ (included by apps/post/urls.py)."""

from django.urls import path

from apps.post.screenings import views

urlpatterns = [
    path("", views.screening_list, name="screenings"),
    path("screenings.<str:fmt>", views.screenings_export, name="screenings_export"),
    path("new/", views.screening_new, name="screening_new"),
    path("<int:pk>/", views.screening_detail, name="screening"),
    path("<int:pk>/edit/", views.screening_edit, name="screening_edit"),
    path("<int:pk>/costs/", views.cost_add, name="screening_cost_add"),
    path("<int:pk>/guests/", views.guest_add, name="screening_guest_add"),
    path("<int:pk>/guests/group/", views.guests_add_group, name="screening_guests_group"),
    path("<int:pk>/guests.<str:fmt>", views.guests_export, name="screening_guests_export"),
    path("<int:pk>/costs.<str:fmt>", views.costs_export, name="screening_costs_export"),
    path("<int:pk>/invite/", views.invite, name="screening_invite"),
    path("<int:pk>/door/", views.door, name="screening_door"),
    path("<int:pk>/summary/", views.summary, name="screening_summary"),
    path("<int:pk>/summary.<str:fmt>", views.summary_export, name="screening_summary_export"),
    path("costs/<int:pk>/purchase-order/", views.cost_purchase_order, name="screening_cost_po"),
    path("costs/<int:pk>/remove/", views.cost_remove, name="screening_cost_remove"),
    path("guests/<int:pk>/remove/", views.guest_remove, name="screening_guest_remove"),
]
