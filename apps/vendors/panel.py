"""The dashboard's purchasing panel: POs and change orders this member may approve, certificates
running out, rentals due back, today's reminders."""

from __future__ import annotations

from datetime import timedelta

from apps.vendors import queries
from apps.vendors.models import ChangeOrder, ChangeOrderStatus, POStatus, Reminder
from apps.vendors.services.common import settings_for
from apps.vendors.services.purchasing import approval_allowed
from apps.vendors.services.reminders import expiring_certificates

RENTAL_DUE_SOON_DAYS = 2


def panel_context(request) -> dict:
    production, membership = request.production, request.membership
    today = production.today()
    submitted = queries.purchase_orders_for(production).filter(status=POStatus.SUBMITTED)
    limit = settings_for(production).ap_approval_limit
    awaiting = [po for po in submitted if approval_allowed(membership, po.total, limit) is None]
    changes = ChangeOrder.objects.filter(
        production=production, status=ChangeOrderStatus.SUBMITTED
    ).select_related("purchase_order__vendor", "purchase_order__production")
    awaiting_changes = [
        change
        for change in changes
        if approval_allowed(membership, change.total_after, limit) is None
    ]
    due_back = queries.rentals_for(production).filter(
        returned_on__isnull=True, return_due_on__lte=today + timedelta(days=RENTAL_DUE_SOON_DAYS)
    )
    notes = Reminder.objects.filter(
        production=production, recipient=request.user, date=today
    ).order_by("kind", "id")
    return {
        "awaiting": awaiting,
        "awaiting_changes": awaiting_changes,
        "expiring": expiring_certificates(production, today),
        "due_back": list(due_back),
        "notes": list(notes),
        "today": today,
    }
