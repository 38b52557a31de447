"""The dashboard's purchasing panel: POs and change orders this member may approve, certificates
running out, rentals due back, today's reminders."""

from __future__ import annotations

from datetime import timedelta

from apps.vendors import queries
from apps.vendors.models import ChangeOrder, ChangeOrderStatus, POStatus, Reminder
from apps.vendors.services.common import settings_for
from apps.vendors.services.purchasing import approvable
from apps.vendors.services.reminders import expiring_certificates

RENTAL_DUE_SOON_DAYS = 2


def panel_context(request) -> dict:
    production, membership = request.production, request.membership
    today = production.today()
    submitted = queries.purchase_orders_for(production).filter(status=POStatus.SUBMITTED)
    limit = settings_for(production).ap_approval_limit
    changes = ChangeOrder.objects.filter(
        production=production, status=ChangeOrderStatus.SUBMITTED
    ).select_related("purchase_order__vendor", "purchase_order__production")
    # Through the production's own manager: each rental knows it without a join; the panel
    # shows the item, the vendor and the date, not the PO.
    due_back = production.rentals.filter(
        returned_on__isnull=True, return_due_on__lte=today + timedelta(days=RENTAL_DUE_SOON_DAYS)
    ).select_related("vendor")
    notes = Reminder.objects.filter(
        production=production, recipient=request.user, date=today
    ).order_by("kind", "id")
    return {
        "awaiting": list(approvable(membership, submitted, limit)),
        "awaiting_changes": list(approvable(membership, changes, limit, total="total_after")),
        "expiring": expiring_certificates(production, today),
        "due_back": list(due_back),
        "notes": list(notes),
        "today": today,
    }
