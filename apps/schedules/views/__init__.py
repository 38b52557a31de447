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
from apps.schedules.views.reports import calendar_month, calendar_week, ical_feed, report
from apps.schedules.views.scenes import (
    breakdown,
    cast_edit,
    cast_list,
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
    set_list,
    sets_merge,
)

__all__ = [
    "board_move", "breakdown", "calendar_month", "calendar_week", "cast_edit", "cast_list",
    "day_edit", "day_insert", "day_remove", "element_add", "element_remove", "ical_feed",
    "ical_rotate", "location_edit", "location_list", "report", "scene_add", "scene_edit",
    "scene_list", "scene_omit", "scene_split", "schedule_settings", "script_import", "set_edit",
    "set_list", "sets_merge",
    "stripboard",
]  # fmt: skip
