from django.urls import include, path

from apps.casting.views import link, people, roles

app_name = "casting"

urlpatterns = [
    path("", roles.roles, name="roles"),
    path("from-cast/", roles.roles_from_cast, name="roles_from_cast"),
    path("roles.<str:fmt>", roles.roles_export, name="roles_export"),
    path("roles/new/", roles.role_new, name="role_new"),
    path("roles/<int:pk>/", roles.role_detail, name="role"),
    path("roles/<int:pk>/edit/", roles.role_edit, name="role_edit"),
    path(
        "roles/<int:pk>/submissions.<str:fmt>",
        roles.role_submissions_export,
        name="role_submissions_export",
    ),
    path(
        "roles/<int:pk>/shortlist.<str:fmt>",
        roles.role_shortlist_export,
        name="role_shortlist_export",
    ),
    path("roles/<int:pk>/submit/", roles.submission_add, name="submission_add"),
    path("roles/<int:pk>/shortlist/", roles.shortlist_add, name="shortlist_add"),
    path("roles/<int:pk>/shortlist/order/", roles.shortlist_order, name="shortlist_order"),
    path("roles/<int:pk>/link/", link.link_issue, name="submission_link_issue"),
    path("roles/<int:pk>/link/revoke/", link.link_revoke, name="submission_link_revoke"),
    path("submissions/<int:pk>/pass/", roles.submission_pass, name="submission_pass"),
    path("shortlist/<int:pk>/remove/", roles.shortlist_remove, name="shortlist_remove"),
    path("shortlist/<int:pk>/move/", roles.shortlist_move, name="shortlist_move"),
    path("shortlist/<int:pk>/comment/", roles.comment_add, name="comment_add"),
    path("actors/", people.actors, name="actors"),
    path("actors.<str:fmt>", people.actors_export, name="actors_export"),
    path("actors/new/", people.actor_new, name="actor_new"),
    path("actors/<int:pk>/", people.actor_detail, name="actor"),
    path("actors/<int:pk>/headshot/", people.actor_headshot, name="actor_headshot"),
    path("actors/<int:pk>/resume/", people.actor_resume, name="actor_resume"),
    path("actors/<int:pk>/unavailable/", people.unavailability_add, name="unavailability_add"),
    path(
        "unavailable/<int:pk>/remove/", people.unavailability_remove, name="unavailability_remove"
    ),
    path("agencies/", people.agencies, name="agencies"),
    path("agencies.<str:fmt>", people.agencies_export, name="agencies_export"),
    path("agencies/<int:pk>/", people.agency_detail, name="agency"),
    path("auditions/", include("apps.casting.auditions.urls")),
    path("offers/", include("apps.casting.offers.urls")),
]
