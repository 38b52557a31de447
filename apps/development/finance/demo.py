"""The demo's finance plan: equity, a pre-sale, gap and a production incentive on the budget's
production categories (or, for a project with no budget yet, a regional fund's grant: soft money
with a fixed amount), with the end of post set for the cash flow."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from apps.budgets.models import Section
from apps.budgets.queries import current_version, top_sheet
from apps.development.finance import services
from apps.development.finance.models import FinanceSource, SourceKind, SourceStatus
from apps.productions.models import Production


def seed_finance(production: Production, target: Decimal = Decimal("2000000")) -> None:
    """`target`: what the plan is shared out of when the production has no budget yet."""
    if FinanceSource.objects.filter(production=production).exists():
        return
    version = current_version(production)
    sheet = top_sheet(version) if version is not None else None
    total = sheet.grand_total if sheet is not None else target
    qualifying = []
    if sheet is not None:
        for section in sheet.sections:
            if section.number == Section.PRODUCTION:
                qualifying = [row.number for row in section.children]
    share = (total / 100).quantize(Decimal(1))
    plain = {"notes": "", "rate": None, "qualifying": "", "cap_amount": None, "cap_percent": None}
    for kind, name, financier, contact, amount, status in (
        (SourceKind.EQUITY, "Equity", "Harbour Light Pictures", "Ana Ruiz, ana@example.com",
         share * 40, SourceStatus.COMMITTED),
        (SourceKind.PRESALE, "UK pre-sale", "Northlight Distribution", "sales@example.com",
         share * 15, SourceStatus.SOFT),
        (SourceKind.GAP, "Gap loan", "Quay Bank", "film desk, +44 20 0000 0000",
         share * 10, SourceStatus.TARGET),
    ):  # fmt: skip
        services.source_create(
            production=production, kind=kind, name=name, financier=financier,
            financier_contact=contact, amount=amount, status=status, expected_on=None,
            closed_on=None, **plain,
        )  # fmt: skip
    if qualifying:
        services.source_create(
            production=production, kind=SourceKind.INCENTIVE, name="Production tax credit",
            financier="State film office", financier_contact="incentives@example.com",
            amount=None, status=SourceStatus.SOFT, expected_on=None, closed_on=None, notes="",
            rate=Decimal("25"), qualifying=", ".join(qualifying), cap_amount=share * 20,
            cap_percent=Decimal("30"),
        )  # fmt: skip
    else:
        services.source_create(
            production=production, kind=SourceKind.INCENTIVE, name="Regional fund",
            financier="Northern Screen Fund", financier_contact="fund@example.com",
            amount=share * 10, status=SourceStatus.SOFT, expected_on=None, closed_on=None,
            **plain,
        )  # fmt: skip
    end = production.wrap_end or production.wrap_date
    if end is not None:
        services.post_end_save(production=production, post_end=end + timedelta(weeks=16))
