"""The demo's festivals: three in different states (planned with its deadlines ahead, submitted
with its fee drafted as a purchase order, declined with a result). Idempotent: a production with
festivals already is left alone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from apps.post.festivals import services
from apps.post.festivals.models import Deadline, Festival, Premiere, SubmissionStatus
from apps.productions.capabilities import Role
from apps.vendors.models import Vendor


def seed_festivals(production, people, size: str) -> None:
    if Festival.objects.filter(production=production).exists():
        return
    today = production.today()
    services.festival_create(
        production=production,
        name="Harbourfront International Film Festival",
        place="Toronto",
        early_deadline=today + timedelta(days=10),
        early_fee=Decimal("65.00"),
        regular_deadline=today + timedelta(days=40),
        regular_fee=Decimal("95.00"),
        late_deadline=today + timedelta(days=70),
        late_fee=Decimal("130.00"),
        premiere=Premiere.NATIONAL,
        premiere_notes="Canadian premiere for the main competition.",
    )
    submitted = services.festival_create(
        production=production,
        name="Lake Shore Film Festival",
        place="Chicago",
        early_deadline=today - timedelta(days=20),
        early_fee=Decimal("50.00"),
        regular_deadline=today + timedelta(days=15),
        regular_fee=Decimal("75.00"),
        premiere=Premiere.REGIONAL,
        status=SubmissionStatus.SUBMITTED,
        submitted_on=today - timedelta(days=21),
    )
    # The fee goes to a vendor the demo has already (the vendors demo's counts stay as they are).
    vendor = Vendor.objects.filter(production=production).order_by("pk").first()
    if vendor is not None:
        services.fee_to_purchase_order(
            festival=submitted, deadline=Deadline.EARLY, user=people.get(Role.ASSOCIATE_PRODUCER),
            vendor=vendor,
        )  # fmt: skip
    services.festival_create(
        production=production,
        name="Northern Lights Documentary and Drama Days",
        place="Tromsø",
        regular_deadline=today - timedelta(days=45),
        regular_fee=Decimal("40.00"),
        premiere=Premiere.WORLD,
        status=SubmissionStatus.DECLINED,
        submitted_on=today - timedelta(days=50),
        result="Not selected this year; programmers invited the next film.",
    )
