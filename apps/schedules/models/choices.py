"""What the schedule's model modules share: the kinds of day, and a day of a board (the active
board's ShootDay and a scenario's ScenarioDay)."""

from django.db import models


class DayKind(models.TextChoices):
    SHOOT = "shoot", "Shoot day"
    TRAVEL = "travel", "Travel day"
    OFF = "off", "Day off"
    HOLIDAY = "holiday", "Holiday"


class BoardDay(models.Model):
    """A day in a board's order: its date and kind, and the day number shoot days carry."""

    position = models.PositiveIntegerField(help_text="Order on the board.")
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=DayKind.choices, default=DayKind.SHOOT)
    day_number = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=40, default="Main unit")
    call_time = models.TimeField(null=True, blank=True, help_text="Estimated crew call.")
    wrap_time = models.TimeField(null=True, blank=True, help_text="Estimated wrap.")
    notes = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        if self.kind == DayKind.SHOOT:
            return f"Day {self.day_number} ({self.date:%a %d %b})"
        return f"{self.get_kind_display()} ({self.date:%a %d %b})"

    @property
    def is_shoot(self) -> bool:
        return self.kind == DayKind.SHOOT
