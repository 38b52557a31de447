"""Every write to the schedule with a rule in it: imports, scene edits, board moves, day changes.

Each function runs in one transaction. Board writes lock the production's schedule-settings row
first, so two people dragging strips at once are applied one after the other, never interleaved.
"""

from apps.schedules.importers import ScriptImportError
from apps.schedules.services.board import (
    day_insert,
    day_remove,
    day_update,
    days_append,
    scene_move,
)
from apps.schedules.services.breaks import NOTHING_TO_BREAK, FillReport, days_fill, plan_breaks
from apps.schedules.services.cast import (
    cast_add_to_scene,
    cast_create,
    cast_delete,
    cast_merge,
    cast_remove_from_scene,
)
from apps.schedules.services.common import (
    NOT_A_SHOOT_DAY,
    OMITTED_SCENE_CANNOT_BE_SCHEDULED,
    SCENE_NUMBER_TAKEN,
    SET_NAME_TAKEN,
    SETS_TO_MERGE,
    SPLIT_LENGTH_OUT_OF_RANGE,
    SPLIT_TOO_SHORT,
    ScheduleError,
    settings_for,
)
from apps.schedules.services.elements import (
    element_add_to_scene,
    element_create,
    element_delete,
    element_merge,
    element_update,
)
from apps.schedules.services.scenes import (
    cast_set_id,
    scene_create,
    scene_set_omitted,
    scene_split,
    scene_update,
)
from apps.schedules.services.script import (
    PLAN_STALE,
    ImportReport,
    RevisionPlan,
    default_lock,
    next_colour,
    script_apply,
    script_discard,
    script_import,
    script_plan,
    script_preview,
)
from apps.schedules.services.sets import set_rename, sets_merge
from apps.schedules.services.strips import (
    BANNER_NEEDS_A_SHOOT_DAY,
    NOTHING_SELECTED,
    SORTS,
    UNKNOWN_SORT,
    banner_add,
    banner_move,
    banner_remove,
    banner_update,
    scenes_move,
    strips_sort,
)

__all__ = [
    "NOTHING_TO_BREAK",
    "FillReport",
    "days_fill",
    "plan_breaks",
    "BANNER_NEEDS_A_SHOOT_DAY",
    "NOTHING_SELECTED",
    "SORTS",
    "UNKNOWN_SORT",
    "banner_add",
    "banner_move",
    "banner_remove",
    "banner_update",
    "scenes_move",
    "strips_sort",
    "NOT_A_SHOOT_DAY",
    "OMITTED_SCENE_CANNOT_BE_SCHEDULED",
    "SCENE_NUMBER_TAKEN",
    "SETS_TO_MERGE",
    "SET_NAME_TAKEN",
    "SPLIT_LENGTH_OUT_OF_RANGE",
    "SPLIT_TOO_SHORT",
    "PLAN_STALE",
    "ImportReport",
    "RevisionPlan",
    "ScheduleError",
    "ScriptImportError",
    "cast_add_to_scene",
    "cast_create",
    "cast_delete",
    "cast_merge",
    "cast_remove_from_scene",
    "cast_set_id",
    "day_insert",
    "default_lock",
    "next_colour",
    "day_remove",
    "day_update",
    "days_append",
    "element_add_to_scene",
    "element_create",
    "element_delete",
    "element_merge",
    "element_update",
    "scene_create",
    "scene_move",
    "scene_set_omitted",
    "scene_split",
    "scene_update",
    "script_apply",
    "script_discard",
    "script_import",
    "script_plan",
    "script_preview",
    "set_rename",
    "sets_merge",
    "settings_for",
]
