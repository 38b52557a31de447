"""What a row signed through a single-use link keeps (apps/crew/services/signing.py): the link's
token hash and expiry, its delivery, and the signature (the name typed, when, from where) or the
refusal. Deal memos, their amendments and casting's offers are built on it."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from apps.core.models import SendStatus
from apps.core.outbox import OutboundMessage


class SignedByLink(OutboundMessage):
    # The link: a random token, only its hash kept, until it expires or is used.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # Delivery (apps/core/outbox.py): nothing asked until it is sent.
    send_status = models.CharField(max_length=10, choices=SendStatus, blank=True)
    send_requested_at = models.DateTimeField(null=True, blank=True)
    # Acceptance: the name typed, when, and from where.
    accepted_name = models.CharField(max_length=150, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_ip = models.GenericIPAddressField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and timezone.now() >= self.expires_at
