"""The demo's distribution: one exclusive UK deal (theatrical and home entertainment) with its
minimum guarantee in three instalments and its deliverables checklist. Idempotent."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from apps.post.distribution import services
from apps.post.distribution.models import Deal
from apps.post.distribution.services import PlannedInstalment


def seed_distribution(production, people, size: str, *, checklist=None) -> Deal:
    existing = Deal.objects.filter(production=production).first()
    if existing is not None:
        return existing
    start = production.today()
    deal = Deal(
        production=production,
        territory="United Kingdom",
        theatrical=True,
        home=True,
        exclusive=True,
        licensor=production.company_name or production.title,
        licensee="Harbour Light Distribution (UK)",
        term_start=start + timedelta(days=90),
        term_end=start + timedelta(days=90 + 7 * 365),
        minimum_guarantee=Decimal("150000"),
        delivery_due=checklist.due_date if checklist else None,
        checklist=checklist,
        notes="Free TV held back until 24 months after the UK release.",
    )
    services.deal_save(
        deal=deal,
        instalments=[
            PlannedInstalment(start + timedelta(days=7), Decimal("30000"), "on signature"),
            PlannedInstalment(start + timedelta(days=60), Decimal("45000"), "on delivery"),
            PlannedInstalment(start + timedelta(days=90), Decimal("75000"), "on release"),
        ],
    )
    return deal
