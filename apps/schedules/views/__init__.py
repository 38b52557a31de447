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
from apps.schedules.views.board_work import (
    banner_add,
    banner_edit,
    banner_move,
    banner_remove,
    board_fill,
    board_move_many,
    board_sort,
)
from apps.schedules.views.printing import breakdown_sheets, strips_pdf
from apps.schedules.views.reports import calendar_month, calendar_week, ical_feed, report
from apps.schedules.views.scenarios import (
    scenario_activate,
    scenario_compare,
    scenario_delete,
    scenario_detail,
    scenario_list,
)
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
    script_draft,
    script_import,
    set_edit,
)

__all__ = [
    "banner_add", "banner_edit", "banner_move", "banner_remove", "board_fill", "board_move_many",
    "board_sort", "breakdown_sheets", "strips_pdf",
    "board_move", "breakdown", "calendar_month", "calendar_week", "cast_edit", "cast_list",
    "day_edit", "day_insert", "day_remove", "element_add", "element_remove", "ical_feed",
    "ical_rotate", "location_edit", "location_list", "report", "scene_add", "scene_edit",
    "scenario_activate", "scenario_compare", "scenario_delete", "scenario_detail",
    "scenario_list", "scene_list", "scene_omit", "scene_split", "schedule_settings", "script_draft",
    "script_import", "set_edit", "stripboard",
]  # fmt: skip
