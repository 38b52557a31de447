"""What a shoot day's shooting did to each scene: the ledger the board follows after the day.

One row per (day, scene), written by `apps.schedules.shooting.record_shooting` (the daily
report's sign-off calls it). The scene keeps the running figures the board reads
(`Scene.eighths_shot`, `Scene.shot_day`); these rows keep what each day contributed, so that
recording a day again replaces its figures instead of adding them twice, and so that the Day Out
of Days and the dashboard can say what was planned and what was shot on the days done.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from apps.productions.models import Production


class ShotStatus(models.TextChoices):
    """As the daily report says it (apps.daily_reports.models.SceneStatus has the same keys)."""

    COMPLETED = "completed", "Completed"
    PARTLY = "partly", "Partly shot"
    NOT_SHOT = "not_shot", "Not shot"


class SceneShot(models.Model):
    """What one day's shooting did to one scene."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    day = models.ForeignKey("schedules.ShootDay", on_delete=models.CASCADE, related_name="shots")
    scene = models.ForeignKey("schedules.Scene", on_delete=models.CASCADE, related_name="shots")
    status = models.CharField(max_length=9, choices=ShotStatus.choices)
    on_day = models.BooleanField(
        default=True, help_text="The scene was on the day's board (not pulled up on the day)."
    )
    eighths_before = models.PositiveIntegerField(
        default=0, help_text="The scene's pages still to shoot when the day began, in eighths."
    )
    eighths_shot = models.PositiveIntegerField(default=0)
    remaining_to_day = models.ForeignKey(
        "schedules.ShootDay",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where the rest went; none: the bin (or nowhere, when completed).",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["day__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["day", "scene"], name="sceneshot_once_per_day"),
            models.CheckConstraint(
                name="sceneshot_not_more_than_left",
                condition=Q(eighths_shot__lte=F("eighths_before")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scene_id} on {self.day_id}: {self.get_status_display()}"

    @property
    def worked(self) -> bool:
        """The scene was shot on the day, wholly or in part: its cast worked."""
        return self.status != ShotStatus.NOT_SHOT
