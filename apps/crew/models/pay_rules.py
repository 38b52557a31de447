"""The production's pay rules: what the deal memos leave to the production (meal penalties, sixth
and seventh day premiums, the work week). Read by the pay engine (apps/crew/pay.py) through
`PayRules.rules()`; a production that never saved its rules pays by the defaults."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField, RateField
from apps.crew import pay
from apps.productions.models import Production

MULTIPLIER = {"max_digits": 4, "decimal_places": 2}
# The rules a person sets on the pay rules page (the form's fields, saved and worded by
# apps/crew/services/pay_rules.py).
RULE_FIELDS = [
    "meal_due_hours",
    "meal_penalty",
    "sixth_day",
    "seventh_day",
    "week_overtime_after",
    "week_starts",
    "mileage_rate",
    "distance_unit",
]


class DistanceUnit(models.TextChoices):
    MILE = "mi", "miles"
    KILOMETRE = "km", "kilometres"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class PayRules(models.Model):
    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="pay_rules"
    )
    meal_due_hours = models.DecimalField(
        "meal due within (hours of call)",
        max_digits=4,
        decimal_places=2,
        default=Decimal("6"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("12"))],
        help_text="And within as many hours of the end of the meal before.",
    )
    meal_penalty = MoneyField(
        "meal penalty (per half hour late)",
        default=Decimal("25.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    sixth_day = models.DecimalField(
        "sixth day in the week (x)",
        **MULTIPLIER,
        default=Decimal("1.5"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
    )
    seventh_day = models.DecimalField(
        "seventh day in the week (x)",
        **MULTIPLIER,
        default=Decimal("2"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
    )
    week_overtime_after = models.DecimalField(
        "weekly overtime after (hours in the week)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("168"))],
        help_text="Straight-time hours past this in the week are paid 1.5x. Blank: none.",
    )
    week_starts = models.PositiveSmallIntegerField(
        "the work week starts on", choices=Weekday, default=Weekday.MONDAY
    )
    # Mileage on a timecard: the distance driven x this rate, rounded once to the minor unit.
    mileage_rate = RateField(
        "mileage rate (per mile or km)",
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="What a timecard pays for each mile (or km) driven. 0: no mileage paid.",
    )
    distance_unit = models.CharField(
        "distances in", max_length=2, choices=DistanceUnit, default=DistanceUnit.MILE
    )
    updated_at = models.DateTimeField(auto_now=True)

    # The audit log's words name every rule that moved (apps/crew/services/pay_rules.py).
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = "pay rules"
        verbose_name_plural = "pay rules"
        constraints = [
            models.CheckConstraint(
                name="crew_pay_rules_meal_due_positive", condition=Q(meal_due_hours__gt=0)
            ),
            models.CheckConstraint(
                name="crew_pay_rules_penalty_not_negative", condition=Q(meal_penalty__gte=0)
            ),
            models.CheckConstraint(
                name="crew_pay_rules_premiums_at_least_1x",
                condition=Q(sixth_day__gte=1) & Q(seventh_day__gte=1),
            ),
        ]

    def __str__(self) -> str:
        return f"Pay rules of {self.production}"

    @classmethod
    def of(cls, production: Production) -> PayRules:
        """The production's saved rules, or the defaults (unsaved: reading never writes)."""
        found = cls.objects.filter(production=production).first()
        if found is None:
            return cls(production=production)
        found.production = production  # its currency, without another query
        return found

    def rules(self) -> pay.Rules:
        """The engine's view of these rules, in the production's currency."""
        return pay.Rules(
            currency=self.production.currency,
            meal_due_hours=self.meal_due_hours,
            meal_penalty=self.meal_penalty,
            sixth_day=self.sixth_day,
            seventh_day=self.seventh_day,
            week_overtime_after=self.week_overtime_after,
            mileage_rate=self.mileage_rate,
            distance_unit=self.distance_unit,
        )
