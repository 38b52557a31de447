"""Schedule pages: scenes and breakdown, the stripboard and days, reports and the calendar."""

from apps.schedules.views.board import (
    board_move,
    day_edit,
    day_insert,
    day_remove,
    ical_rotate,
    schedule_settings,
    stripboard,
)
from apps.schedules.views.cast import cast_add, cast_delete, cast_merge
from apps.schedules.views.elements import (
    element_delete,
    element_edit,
    element_list,
    element_merge,
)
from apps.schedules.views.reports import calendar_month, calendar_week, ical_feed, report
from apps.schedules.views.scenes import (
    breakdown,
    cast_edit,
    cast_list,
    cast_remove,
    element_add,
    element_remove,
    location_edit,
    location_list,
    scene_add,
    scene_edit,
    scene_list,
    scene_omit,
    scene_split,
    script_import,
    set_edit,
)

__all__ = [
    "board_move", "breakdown", "calendar_month", "calendar_week", "cast_add", "cast_delete",
    "cast_edit", "cast_list", "cast_merge", "cast_remove", "day_edit", "day_insert", "day_remove",
    "element_add", "element_delete", "element_edit", "element_list", "element_merge",
    "element_remove", "ical_feed",
    "ical_rotate", "location_edit", "location_list", "report", "scene_add", "scene_edit",
    "scene_list", "scene_omit", "scene_split", "schedule_settings", "script_import", "set_edit",
    "stripboard",
]  # fmt: skip
