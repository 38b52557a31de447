from django.urls import path

from apps.schedules import views

app_name = "schedules"

urlpatterns = [
    path("", views.stripboard, name="board"),
    path("move/", views.board_move, name="move"),
    path("move/many/", views.board_move_many, name="move_many"),
    path("sort/", views.board_sort, name="sort"),
    path("fill/", views.board_fill, name="fill"),
    path("banners/add/", views.banner_add, name="banner_add"),
    path("banners/<int:pk>/", views.banner_edit, name="banner_edit"),
    path("banners/<int:pk>/move/", views.banner_move, name="banner_move"),
    path("banners/<int:pk>/remove/", views.banner_remove, name="banner_remove"),
    path("print/strips/", views.strips_pdf, name="strips_pdf"),
    path("print/breakdowns/", views.breakdown_sheets, name="breakdown_sheets"),
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
    path("sets/<int:pk>/", views.set_edit, name="set_edit"),
    path("settings/", views.schedule_settings, name="settings"),
    path("settings/feed/", views.ical_rotate, name="ical_rotate"),
    path("reports/<slug:key>/", views.report, name="report"),
    path("calendar/", views.calendar_month, name="calendar"),
    path("calendar/week/", views.calendar_week, name="calendar_week"),
]
