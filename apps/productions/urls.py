from django.urls import include, path

from apps.productions import views

app_name = "productions"

production_patterns = [
    path("", views.dashboard, name="dashboard"),
    path("logo/", views.logo, name="logo"),
    path("settings/", views.production_settings, name="settings"),
    path("members/", views.members, name="members"),
    path("members/export.<str:fmt>", views.members_export, name="members_export"),
    path("members/<int:pk>/change/", views.member_change, name="member_change"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("audit/", views.audit_log, name="audit"),
]

urlpatterns = [
    path("productions/", views.production_list, name="list"),
    path("productions/new/", views.production_create, name="create"),
    path("p/<slug:production_slug>/", include(production_patterns)),
]
