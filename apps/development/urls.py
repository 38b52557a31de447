"""Development pages, under /p/<slug>/development/. The slate, outside any one production, is
apps/development/slate/urls.py (/slate/)."""

from django.urls import include, path

from apps.development.research import views as research
from apps.development.rights import views as rights
from apps.development.slate import views as project

app_name = "development"

urlpatterns = [
    path("", project.project, name="project"),
    path("edit/", project.project_edit, name="project_edit"),
    path("green-light/", project.green_light, name="green_light"),
    path("research/", research.research, name="research"),
    path("research/new/", research.research_new, name="research_new"),
    path("research/export.<str:fmt>", research.research_export, name="research_export"),
    path("research/<int:pk>/edit/", research.research_edit, name="research_edit"),
    path("research/<int:pk>/file/", research.research_file, name="research_file"),
    path("drafts/", research.drafts, name="drafts"),
    path("drafts/new/", research.draft_new, name="draft_new"),
    path("drafts/export.<str:fmt>", research.drafts_export, name="drafts_export"),
    path("drafts/<int:pk>/file/", research.draft_file, name="draft_file"),
    path("drafts/<int:pk>/to-schedule/", research.draft_to_schedule, name="draft_to_schedule"),
    path("rights/", rights.rights, name="rights"),
    path("rights/new/", rights.option_new, name="option_new"),
    path("rights/export.<str:fmt>", rights.rights_export, name="rights_export"),
    path("rights/<int:pk>/", rights.option, name="option"),
    path("rights/<int:pk>/edit/", rights.option_edit, name="option_edit"),
    path("rights/<int:pk>/extend/", rights.extension_add, name="extension_add"),
    path(
        "rights/<int:pk>/extensions.<str:fmt>", rights.extensions_export, name="extensions_export"
    ),
    path("rights/<int:pk>/documents/new/", rights.document_add, name="document_add"),
    path("rights/documents/<int:pk>/", rights.document_file, name="document_file"),
    path("finance/", include("apps.development.finance.urls")),
    path("pitch/", include("apps.development.pitch.urls")),
]
