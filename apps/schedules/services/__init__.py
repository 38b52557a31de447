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
from apps.schedules.services.scenes import (
    cast_set_id,
    scene_create,
    scene_set_omitted,
    scene_split,
    scene_update,
)
from apps.schedules.services.script import ImportReport, script_import
from apps.schedules.services.sets import set_rename, sets_merge

__all__ = [
    "NOT_A_SHOOT_DAY",
    "OMITTED_SCENE_CANNOT_BE_SCHEDULED",
    "SCENE_NUMBER_TAKEN",
    "SETS_TO_MERGE",
    "SET_NAME_TAKEN",
    "SPLIT_LENGTH_OUT_OF_RANGE",
    "SPLIT_TOO_SHORT",
    "ImportReport",
    "ScheduleError",
    "ScriptImportError",
    "cast_set_id",
    "day_insert",
    "day_remove",
    "day_update",
    "days_append",
    "scene_create",
    "scene_move",
    "scene_set_omitted",
    "scene_split",
    "scene_update",
    "script_import",
    "set_rename",
    "sets_merge",
    "settings_for",
]
