from __future__ import annotations

import secrets
import zoneinfo
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apps.core.lazy_json import StampsField
from apps.core.money import currency_choices
from apps.core.outbox import OutboundMessage
from apps.core.validators import validate_logo
from apps.productions.capabilities import Capability, Role, role_can


class Format(models.TextChoices):
    FEATURE = "feature", "Feature film"
    TV_SERIES = "tv_series", "TV series"
    TV_EPISODE = "tv_episode", "TV episode"
    COMMERCIAL = "commercial", "Commercial"
    MUSIC_VIDEO = "music_video", "Music video"
    DOCUMENTARY = "documentary", "Documentary"
    SHORT = "short", "Short"
    LIVE_EVENT = "live_event", "Live event"


class Phase(models.TextChoices):
    DEVELOPMENT = "development", "Development"
    PRE_PRODUCTION = "pre_production", "Pre-production"
    PRODUCTION = "production", "Production"
    POST_PRODUCTION = "post_production", "Post-production"
    DISTRIBUTION = "distribution", "Distribution"
    WRAPPED = "wrapped", "Wrapped"


class PaperSize(models.TextChoices):
    AUTO = "auto", "Automatic: US Letter in the US and Canada, A4 elsewhere"
    LETTER = "letter", "US Letter"
    A4 = "a4", "A4"


# Where a production is, for its paper: the country of its time zone (Babel's CLDR data), or,
# for a zone of no country (UTC), its currency.
LETTER_COUNTRIES = {"US", "CA"}
LETTER_CURRENCIES = {"USD", "CAD"}


def paper_for(time_zone: str, currency: str) -> str:
    """The page size (CSS name) of an automatic production's PDFs: "letter" in the US and Canada,
    "A4" elsewhere."""
    from babel.core import get_global

    zone = get_global("zone_aliases").get(time_zone, time_zone)
    country = get_global("zone_territories").get(zone)
    if country and country.isalpha() and country != "ZZ":
        letter = country in LETTER_COUNTRIES
    else:
        letter = currency in LETTER_CURRENCIES
    return "letter" if letter else "A4"


def time_zone_choices() -> list[tuple[str, str]]:
    return [(tz, tz.replace("_", " ")) for tz in sorted(zoneinfo.available_timezones())]


def new_table_stamps() -> dict[str, int]:
    """A new production's stamps: its own "every table" stamp, so that nothing kept for an earlier
    production of the same id is ever taken for its own."""
    return {"*": secrets.randbits(52)}


