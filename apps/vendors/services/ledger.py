"""Where vendors' money reaches the budget: only through `apps.budgets.services`.

An approved, open PO commits on each of its accounts what it orders there minus what approved
invoices against it have already turned into actuals (never below zero). Every change that moves
that figure (approval, a change order applied, an invoice approved, close, void) calls
`po_sync_commitments`, which records the open amount per account (budgets'
upsert keyed by the PO and the account) or releases it. A PO that is not open commits nothing.
"""

from __future__ import annotations

from apps.budgets.services import (
    NO_CURRENT_VERSION,
    BudgetError,
    account_for,
    actual_post,
    commitment_record,
    commitment_release,
)
from apps.vendors.models import Invoice, PurchaseOrder
from apps.vendors.services.common import VendorError


def account_check(production, account_number: str) -> None:
    """Refuse an account the current budget does not have; before there is any budget, lines
    may still be drafted (approval needs the budget)."""
    try:
        account_for(production, account_number)
    except BudgetError as exc:
        if exc.message != NO_CURRENT_VERSION:
            raise VendorError(exc.message) from exc


def po_sync_commitments(po: PurchaseOrder, *, released_accounts=frozenset()) -> None:
    from apps.vendors.queries import open_amounts

    try:
        if not po.is_open:
            commitment_release(source=po)
            return
        for account in sorted(released_accounts):
            commitment_release(source=po, account_number=account)
        day = po.approved_at.astimezone(po.production.tz).date() if po.approved_at else None
        for (_, account), amount in sorted(open_amounts([po.pk]).items()):
            if amount > 0:
                commitment_record(
                    production=po.production,
                    source=po,
                    account_number=account,
                    amount=amount,
                    description=f"{po.vendor.name}: {po.description}",
                    date=day,
                )
            else:
                commitment_release(source=po, account_number=account)
    except BudgetError as exc:
        raise VendorError(exc.message) from exc


def invoice_post_actuals(invoice: Invoice) -> None:
    """Each line of an approved invoice becomes an actual (source: the invoice); its PO then
    commits that much less on the same account, to the cent."""
    try:
        for line in invoice.lines.all():
            actual_post(
                production=invoice.production,
                account_number=line.account_number,
                amount=line.amount,
                date=invoice.date,
                payee=invoice.vendor.name,
                description=line.description,
                reference=invoice.number,
                source=invoice,
            )
    except BudgetError as exc:
        raise VendorError(exc.message) from exc
    if invoice.purchase_order is not None:
        po_sync_commitments(invoice.purchase_order)
