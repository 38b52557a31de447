"""Where a signed report reaches outside the app: the board (apps/schedules/shooting.py, which
moves the scenes) and the day's hot cost (apps/daily_reports/hotcosts.py). Both run inside the
sign-off's transaction, so a refusal there leaves the report unsigned."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class ShotOutcome:
    """What the report says of one scene (the board's own class once it is there)."""

    scene_id: int
    status: str  # "completed", "partly", "not_shot"
    eighths_shot: int
    remaining_to_day_id: int | None


def _shooting():
    try:
        return import_module("apps.schedules.shooting")
    except ImportError:  # TEMPORARY: until issue17-board is merged
        return None


def outcome(**values):
    shooting = _shooting()
    return (shooting.ShotOutcome if shooting else ShotOutcome)(**values)


def preview(production, day, outcomes: list) -> list[str]:
    """What signing will move on the board, in words."""
    shooting = _shooting()
    if shooting is None:  # TEMPORARY: until issue17-board is merged
        return [f"Scene {o.scene_id}: {o.status}" for o in outcomes]
    return shooting.preview_shooting(production, day, outcomes)


def record(production, day, outcomes: list, user) -> list[str]:
    shooting = _shooting()
    return shooting.record_shooting(production, day, outcomes, user) if shooting else []


def refresh_hot_costs(report) -> None:
    """The day's hot cost worked out a last time before it freezes with the report."""
    try:
        hotcosts = import_module("apps.daily_reports.hotcosts")
    except ImportError:  # TEMPORARY: until issue17-hotcosts is merged
        return
    hotcosts.refresh(report)
