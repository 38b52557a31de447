from django.urls import path

from apps.schedules import views

app_name = "schedules"

urlpatterns = [
    path("", views.stripboard, name="board"),
    path("move/", views.board_move, name="move"),
    path("days/insert/", views.day_insert, name="day_insert"),
    path("days/<int:pk>/", views.day_edit, name="day_edit"),
    path("days/<int:pk>/remove/", views.day_remove, name="day_remove"),
    path("scenes/", views.scene_list, name="scenes"),
    path("scenes/import/", views.script_import, name="import"),
    path("scenes/add/", views.scene_add, name="scene_add"),
    path("scenes/<int:pk>/", views.breakdown, name="breakdown"),
    path("scenes/<int:pk>/edit/", views.scene_edit, name="scene_edit"),
    path("scenes/<int:pk>/split/", views.scene_split, name="scene_split"),
    path("scenes/<int:pk>/omit/", views.scene_omit, name="scene_omit"),
    path("scenes/<int:pk>/elements/", views.element_add, name="element_add"),
    path(
        "scenes/<int:pk>/elements/<int:element_pk>/remove/",
        views.element_remove,
        name="element_remove",
    ),
    path("cast/", views.cast_list, name="cast"),
    path("cast/<int:pk>/", views.cast_edit, name="cast_edit"),
    path("locations/", views.location_list, name="locations"),
    path("locations/add/", views.location_edit, name="location_add"),
    path("locations/<int:pk>/", views.location_edit, name="location_edit"),
    path("sets/", views.set_list, name="sets"),
    path("sets/merge/", views.sets_merge, name="sets_merge"),
    path("sets/<int:pk>/", views.set_edit, name="set_edit"),
    path("settings/", views.schedule_settings, name="settings"),
    path("settings/feed/", views.ical_rotate, name="ical_rotate"),
    path("reports/<slug:key>/", views.report, name="report"),
    path("calendar/", views.calendar_month, name="calendar"),
    path("calendar/week/", views.calendar_week, name="calendar_week"),
]
