"""A signed deal memo changes only by amendment: the changed terms and why, sent to the hire, who
accepts them through a link of its own. And the notices that go out when something is signed: a
copy of the terms to the hire, and a word to the office."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.core.outbox import OutboundMessage
from apps.crew.models.signing import SignedByLink
from apps.productions.models import Production

OUTBOX_INTERNALS = ["send_attempts", "send_error", "send_claim_id", "send_claimed_at"]


class AmendmentState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_AMENDMENT_STATES = (AmendmentState.DRAFT, AmendmentState.SENT)


class MemoAmendment(SignedByLink):
    """Amendment `number` (1, 2, ...) of a signed memo: the terms it changes, as
    {term: {"old": ..., "new": ...}} in the form the term's field stores (a position by its id, a
    date as ISO text, money as a decimal string), and the reason. The memo changes only when the
    hire accepts it."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    memo = models.ForeignKey("crew.DealMemo", on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveSmallIntegerField()
    changes = models.JSONField(default=dict)
    reason = models.CharField(max_length=500)
    state = models.CharField(max_length=10, choices=AmendmentState, default=AmendmentState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The link, its delivery and the hire's answer: SignedByLink (models/signing.py).
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(
        excluded_fields=["token_hash", *OUTBOX_INTERNALS, "send_lease_until"]
    )
    outbox_builder = "apps.crew.tasks.memo_amendment_message"
    outbox_claim_fields = ("token_hash",)
    outbox_unsent = {"token_hash": ""}
    outbox_related = ("production", "memo__person", "memo__position", "memo__production")

    class Meta:
        ordering = ["memo", "number"]
        constraints = [
            models.UniqueConstraint(fields=["memo", "number"], name="crew_amendment_number_once"),
            models.UniqueConstraint(
                fields=["memo"],
                condition=Q(state__in=["draft", "sent"]),
                name="crew_amendment_one_open_per_memo",
            ),
        ]

    def __str__(self) -> str:
        return f"Amendment {self.number} to {self.memo}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_AMENDMENT_STATES

    @classmethod
    def outbox_pending(cls):
        return cls.objects.filter(state=AmendmentState.SENT)


class NoticeKind(models.TextChoices):
    COPY = "copy", "Copy of the signed terms, to the hire"
    OFFICE = "office", "Notice to the office"


class MemoNotice(OutboundMessage):
    """One e-mail about a signed memo or amendment to one recipient: the hire's copy of what they
    signed, or the office's word that they accepted (or declined an amendment)."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="+")
    memo = models.ForeignKey("crew.DealMemo", on_delete=models.CASCADE, related_name="notices")
    amendment = models.ForeignKey(
        MemoAmendment, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    kind = models.CharField(max_length=6, choices=NoticeKind)
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    outbox_builder = "apps.crew.tasks.memo_notice_message"
    outbox_related = ("production", "memo__person", "memo__position__department", "amendment")

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.email})"