def logo_path(instance: Production, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "img"
    return f"productions/{instance.slug}/logo.{suffix}"


class Production(models.Model):
    """The tenant: everything else belongs to exactly one production."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=60, unique=True, help_text="Used in addresses: /p/<slug>/. Cannot change later."
    )
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.FEATURE)
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.DEVELOPMENT)
    currency = models.CharField(max_length=3, choices=currency_choices, default="USD")
    time_zone = models.CharField(max_length=64, choices=time_zone_choices, default="UTC")
    prep_start = models.DateField("prep start", null=True, blank=True)
    first_shoot_day = models.DateField("first shoot day", null=True, blank=True)
    wrap_date = models.DateField("wrap date", null=True, blank=True)
    wrap_end = models.DateField(
        "wrap ends",
        null=True,
        blank=True,
        help_text="The last day of wrap, after the last shoot day (the wrap date).",
    )
    company_name = models.CharField("production company", max_length=200, blank=True)
    logo = models.ImageField(
        upload_to=logo_path,
        blank=True,
        validators=[validate_logo],
        help_text="Shown on the dashboard and at the top of every PDF.",
    )
    paper_size = models.CharField(
        "paper size of PDFs",
        max_length=10,
        choices=PaperSize.choices,
        default=PaperSize.AUTO,
        help_text="Automatic follows the time zone's country (or, for UTC, the currency).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # A random number moved after every write to the production (apps/productions/stamps.py): the
    # cached fragments of its pages are kept under it (apps/core/freshness.py).
    data_stamp = models.BigIntegerField(default=0, editable=False)
    # The same per table written, {table: random number}: a kept fragment is valid while the
    # stamps of the tables it read have not moved. Only that one UPDATE writes it (`save` leaves
    # it alone, so a production saved from an old copy never puts old stamps back).
    table_stamps = StampsField(default=new_table_stamps, editable=False)

    history = HistoricalRecords(excluded_fields=["version", "data_stamp", "table_stamps"])

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                name="production_prep_before_shoot",
                condition=Q(prep_start__isnull=True)
                | Q(first_shoot_day__isnull=True)
                | Q(prep_start__lte=models.F("first_shoot_day")),
            ),
            models.CheckConstraint(
                name="production_shoot_before_wrap",
                condition=Q(first_shoot_day__isnull=True)
                | Q(wrap_date__isnull=True)
                | Q(first_shoot_day__lte=models.F("wrap_date")),
            ),
            models.CheckConstraint(
                name="production_wrap_ends_after_wrap_date",
                condition=Q(wrap_date__isnull=True)
                | Q(wrap_end__isnull=True)
                | Q(wrap_date__lte=models.F("wrap_end")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        existing = not self._state.adding and not kwargs.get("force_insert")
        if existing and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = SAVED_FIELDS
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("productions:dashboard", kwargs={"production_slug": self.slug})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def paper(self) -> str:
        """The page size of its PDFs, as CSS names it: "letter" or "A4"."""
        if self.paper_size == PaperSize.LETTER:
            return "letter"
        if self.paper_size == PaperSize.A4:
            return "A4"
        return paper_for(self.time_zone, self.currency)

    def today(self) -> date:
        """Today's date where the production is, not where the server is."""
        return timezone.now().astimezone(self.tz).date()

    def days_to_first_shoot(self) -> int | None:
        if self.first_shoot_day is None:
            return None
        return (self.first_shoot_day - self.today()).days


# What `Production.save` writes to a row that exists: every field but the stamps.
SAVED_FIELDS = [
    f.name
    for f in Production._meta.concrete_fields
    if not f.primary_key and f.name not in ("data_stamp", "table_stamps")
]

# The departments every production starts with; the AP edits them from there.
STANDARD_DEPARTMENTS = [
    "Production",
    "Direction",
    "Camera",
    "Grip",
    "Electric",
    "Sound",
    "Art",
    "Set Dressing",
    "Props",
    "Construction",
    "Wardrobe",
    "Hair & Makeup",
    "Locations",
    "Transportation",
    "Catering",
    "Post",
    "Accounting",
    "Casting",
    "Stunts",
    "VFX",
]


class Department(models.Model):
    """A department of the production. Crew hangs positions and engagements on it; a department
    head's membership points at it, so renaming a department changes nobody's access."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(max_length=60)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        # Created by crew; moved here without moving its rows.
        db_table = "crew_department"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "production", name="crew_department_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=32, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="For department heads: the department they run.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The member's own calendar feed (apps/schedules/ical.py): the credential of its address, which
    # holds what this member may see. Blank: none. Removing the member ends it.
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True)

    history = HistoricalRecords(excluded_fields=["calendar_token"])

    class Meta:
        ordering = ["production", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "production"], name="membership_unique_user"),
            models.CheckConstraint(
                name="membership_department_head_has_department",
                condition=~Q(role=Role.DEPARTMENT_HEAD) | Q(department__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} on {self.production}"

    def can(self, capability: Capability | str) -> bool:
        return role_can(self.role, capability)

    @property
    def role_label(self) -> str:
        label = self.get_role_display()
        return f"{label} ({self.department})" if self.department_id else label


class Invitation(OutboundMessage):
    """An invitation by e-mail. Its link carries a random token; only the token's hash is stored."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=32, choices=Role.choices)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    # Delivery (apps/core/outbox.py): queued when created; each resend is a new request.
    outbox_builder = "apps.productions.tasks.invitation_message"
    outbox_claim_fields = ("token_hash",)
    outbox_unsent = {"token_hash": ""}
    outbox_related = ("production", "invited_by")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "production",
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.production}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @classmethod
    def outbox_pending(cls):
        return cls.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.is_expired:
            return "expired"
        return "pending"


class DocumentBuild(models.Model):
    """A PDF too big to make while a person waits (a 3,000-line budget detail, 300 printed strips):
    built by the worker, its progress shown, the file kept for the person who asked for it.
    `builder` names the function that gives the template and context (see
    apps/productions/documents.py); `subject` is its object's id, e.g. a budget version."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        BUILDING = "building", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="document_builds"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    builder = models.CharField(max_length=200)
    subject = models.PositiveIntegerField(null=True, blank=True)
    filename = models.CharField(max_length=200)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    pages = models.PositiveIntegerField(default=0)  # laid out so far
    error = models.CharField(max_length=500, blank=True)
    content = models.BinaryField(null=True, editable=False)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(
                fields=["production", "requested_by", "builder", "subject"],
                name="documentbuild_document",
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.READY, self.State.FAILED)
