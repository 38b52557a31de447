"""Rights and options on underlying material: the option period, its fee, extensions, the
purchase price, chain-of-title documents, and the reminders sent before an option expires."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.money import MoneyField
from apps.core.outbox import OutboundMessage
from apps.development.uploads import validate_attachment
from apps.productions.models import Production

# Days before an option's expiry (with its extensions) when its reminders go out.
REMINDER_DAYS = (30, 7)


class Option(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="options")
    material = models.CharField(
        "underlying material", max_length=300, help_text="The book, article, life rights ..."
    )
    grantor = models.CharField(max_length=200, help_text="Who grants the rights.")
    option_start = models.DateField("option from")
    option_end = models.DateField("option until")
    option_fee = MoneyField(default=0)
    purchase_price = MoneyField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["option_end", "id"]
        constraints = [
            models.CheckConstraint(
                name="option_period_ordered", condition=Q(option_start__lte=models.F("option_end"))
            ),
            models.CheckConstraint(name="option_fee_not_negative", condition=Q(option_fee__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.material} ({self.grantor})"

    def expires_on(self, extensions=None) -> date:
        """The last day of the option: its own end, or the latest extension's."""
        ends = [e.new_end for e in (self.extensions.all() if extensions is None else extensions)]
        return max([self.option_end, *ends])


class Extension(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="extensions")
    agreed_on = models.DateField("agreed on")
    new_end = models.DateField("extended until")
    fee = MoneyField("extension fee", default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["new_end", "id"]
        constraints = [
            models.CheckConstraint(name="extension_fee_not_negative", condition=Q(fee__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.option.material}: extended to {self.new_end:%d %b %Y}"


def chain_path(instance: ChainDocument, filename: str) -> str:
    return f"development/{instance.production.slug}/chain-of-title/{filename}"


class ChainDocument(models.Model):
    """A chain-of-title document: the option agreement, an assignment, a release."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=chain_path, validators=[validate_attachment])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class OptionReminder(OutboundMessage):
    """One reminder to one person that one option expires on one date, `days` before it. The
    unique constraint is what makes a second run (or a second beat) send nothing; an extension
    moves the expiry date, so its reminders are new ones."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    expires_on = models.DateField()
    days = models.PositiveSmallIntegerField(help_text="The reminder before expiry: 30 or 7 days.")
    created_at = models.DateTimeField(auto_now_add=True)

    outbox_builder = "apps.development.rights.tasks.reminder_message"
    outbox_related = ("production", "option", "recipient")

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["option", "recipient", "expires_on", "days"],
                name="option_reminder_once_per_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.option.material}: expires {self.expires_on} ({self.days} days' notice)"
