"""Choices the schedule's model modules share."""

from django.db import models


class DayKind(models.TextChoices):
    SHOOT = "shoot", "Shoot day"
    TRAVEL = "travel", "Travel day"
    OFF = "off", "Day off"
    HOLIDAY = "holiday", "Holiday"
