"""Deliverables pages, under /p/<slug>/post/deliverables/ (included by apps/post/urls.py)."""

from django.urls import path

from apps.post.deliverables import views

urlpatterns = [
    path("", views.checklists, name="deliverables"),
    path("checklists.<str:fmt>", views.checklists_export, name="deliverables_list_export"),
    path("new/", views.checklist_new, name="deliverables_new"),
    path("<int:pk>/", views.checklist_detail, name="deliverables_checklist"),
    path("<int:pk>/delete/", views.checklist_delete, name="deliverables_delete"),
    path("<int:pk>/items/new/", views.item_new, name="deliverables_item_new"),
    path("<int:pk>/export.<str:fmt>", views.checklist_export, name="deliverables_export"),
    path("items/<int:pk>/", views.item_edit, name="deliverables_item"),
    path("items/<int:pk>/evidence/", views.item_evidence, name="deliverables_evidence"),
]
