"""The production's directory of people (crew, candidates, day players)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from apps.crew.validators import validate_phone
from apps.productions.models import Production


class Person(models.Model):
    """Someone in the production's directory: crew, candidates, day players."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=150)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    union = models.CharField("union or guild", max_length=100, blank=True)
    emergency_contact = models.CharField(max_length=150, blank=True)
    emergency_phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The account this person is, linked explicitly, never by an equal e-mail: when they accept an
    # invitation to the production sent to this person's address, or accept a memo signed in.
    # "My deal memos" and reading one's own memo follow this link.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(Lower("email"), "production", name="crew_person_unique_email"),
        ]

    def __str__(self) -> str:
        return self.name
