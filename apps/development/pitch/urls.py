"""Pitch package pages, under /p/<slug>/development/pitch/ (included by
apps/development/urls.py)."""

from django.urls import path

from apps.development.pitch import views

urlpatterns = [
    path("", views.pitch_page, name="pitch"),
    path("pitch.pdf", views.pitch_pdf, name="pitch_pdf"),
    path("sections/", views.sections_arrange, name="pitch_sections"),
    path("comparables.<str:fmt>", views.comparables_export, name="pitch_comparables_export"),
    path("<str:kind>/new/", views.item_new, name="pitch_item_new"),
    path("<str:kind>/<int:pk>/", views.item_edit, name="pitch_item_edit"),
    path("<str:kind>/<int:pk>/delete/", views.item_delete, name="pitch_item_delete"),
    path("looks/<int:pk>/image/", views.look_image, name="pitch_look_image"),
    path("people/<int:pk>/letter/", views.letter, name="pitch_letter"),
]
