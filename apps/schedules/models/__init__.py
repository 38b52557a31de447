"""Scripts and scenes, the breakdown, sets and locations, shoot days and the stripboard.

Lengths are whole eighths of a page (see importers/eighths.py). A scene's place on the board is
(shoot_day, board_position); shoot_day NULL means the scene waits in the bin.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import date, time

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from apps.productions.models import Production, time_zone_choices
from apps.schedules.categories import CATEGORY_COLOURS, STRIP_COLOURS, Category, strip_key
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models.choices import BoardDay, DayKind  # noqa: F401
from apps.schedules.models.scripts import (  # noqa: F401
    REVISION_SWATCHES,
    RevisionColour,
    Script,
    ScriptStatus,
)
from apps.schedules.zones import zone_at


class IntExt(models.TextChoices):
    INT = "INT", "INT"
    EXT = "EXT", "EXT"
    INT_EXT = "INT/EXT", "INT/EXT"


class DayNight(models.TextChoices):
    """The light a scene needs, whatever words the writer used for its time of day."""

    DAY = "DAY", "Day"
    NIGHT = "NIGHT", "Night"


class ScheduleSettings(models.Model):
    """How a production schedules: weekends, holidays, page limit, turnaround, calendar feed."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="schedule_settings"
    )
    work_weekends = models.BooleanField(default=False)
    holidays = models.JSONField(default=list, blank=True, help_text="ISO dates not worked.")
    page_limit_eighths = models.PositiveIntegerField(
        default=40, help_text="Most pages a day should carry, in eighths (40 = 5 pages)."
    )
    minutes_per_page = models.PositiveIntegerField(
        default=60, help_text="Shooting time per page, for the day estimates."
    )
    company_move_minutes = models.PositiveIntegerField(
        default=60, help_text="Time a company move costs, for the day estimates."
    )
    min_turnaround_hours = models.PositiveIntegerField(default=12)
    # Cues dropped from the cast ("THE CROWD"): a revised draft does not bring them back.
    dropped_cues = models.JSONField(default=list, blank=True)
    lock_scene_numbers = models.BooleanField(
        default=False,
        help_text="Revised drafts keep scene numbers; inserted scenes get A/B numbers (12A).",
    )
    default_call = models.TimeField(default=time(7, 0))
    default_wrap = models.TimeField(default=time(19, 0))
    # The calendar feed's credential. Blank: no feed. Revoking draws a new one.
    ical_token = models.CharField(max_length=64, blank=True, db_index=True)

    history = HistoricalRecords(excluded_fields=["ical_token"])

    class Meta:
        verbose_name_plural = "schedule settings"

    def __str__(self) -> str:
        return f"Schedule settings for {self.production}"

    def holiday_dates(self) -> set[date]:
        return {date.fromisoformat(d) for d in self.holidays}

    def is_workable(self, day: date) -> bool:
        if not self.work_weekends and day.weekday() >= 5:
            return False
        return day not in self.holiday_dates()


class PermitStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", "Not needed"
    NOT_APPLIED = "not_applied", "Not applied for"
    APPLIED = "applied", "Applied for"
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"


class Location(models.Model):
    """A real place. Call sheets read address, coordinates, parking and the nearest hospital."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    # Decimals, not floats: sunrise is computed offline from these, and they round-trip exactly.
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # Sunrise and sunset are shown in the place's own zone; blank: the zone of its coordinates,
    # or the production's when it has none.
    time_zone = models.CharField(
        max_length=64,
        choices=time_zone_choices,
        blank=True,
        help_text="The place's own time zone, for sunrise and sunset. "
        "Leave blank when it is the production's.",
    )
    contact_name = models.CharField(max_length=200, blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    contact_email = models.EmailField(blank=True)
    parking = models.TextField(blank=True)
    hospital_name = models.CharField("nearest hospital", max_length=200, blank=True)
    hospital_address = models.TextField(blank=True)
    hospital_phone = models.CharField(max_length=50, blank=True)
    permit_status = models.CharField(
        max_length=20, choices=PermitStatus.choices, default=PermitStatus.NOT_APPLIED
    )
    permit_start = models.DateField(null=True, blank=True)
    permit_end = models.DateField(null=True, blank=True)
    unavailable_dates = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="location_unique_name"),
            models.CheckConstraint(
                name="location_permit_dates_in_order",
                condition=Q(permit_start__isnull=True)
                | Q(permit_end__isnull=True)
                | Q(permit_start__lte=models.F("permit_end")),
            ),
            models.CheckConstraint(
                name="location_latitude_range",
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
            ),
            models.CheckConstraint(
                name="location_longitude_range",
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def unavailable(self) -> set[date]:
        return {date.fromisoformat(d) for d in self.unavailable_dates}

    def tz(self, production: Production | None = None) -> zoneinfo.ZoneInfo:
        """The place's zone: the one chosen for it, else the zone its coordinates are in, else
        the production's."""
        zone = self.time_zone or zone_at(self.latitude, self.longitude)
        if zone:
            return zoneinfo.ZoneInfo(zone)
        return (production or self.production).tz


