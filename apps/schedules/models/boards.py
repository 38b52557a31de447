"""The board's banners (company moves, meals, notes) and alternate boards (scenarios)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from apps.productions.models import Production
from apps.schedules.models.choices import BoardDay


class BannerKind(models.TextChoices):
    COMPANY_MOVE = "move", "Company move"
    NOTE = "note", "Note"
    MEAL = "meal", "Meal"


class BoardBanner(models.Model):
    """A line between a day's strips: a company move, a meal, a note.

    ``position`` is the number of the day's strips above it; banners at the same place keep
    the order they were added in. A company move adds ScheduleSettings.company_move_minutes to the
    day's estimate.
    """

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="board_banners"
    )
    shoot_day = models.ForeignKey(
        "schedules.ShootDay", on_delete=models.CASCADE, related_name="banners"
    )
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=BannerKind.choices, default=BannerKind.NOTE)
    text = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["shoot_day", "position", "pk"]
        indexes = [models.Index(fields=["shoot_day", "position"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}".rstrip(": ")

    @property
    def is_company_move(self) -> bool:
        return self.kind == BannerKind.COMPANY_MOVE


# --- Alternate boards ---------------------------------------------------------------------------


class Scenario(models.Model):
    """A named alternate board: its own days and its own strip order, changed freely. The budget
    and call sheets follow only the active board (ShootDay and Scene.shoot_day); a scenario
    becomes the active board only when someone makes it so."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(max_length=100)
    notes = models.TextField(blank=True)
    based_on = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    activated_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="scenario_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ScenarioDay(BoardDay):
    """A day of a scenario. `source_day` is the active board's day it stands for, if any: making
    the scenario active updates that day rather than replacing it."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="days")
    source_day = models.ForeignKey(
        "schedules.ShootDay", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


class ScenarioStrip(models.Model):
    """Where a scene sits in a scenario: a day (or the bin, day NULL) and a position."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="strips")
    scene = models.ForeignKey("schedules.Scene", on_delete=models.CASCADE, related_name="+")
    day = models.ForeignKey(
        ScenarioDay, on_delete=models.SET_NULL, null=True, blank=True, related_name="strips"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "scene"], name="scenario_strip_once"),
        ]

    def __str__(self) -> str:
        return f"Scene {self.scene_id} in {self.scenario_id} at {self.day_id}:{self.position}"
