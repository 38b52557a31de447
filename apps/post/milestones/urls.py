"""Post schedule pages, under /p/<slug>/post/ (included by apps/post/urls.py)."""

from django.urls import path

from apps.post.milestones import views

urlpatterns = [
    path("", views.schedule, name="schedule"),
    path("schedule.<str:fmt>", views.schedule_export, name="schedule_export"),
    path("milestones/new/", views.milestone_new, name="milestone_new"),
    path("milestones/standard/", views.standard_set, name="milestone_standard"),
    path("milestones/baseline/", views.baseline, name="milestone_baseline"),
    path("milestones/<int:pk>/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", views.milestone_delete, name="milestone_delete"),
]
