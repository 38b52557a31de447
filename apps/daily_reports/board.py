"""Where a signed report reaches outside the app: the board (apps/schedules/shooting.py, which
moves the scenes) and the day's hot cost (apps/daily_reports/hotcosts.py). Both run inside the
sign-off's transaction, so a refusal there leaves the report unsigned."""

from __future__ import annotations

from apps.schedules.shooting import Move, ShotOutcome, preview_shooting, record_shooting


def outcome(**values) -> ShotOutcome:
    return ShotOutcome(**values)


def preview(production, day, outcomes: list[ShotOutcome]) -> list[str]:
    """What signing will move on the board, in words (nothing is written)."""
    return [move.words for move in preview_shooting(production, day, outcomes)]


def record(production, day, outcomes: list[ShotOutcome], user) -> list[Move]:
    """The moves made (each with its words and pages: the sign-off's audit entry sums them)."""
    return record_shooting(production, day, outcomes, user)


def refresh_hot_costs(report) -> list:
    """The day's hot cost worked out again (a last time before it freezes with the report); the
    caller's audit entry says how it moved. Returns the new lines."""
    from apps.daily_reports import hotcosts

    return hotcosts.refresh(report, record=False)
