"""Reads of alternate boards: a scenario laid out like the board, and boards side by side.

A scenario's board is built from its own days and strips with the same DayBlock and conflict
rules as the active board (queries.add_conflicts), so a comparison compares like with like.
Queries: a fixed number per board, whatever its size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from apps.core.money import format_money
from apps.productions.signals import shoot_days_costed
from apps.schedules.models import CastMember, Scenario, ScenarioStrip
from apps.schedules.queries import Board, DayBlock, add_conflicts, board, scenes_for_board
from apps.schedules.reports import board_chart
from apps.schedules.services import settings_for


def scenario_board(scenario: Scenario) -> Board:
    """The scenario as a Board: its days in order, its strips on them, new scenes in the bin.
    Queries: settings, days, strips, scenes (+set+location), cast: 5."""
    production = scenario.production
    settings = settings_for(production)
    blocks = {day.pk: DayBlock(day) for day in scenario.days.order_by("position")}
    strips = {
        strip.scene_id: (strip.day_id, strip.position)
        for strip in ScenarioStrip.objects.filter(scenario=scenario)
    }
    placed: list[tuple[tuple, object]] = []
    bin_, omitted = [], []
    for scene in scenes_for_board(production):
        if scene.omitted:
            omitted.append(scene)
            continue
        if scene.shot_day_id:
            continue  # shot: on no board to come
        day_id, position = strips.get(scene.pk, (None, 10**6))
        if day_id in blocks:
            placed.append(((day_id, position, scene.sort_key), scene))
        else:
            bin_.append(((position, scene.sort_key), scene))
    for (day_id, _, _), scene in sorted(placed, key=lambda item: item[0]):
        blocks[day_id].scenes.append(scene)
    result = Board(
        settings,
        list(blocks.values()),
        [scene for _, scene in sorted(bin_, key=lambda item: item[0])],
        sorted(omitted, key=lambda s: s.sort_key),
    )
    add_conflicts(result, wrap_date=production.wrap_date)
    return result


@dataclass
class Column:
    """One board in a comparison."""

    name: str
    board: Board
    scenario: Scenario | None = None
    budget: list = field(default_factory=list)

    @property
    def shoot_day_count(self) -> int:
        return len(self.board.shoot_days)

    @property
    def first_day(self):
        days = self.board.shoot_days
        return days[0].day.date if days else None

    @property
    def last_day(self):
        days = self.board.shoot_days
        return days[-1].day.date if days else None

    @property
    def average_eighths(self) -> int:
        days = self.board.shoot_days
        return round(self.board.scheduled_eighths / len(days)) if days else 0

    @property
    def cast_days(self) -> Counter:
        """Cast member id -> the number of shoot days they work."""
        worked: Counter = Counter()
        for block in self.board.shoot_days:
            for member_id in block.cast_ids():
                worked[member_id] += 1
        return worked

    def chart(self):
        return board_chart(self.board, title=f"Pages per shoot day: {self.name}")

    def budget_words(self) -> list[str]:
        words = []
        for answer in self.budget:
            change = answer.change
            sign = "+" if change > 0 else "−" if change < 0 else "±"
            words.append(
                f"{answer.version}: {format_money(answer.total, answer.currency)} "
                f"({sign}{format_money(abs(change), answer.currency)} against today)"
            )
        return words


def columns(production, scenarios: list[Scenario], *, with_budget: bool = True) -> list[Column]:
    """The active board and the chosen scenarios, each with its budget at its day count."""
    result = [Column("Active board", board(production))]
    result += [Column(s.name, scenario_board(s), scenario=s) for s in scenarios]
    if with_budget:
        for column in result:
            answers = shoot_days_costed.send(
                sender=None, production=production, shoot_days=column.shoot_day_count
            )
            column.budget = [answer for _, found in answers for answer in found]
    return result


def cast_rows(production, cols: list[Column]) -> list[tuple[str, list[int]]]:
    """Each cast member's work days on each board: (label, [days per column])."""
    counts = [column.cast_days for column in cols]
    rows = []
    for member in CastMember.objects.filter(production=production).order_by("id_number"):
        days = [count.get(member.pk, 0) for count in counts]
        if any(days):
            rows.append((str(member), days))
    return rows