class Set(models.Model):
    """A set as the script names it (``FERRY - CAR DECK``), mapped to the real place it is shot."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="sets")
    name = models.CharField(max_length=200)
    location = models.ForeignKey(
        Location, on_delete=models.SET_NULL, null=True, blank=True, related_name="sets"
    )
    # Names this set had, or sets merged into it had: a revised draft that still writes them
    # puts its scenes here instead of making the old set again.
    aliases = models.JSONField(default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["production", "name"], name="set_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class CastMember(models.Model):
    """A part. ``id_number`` is the cast ID (1 = lead) used on boards and call sheets. Import makes
    speaking parts; silent ones are added by hand (``speaking`` False)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="cast")
    id_number = models.PositiveIntegerField("cast ID")
    character = models.CharField(max_length=200)
    actor = models.CharField(max_length=200, blank=True)
    # Where the actor's call sheet is sent; blank: the call sheet is not e-mailed to them.
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    speaking = models.BooleanField(default=True)
    unavailable_dates = models.JSONField(default=list, blank=True)
    # Cues merged into this part ("EDWARD AND WILL", "JOHN'S VOICE"): a revised draft that still
    # has them brings its lines to this part instead of making the noise again.
    aliases = models.JSONField(default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id_number"]
        constraints = [
            models.UniqueConstraint(fields=["production", "id_number"], name="cast_unique_id"),
            models.UniqueConstraint(
                fields=["production", "character"], name="cast_unique_character"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id_number}. {self.character}"

    def unavailable(self) -> set[date]:
        return {date.fromisoformat(d) for d in self.unavailable_dates}


class BreakdownElement(models.Model):
    """Anything but cast a scene needs, in one of the standard categories. Names are unique in a
    category whatever their case ("Red Volvo" and "red volvo" are one car)."""

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="breakdown_elements"
    )
    category = models.CharField(max_length=30, choices=Category.choices)
    name = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField(
        default=1, help_text="How many: 20 background, 3 picture cars."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(
                "production", "category", Lower("name"), name="element_unique_name_any_case"
            ),
            models.CheckConstraint(
                name="element_quantity_at_least_one", condition=Q(quantity__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.name}"

    @property
    def label(self) -> str:
        """As a breakdown sheet writes it: ``20 × Commuters``, a single one by its name."""
        return f"{self.quantity} × {self.name}" if self.quantity != 1 else self.name

    @property
    def colour(self) -> tuple[str, str]:
        return CATEGORY_COLOURS[self.category]


class ShootDay(BoardDay):
    """A day on the board. Only SHOOT days carry scenes and a day number (1, 2, ...)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="shoot_days")
    travellers = models.ManyToManyField(
        CastMember, blank=True, related_name="travel_days", help_text="Cast travelling that day."
    )

    # When the day's shooting was recorded (the daily report signed off): a day done.
    shooting_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta(BoardDay.Meta):
        indexes = [models.Index(fields=["production", "position"])]
        constraints = [
            models.CheckConstraint(
                name="shootday_number_only_on_shoot_days",
                condition=Q(kind="shoot") | Q(day_number__isnull=True),
            ),
        ]


_NUMBER_RE = re.compile(r"^(\d*)(.*)$")


def scene_sort_key(number: str) -> str:
    """Sort 2, 10, 10A, 10B the way a script does: leading digits as a number, then the rest."""
    digits, rest = _NUMBER_RE.match(number.strip().upper()).groups()
    return f"{int(digits) if digits else 0:06d}{rest}"


class Scene(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="scenes")
    script = models.ForeignKey(
        Script, on_delete=models.SET_NULL, null=True, blank=True, related_name="scenes"
    )
    number = models.CharField(max_length=20)
    sort_key = models.CharField(max_length=40, editable=False, db_index=True)
    int_ext = models.CharField("INT/EXT", max_length=7, choices=IntExt.choices, blank=True)
    # RESTRICT, not PROTECT: a set with scenes cannot be deleted on its own, but deleting the
    # whole production (which cascades to both) still works.
    set = models.ForeignKey(Set, on_delete=models.RESTRICT, related_name="scenes")
    # The writer's words ("NIGHT (1973)", "LATER THAT MORNING"); day_night is the light they
    # mean, inherited from the scene before at import when they name none ("CONTINUOUS").
    time_of_day = models.CharField(max_length=30, blank=True)
    day_night = models.CharField("day/night", max_length=5, choices=DayNight.choices, blank=True)
    eighths = models.PositiveIntegerField(default=0, help_text="Length in eighths of a page.")
    synopsis = models.CharField(max_length=300, blank=True)
    heading = models.CharField(max_length=300, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    # The scene's words as the last draft had them (action, cues, dialogue), and the characters
    # who spoke: a revision is matched to its scene by these, and reports what changed in them.
    text = models.TextField(blank=True)
    speaking = models.JSONField(default=list, blank=True)
    omitted = models.BooleanField(default=False)
    cast = models.ManyToManyField(CastMember, blank=True, related_name="scenes")
    elements = models.ManyToManyField(BreakdownElement, blank=True, related_name="scenes")
    shoot_day = models.ForeignKey(
        ShootDay, on_delete=models.SET_NULL, null=True, blank=True, related_name="scenes"
    )
    board_position = models.PositiveIntegerField(default=0)
    notes = models.TextField(blank=True)
    # What was shot (apps/schedules/shooting.py): pages shot so far, across days, and the day it
    # was completed. A completed scene leaves the board (shoot_day None, not in the bin); a partly
    # shot one stays on it with its remaining pages, eighths - eighths_shot.
    eighths_shot = models.PositiveIntegerField(default=0, editable=False)
    shot_day = models.ForeignKey(
        ShootDay,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        editable=False,
        related_name="scenes_completed",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_key", "number"]
        constraints = [
            models.UniqueConstraint(fields=["production", "number"], name="scene_unique_number"),
        ]
        indexes = [models.Index(fields=["production", "shoot_day", "board_position"])]

    def __str__(self) -> str:
        return f"Sc. {self.number} {self.int_ext} {self.set.name if self.set_id else ''}".strip()

    def save(self, *args, **kwargs):
        self.sort_key = scene_sort_key(self.number)
        super().save(*args, **kwargs)

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)

    @property
    def remaining_eighths(self) -> int:
        """What is left to shoot: the board counts this, not the scene's length."""
        return 0 if self.shot_day_id else max(self.eighths - self.eighths_shot, 0)

    @property
    def remaining_pages(self) -> str:
        return format_eighths(self.remaining_eighths)

    @property
    def partly_shot(self) -> bool:
        return bool(self.eighths_shot) and not self.shot_day_id

    @property
    def strip_pages(self) -> str:
        """The pages a strip shows: "1 1/8 of 1 4/8" once part of the scene is shot."""
        if self.partly_shot:
            return f"{self.remaining_pages} of {self.pages}"
        return self.pages

    @property
    def strip_colour(self) -> tuple[str, str]:
        return STRIP_COLOURS[strip_key(self.int_ext, self.time_of_day, self.day_night)]

    @property
    def strip_class(self) -> str:
        side, light = strip_key(self.int_ext, self.time_of_day, self.day_night)
        return f"strip-{side.lower()}-{light.lower()}"


# Drafts of the script, and the board's banners and alternate boards, live in modules of their own.
from apps.schedules.models.boards import (  # noqa: E402, F401
    BannerKind,
    BoardBanner,
    Scenario,
    ScenarioDay,
    ScenarioStrip,
)
from apps.schedules.models.shooting import SceneShot, ShotStatus  # noqa: E402, F401
