"""A crew member's own link to their timecards: one per engagement, mailed through the outbox.

Crew without an account (or on set on a phone) open it to see and fill in their week and submit
it. It reaches that engagement's timecards and nothing else. Each send (the first, a resend)
issues a fresh random token and keeps only its hash, so the earlier link stops working; the
office revokes it by hand, and it dies on its own once the engagement is released and the week
holding the last day is `TIMECARD_LINK_GRACE_DAYS` behind (services.link_for_token).
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from apps.core.models import SendStatus
from apps.core.outbox import OUTBOX_FIELDS, OutboundMessage
from apps.crew.models import Engagement
from apps.productions.models import Production


class TimecardLink(OutboundMessage):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="timecard_link"
    )
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # Nothing asked until the office sends it.
    send_status = models.CharField(max_length=10, choices=SendStatus, blank=True)
    send_requested_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["token_hash", *OUTBOX_FIELDS, "sent_at"])
    outbox_builder = "apps.payroll.crew_link.tasks.timecard_link_message"
    outbox_claim_fields = ("token_hash",)
    outbox_unsent = {"token_hash": ""}
    outbox_related = ("production", "engagement__person")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Timecard link: {self.engagement.person.name}"

    @classmethod
    def outbox_pending(cls):
        return cls.objects.filter(revoked_at=None)
