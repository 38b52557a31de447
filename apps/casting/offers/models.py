"""Offers to actors, holds on their dates, and re-prices proposed when the board moves.

An `Offer` is a talent deal for one role: rates (daily or weekly; hold and travel days at their
own rates or the work rate), guaranteed days, billing and perks. It is sent as a single-use link
and signed through crew's signing engine (apps/crew/services/signing.py): the actor types their
name; the office countersigns. Accepting books the actor (services.py). A signed offer changes
only by an `OfferAmendment` the actor accepts again.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField, RateField
from apps.crew.models.signing import SignedByLink
from apps.productions.models import Production

OUTBOX_INTERNALS = [
    "token_hash",
    "send_attempts",
    "send_error",
    "send_claim_id",
    "send_claimed_at",
    "send_lease_until",
]


class OfferUnit(models.TextChoices):
    DAY = "day", "per day"
    WEEK = "week", "per week (a day is a fifth)"


class OfferState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    COUNTERSIGNED = "countersigned", "Countersigned"
    DECLINED = "declined", "Declined"
    VOID = "void", "Void"


SIGNED_STATES = (OfferState.ACCEPTED, OfferState.COUNTERSIGNED)

# What the actor agrees to: changing any of these after signing needs an amendment.
OFFER_TERMS = [
    "rate",
    "unit",
    "hold_rate",
    "travel_rate",
    "guaranteed_days",
    "billing",
    "perks",
    "perks_amount",
    "account_number",
]


class Offer(SignedByLink):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey("casting.Role", on_delete=models.PROTECT, related_name="offers")
    actor = models.ForeignKey("casting.Actor", on_delete=models.PROTECT, related_name="offers")
    rate = RateField(help_text="The work day's rate, or the week's.")
    unit = models.CharField(max_length=5, choices=OfferUnit, default=OfferUnit.DAY)
    hold_rate = RateField(
        "hold day rate", null=True, blank=True, help_text="Blank: a hold day is paid as a work day."
    )
    travel_rate = RateField(
        "travel day rate",
        null=True,
        blank=True,
        help_text="Blank: a travel day is paid as a work day.",
    )
    guaranteed_days = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        help_text="Paid even when the board gives fewer days.",
    )
    billing = models.CharField(max_length=200, blank=True, help_text="Main titles, 3rd position")
    perks = models.TextField(blank=True, help_text="Dressing room, car, per diem ...")
    perks_amount = MoneyField("perks' cost (total)", default=Decimal("0.00"))
    account_number = models.CharField(
        "budget account", max_length=20, blank=True, help_text="Blank: the chart's cast account."
    )
    state = models.CharField(max_length=14, choices=OfferState, default=OfferState.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    countersigned_at = models.DateTimeField(null=True, blank=True)
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    voided_at = models.DateTimeField(null=True, blank=True)
    # What the budget holds for this offer (the budget keeps the commitment itself).
    committed_account = models.CharField(max_length=20, blank=True)
    committed_amount = MoneyField(null=True, blank=True)
    committed_days = models.JSONField(default=dict, blank=True)  # {"work": 3, "hold": 1, ...}
    commitment_error = models.CharField(max_length=300, blank=True)
    # The actor's unavailable dates written on the cast member by booking (to take back later).
    synced_dates = models.JSONField(default=list, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=[*OUTBOX_INTERNALS, "version"])
    outbox_builder = "apps.casting.offers.tasks.offer_message"
    outbox_claim_fields = ("token_hash",)
    outbox_unsent = {"token_hash": ""}
    outbox_related = ("production", "role", "actor")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(name="casting_offer_rate_positive", condition=Q(rate__gte=0)),
            models.CheckConstraint(
                name="casting_offer_guarantee_positive", condition=Q(guaranteed_days__gt=0)
            ),
            models.UniqueConstraint(
                fields=["role"],
                condition=Q(state__in=["accepted", "countersigned"]),
                name="casting_offer_one_booking_per_role",
            ),
        ]

    def __str__(self) -> str:
        return f"Offer: {self.actor} as {self.role}"

    @property
    def is_signed(self) -> bool:
        return self.state in SIGNED_STATES

    @classmethod
    def outbox_pending(cls):
        return cls.objects.filter(state=OfferState.SENT)


class AmendmentState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class OfferAmendment(SignedByLink):
    """Amendment `number` of a signed offer: the changed terms as {term: {"old", "new"}} in the
    form the field stores (crew's wording: `stored`), and why. The offer changes when the actor
    accepts it through its own link."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveSmallIntegerField()
    changes = models.JSONField(default=dict)
    reason = models.CharField(max_length=500)
    state = models.CharField(max_length=10, choices=AmendmentState, default=AmendmentState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=OUTBOX_INTERNALS)
    outbox_builder = "apps.casting.offers.tasks.amendment_message"
    outbox_claim_fields = ("token_hash",)
    outbox_unsent = {"token_hash": ""}
    outbox_related = ("production", "offer__actor", "offer__role")

    class Meta:
        ordering = ["offer", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "number"], name="casting_amendment_number_once"
            ),
            models.UniqueConstraint(
                fields=["offer"],
                condition=Q(state__in=["draft", "sent"]),
                name="casting_amendment_one_open_per_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"Amendment {self.number} to {self.offer}"

    @classmethod
    def outbox_pending(cls):
        return cls.objects.filter(state=AmendmentState.SENT)


class HoldPosition(models.IntegerChoices):
    FIRST = 1, "First position"
    SECOND = 2, "Second position"


class HoldState(models.TextChoices):
    ACTIVE = "active", "Active"
    RELEASED = "released", "Released"
    LAPSED = "lapsed", "Lapsed"


class Hold(models.Model):
    """An actor's dates held for a role, first or second position, until `expires_on`. A hold
    past its day lapses (services.holds_lapse, run when the role's offers are read and by beat);
    when the first is released or lapses, the second is promoted."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey("casting.Role", on_delete=models.CASCADE, related_name="holds")
    actor = models.ForeignKey("casting.Actor", on_delete=models.CASCADE, related_name="holds")
    position = models.PositiveSmallIntegerField(choices=HoldPosition)
    expires_on = models.DateField()
    state = models.CharField(max_length=10, choices=HoldState, default=HoldState.ACTIVE)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "position"],
                condition=Q(state="active"),
                name="casting_hold_one_active_per_position",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_position_display()} hold on {self.actor} for {self.role}"


class RepriceState(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    APPLIED = "applied", "Applied"
    SUPERSEDED = "superseded", "Superseded"


class Reprice(models.Model):
    """The board moved: what a booked actor's commitment would become (old -> new, with the days
    behind each), waiting for a person to confirm it. Nothing moves until they do."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="reprices")
    old_amount = MoneyField(null=True, blank=True)
    new_amount = MoneyField()
    old_days = models.JSONField(default=dict)
    new_days = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=RepriceState, default=RepriceState.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer"],
                condition=Q(state="pending"),
                name="casting_reprice_one_pending_per_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"Re-price of {self.offer}"

    @property
    def difference(self) -> Decimal:
        return self.new_amount - (self.old_amount or Decimal(0))
