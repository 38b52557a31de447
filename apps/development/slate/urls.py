"""The slate, at /slate/: every project of the productions the signed-in user is a member of."""

from django.urls import path

from apps.development.slate import views

app_name = "slate"

urlpatterns = [
    path("", views.slate, name="list"),
    path("new/", views.idea_new, name="new"),
    path("export.<str:fmt>", views.slate_export, name="export"),
]
