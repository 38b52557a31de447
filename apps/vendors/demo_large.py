"""The large demo's vendors: 80 vendors in every category, insurance certificates, quote
comparisons, 500 purchase orders in every state, rentals and invoices.

Vendors are plain rows (bulk-created). Everything with a rule goes through the services: PO
numbers come from the production's counter, approval respects the AP's limit, approved POs commit
their lines against the budget, approved invoices post actuals and reduce the commitment.
Deterministic: a fixed seed picks the vendors, accounts and amounts.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.models import Category, PaymentTerms, Quote, QuoteRequest, Vendor
from apps.vendors.services.purchasing import po_total

VENDORS, ORDERS, QUOTE_REQUESTS, RENTALS = 80, 500, 12, 30

# category: (name stems, budget accounts its orders are booked to)
KINDS = {
    Category.CAMERA: (["Camera Rentals", "Lens House", "Optics"], ["3307", "3308", "3309"]),
    Category.GRIP_ELECTRIC: (["Grip & Electric", "Rigging"], ["2507", "2508", "3205"]),
    Category.LIGHTING: (["Lighting", "Power & Light"], ["3205", "3206", "3207"]),
    Category.SOUND: (["Sound", "Audio"], ["3404", "3405", "3407"]),
    Category.EXPENDABLES: (["Expendables", "Supply Co."], ["2508", "3207", "3309"]),
    Category.CATERING: (["Catering", "Kitchen"], ["3607", "2505"]),
    Category.TRANSPORT: (["Transport", "Trailers", "Fleet"], ["3504", "3505", "3506"]),
    Category.LOCATIONS: (["Estates", "Film Office"], ["3603", "3604", "3606"]),
    Category.POST_HOUSE: (["Post", "Color", "Sound Post"], ["4005", "4006", "4502"]),
    Category.INSURANCE: (["Insurance", "Brokers"], ["6702", "6704"]),
    Category.ART: (["Props", "Scenic", "Dressing"], ["2206", "2704", "2803", "2804"]),
    Category.WARDROBE: (["Costume Hire", "Tailoring"], ["2904", "2905", "2906"]),
    Category.OFFICE: (["Office Supply", "IT Services"], ["6502", "6503", "6505"]),
}
PLACES = ["Harbour", "Bayline", "Northlight", "Portside", "Tidewater", "Casco", "Granite",
          "Foreside", "Anchor", "Lighthouse", "Wharf Street", "Eastern Prom"]  # fmt: skip
# How many POs end in each state (the rest are approved and open).
STATES = {"draft": 40, "submitted": 35, "void": 15, "partly_received": 60, "received": 80}
STATES["closed"] = 90
STATES["approved"] = ORDERS - sum(STATES.values())


def seed_large_vendors(production, people, *, certificate_pdf: bytes) -> None:
    """Called by demo.seed_demo, which hands over its placeholder certificate file, so this
    module never imports the small demo back."""
    if Vendor.objects.filter(production=production).exists():
        return
    with transaction.atomic():
        # Seeded on purpose: the demo is the same on every machine (no security use).
        rng = random.Random(8_400)  # nosec B311
        producer = Membership.objects.get(production=production, user=people[Role.PRODUCER])
        ap = Membership.objects.get(production=production, user=people[Role.ASSOCIATE_PRODUCER])
        vendors = _vendors(production, rng, certificate_pdf)
        _quotes(production, vendors, rng, producer)
        states = [state for state, count in STATES.items() for _ in range(count)]
        rng.shuffle(states)
        for n, state in enumerate(states):
            vendor = vendors[rng.randrange(len(vendors))]
            _order(production, vendor, n, state, rng, ap=ap, producer=producer)
        _rentals(production, vendors, rng)
        _loose_invoices(production, vendors, rng, producer)


def _vendors(production, rng: random.Random, certificate_pdf: bytes) -> list[Vendor]:
    today = production.today()
    kinds = list(KINDS)
    vendors = Vendor.objects.bulk_create(
        Vendor(
            production=production,
            name=f"{PLACES[n % len(PLACES)]} {rng.choice(KINDS[kinds[n % len(kinds)]][0])} {n + 1}",
            category=kinds[n % len(kinds)],
            email=f"orders{n + 1:02d}@vendor.night-ferry-large.test",
            phone=f"+1 207 555 {3000 + n:04d}",
            payment_terms=rng.choice(list(PaymentTerms)),
            tax_form_on_file=n % 9 != 0,
            rating=rng.choice([None, 3, 4, 4, 5]),
        )
        for n in range(VENDORS)
    )
    for n, vendor in enumerate(vendors):
        if n % 5 == 4:
            continue  # a fifth have no certificate on file yet
        services.certificate_upload(
            vendor=vendor,
            upload=ContentFile(certificate_pdf, name="certificate.pdf"),
            # Some expired, some about to, most good for the shoot.
            expires_on=today + timedelta(days=rng.choice([-10, 12, 25, 120, 200, 365])),
            insurer="Demo Mutual (placeholder certificate)",
        )
    return vendors


def _quotes(production, vendors, rng: random.Random, producer) -> None:
    """Quote comparisons: three bids each; two thirds already chosen (which drafts a PO)."""
    today = production.today()
    for n in range(QUOTE_REQUESTS):
        category = list(KINDS)[n % len(KINDS)]
        bidders = [v for v in vendors if v.category == category][:3]
        need = QuoteRequest.objects.create(
            production=production,
            title=f"{category.label} package, block {n + 1}",
            account_number=KINDS[category][1][0],
            needed_by=today + timedelta(days=7 + n),
            details="Quote for the remaining shoot weeks, delivery to unit base.",
        )
        quotes = Quote.objects.bulk_create(
            Quote(
                production=production,
                request=need,
                vendor=vendor,
                amount=Decimal(rng.randint(40, 160) * 100),
                terms=rng.choice(["3-day week", "4-day week", "Weekly, insurance on us"]),
                received_on=today - timedelta(days=rng.randint(1, 9)),
            )
            for vendor in bidders
        )
        if n % 3 != 2 and quotes:
            po = services.quote_choose(quote=min(quotes, key=lambda q: q.amount))
            services.po_submit(po=po)
            services.po_approve(po=po, membership=producer)


def _order(production, vendor, n: int, state: str, rng, *, ap, producer) -> None:
    accounts = KINDS.get(vendor.category, ([], ["6502"]))[1]
    po = services.po_create(
        production=production,
        vendor=vendor,
        description=f"{vendor.get_category_display()} order {n + 1}",
    )
    for k in range(rng.randint(1, 3)):
        services.po_line_add(
            po=po,
            account_number=rng.choice(accounts),
            description=f"Item {k + 1}, shoot week {n % 12 + 1}",
            quantity=Decimal(rng.randint(1, 6)),
            unit_price=Decimal(rng.randint(50, 2400)),
        )
    if state == "draft":
        return
    po = services.po_submit(po=po)
    if state == "submitted":
        return
    if state == "void":
        services.po_void(po=po, reason="Went with another vendor.")
        return
    # The AP approves what is under the limit; the producer what is over.
    approver = ap if services.approval_allowed(ap, po_total(po)) is None else producer
    po = services.po_approve(po=po, membership=approver)
    if state == "approved":
        return
    lines = list(po.lines.all())
    received = {line.pk: line.quantity for line in lines}
    if state == "partly_received":
        received[lines[0].pk] = Decimal(0) if len(lines) > 1 else lines[0].quantity - 1
    po = services.po_receive(po=po, received=received)
    invoice = services.invoice_create(
        production=production,
        vendor=vendor,
        purchase_order=po,
        number=f"INV-{n + 1:04d}",
        date=production.today() - timedelta(days=rng.randint(0, 30)),
        lines=[
            {
                "account_number": line.account_number,
                "description": line.description,
                "amount": line.quantity * line.unit_price
                if state != "partly_received"
                else line.received_quantity * line.unit_price,
            }
            for line in po.lines.all()
            if state != "partly_received" or line.received_quantity
        ],
    )
    if n % 7 != 0:  # a few invoices wait in the queue for approval
        services.invoice_approve(invoice=invoice, membership=producer)
    if state == "closed" and n % 7 != 0:
        services.po_close(po=po)


def _rentals(production, vendors, rng: random.Random) -> None:
    today = production.today()
    for n in range(RENTALS):
        vendor = vendors[rng.randrange(len(vendors))]
        pick_up = today - timedelta(days=rng.randint(0, 40))
        services.rental_create(
            vendor=vendor,
            item=f"{vendor.get_category_display()} kit {n + 1}",
            quantity=rng.randint(1, 4),
            pick_up_on=pick_up,
            return_due_on=pick_up + timedelta(days=rng.choice([7, 14, 28, 56])),
            rate=Decimal(rng.randint(50, 900)),
            rate_unit=rng.choice(["day", "week"]),
        )


def _loose_invoices(production, vendors, rng: random.Random, producer) -> None:
    """Invoices with no PO (permits, petty purchases), approved by the producer."""
    for n in range(20):
        vendor = vendors[rng.randrange(len(vendors))]
        invoice = services.invoice_create(
            production=production,
            vendor=vendor,
            number=f"NPO-{n + 1:03d}",
            date=production.today() - timedelta(days=rng.randint(0, 40)),
            notes="Paid at the counter; no PO.",
            lines=[
                {
                    "account_number": KINDS.get(vendor.category, ([], ["6502"]))[1][0],
                    "description": "Counter purchase",
                    "amount": Decimal(rng.randint(40, 900)),
                }
            ],
        )
        services.invoice_approve(invoice=invoice, membership=producer)
