"""Audition pages, under /p/<slug>/casting/auditions/ (included by apps/casting/urls.py)."""

from django.urls import path

from apps.casting.auditions import views

urlpatterns = [
    path("", views.session_list, name="auditions"),
    path("sessions.<str:fmt>", views.session_list_export, name="auditions_export"),
    path("new/", views.session_new, name="audition_new"),
    path("<int:pk>/", views.session_detail, name="audition"),
    path("<int:pk>/slots.<str:fmt>", views.session_export, name="audition_export"),
    path("<int:pk>/edit/", views.session_edit, name="audition_edit"),
    path("<int:pk>/invite/", views.session_invite, name="audition_invite"),
    path("<int:pk>/slots/new/", views.slot_new, name="audition_slot_new"),
    path("<int:pk>/callback/", views.callback_new, name="audition_callback"),
    path("<int:pk>/sides/<int:role_pk>/", views.sides_edit, name="audition_sides"),
    path("<int:pk>/sides/<int:role_pk>/pdf/", views.sides_pdf, name="audition_sides_pdf"),
    path("slots/<int:pk>/edit/", views.slot_edit, name="audition_slot_edit"),
    path("slots/<int:pk>/cancel/", views.slot_cancel, name="audition_slot_cancel"),
    path("slots/<int:pk>/invite/", views.slot_invite, name="audition_slot_invite"),
    path("slots/<int:pk>/review/", views.slot_review, name="audition_slot_review"),
]
