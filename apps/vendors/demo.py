"""Night Ferry's vendors for the demo: fifteen vendors, a quote comparison, POs in several states, a
rental and invoices. Everything goes through the services, so approved POs and invoices reach the
budget the way real ones do. Idempotent: a production that already has vendors is left alone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.models import Category, PaymentTerms, Quote, QuoteRequest, Vendor

# name, category, e-mail, terms, tax form, rating, certificate expires in (days; None = none)
DEMO_VENDORS = [
    (
        "Harbour Camera Rentals",
        Category.CAMERA,
        "orders@harbourcamera.example",
        "net_30",
        True,
        5,
        200,
    ),
    ("Lensworks", Category.CAMERA, "desk@lensworks.example", "net_30", True, 4, 120),
    (
        "Northlight Grip & Electric",
        Category.GRIP_ELECTRIC,
        "rentals@northlight.example",
        "net_30",
        True,
        4,
        10,
    ),
    (
        "Dockside Lighting",
        Category.LIGHTING,
        "hire@docksidelighting.example",
        "net_15",
        True,
        3,
        90,
    ),
    (
        "Clear Channel Sound",
        Category.SOUND,
        "kit@clearchannelsound.example",
        "net_30",
        False,
        4,
        60,
    ),
    (
        "Gaff & Go Expendables",
        Category.EXPENDABLES,
        "shop@gaffandgo.example",
        "on_receipt",
        True,
        3,
        None,
    ),
    ("Tidewater Catering", Category.CATERING, "events@tidewater.example", "net_15", True, 5, 45),
    ("Salt Street Kitchen", Category.CATERING, "hello@saltstreet.example", "net_7", False, 3, -5),
    ("Bayline Transport", Category.TRANSPORT, "dispatch@bayline.example", "net_30", True, 4, 5),
    ("Honeywagon Co.", Category.TRANSPORT, "book@honeywagon.example", "net_30", True, 3, 150),
    (
        "Port Authority Film Office",
        Category.LOCATIONS,
        "film@portauthority.example",
        "prepaid",
        True,
        None,
        None,
    ),
    (
        "Eastside Studios Post",
        Category.POST_HOUSE,
        "bookings@eastsidepost.example",
        "net_45",
        True,
        4,
        300,
    ),
    (
        "Gradient Color",
        Category.POST_HOUSE,
        "studio@gradientcolor.example",
        "net_30",
        False,
        None,
        80,
    ),
    (
        "Anchor Film Insurance",
        Category.INSURANCE,
        "brokers@anchorins.example",
        "prepaid",
        True,
        5,
        365,
    ),
    ("Wharf Props & Dressing", Category.ART, "props@wharfprops.example", "net_30", True, 4, 30),
]

# A valid one-page PDF: the demo certificates are placeholders, clearly labelled.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed_demo(production, people, size: str) -> None:
    if size == "large":
        from apps.vendors.demo_large import seed_large_vendors

        return seed_large_vendors(production, people, certificate_pdf=DEMO_PDF)
    if Vendor.objects.filter(production=production).exists():
        return
    with transaction.atomic():
        _seed(production, people)


def _seed(production, people) -> None:
    today = production.today()
    shoot = production.first_shoot_day or today + timedelta(days=35)
    producer = Membership.objects.get(production=production, user=people[Role.PRODUCER])
    ap = Membership.objects.get(production=production, user=people[Role.ASSOCIATE_PRODUCER])
    vendors = {}
    for name, category, email, terms, tax, rating, expires in DEMO_VENDORS:
        vendor = Vendor.objects.create(
            production=production,
            name=name,
            category=category,
            email=email,
            payment_terms=PaymentTerms(terms),
            tax_form_on_file=tax,
            rating=rating,
        )
        vendors[name] = vendor
        if expires is not None:
            services.certificate_upload(
                vendor=vendor,
                upload=ContentFile(DEMO_PDF, name="certificate.pdf"),
                expires_on=today + timedelta(days=expires),
                insurer="Demo Mutual (placeholder certificate)",
            )

    # A quote comparison: three camera packages; the chosen one drafts a PO, approved by the
    # producer (it is over the AP's limit).
    need = QuoteRequest.objects.create(
        production=production,
        title="Camera package, 5 weeks",
        account_number="3307",
        needed_by=shoot - timedelta(days=2),
        details="Two bodies, primes and zooms, wireless follow focus, monitors.",
    )
    for name, amount, terms in [
        ("Harbour Camera Rentals", "42500.00", "3-day week, insurance on us"),
        ("Lensworks", "46800.00", "4-day week"),
        ("Northlight Grip & Electric", "44900.00", "Sub-rented bodies"),
    ]:
        Quote.objects.create(
            production=production,
            request=need,
            vendor=vendors[name],
            amount=Decimal(amount),
            terms=terms,
            received_on=today - timedelta(days=3),
        )
    camera_po = services.quote_choose(
        quote=need.quotes.get(vendor=vendors["Harbour Camera Rentals"])
    )
    services.po_submit(po=camera_po)
    services.po_approve(po=camera_po, membership=producer)

    def order(vendor, description, lines, state, approver=ap):
        po = services.po_create(
            production=production, vendor=vendors[vendor], description=description
        )
        for account, text, quantity, price in lines:
            services.po_line_add(
                po=po,
                account_number=account,
                description=text,
                quantity=Decimal(quantity),
                unit_price=Decimal(price),
            )
        if state == "draft":
            return po
        po = services.po_submit(po=po)
        if state == "submitted":
            return po
        return services.po_approve(po=po, membership=approver)

    order(
        "Gaff & Go Expendables",
        "Expendables, first order",
        [("2508", "Tape, gels, sash", "1", "1850")],
        "draft",
    )
    order(
        "Honeywagon Co.",
        "Honeywagon, shoot weeks",
        [("3505", "Three-room honeywagon", "5", "1650")],
        "submitted",
    )
    grip = order(
        "Northlight Grip & Electric",
        "Grip and electric package",
        [("2507", "Grip package", "5", "780"), ("3205", "Lighting package", "5", "650")],
        "approved",
        approver=producer,
    )
    services.po_receive(po=grip, received={grip.lines.first().pk: Decimal("5")})
    # The night exteriors need a condor: an approved change order, so the PO is at revision 1.
    change = services.co_start(po=grip, reason="Night exteriors added: a condor for two nights")
    services.co_line_add(
        change_order=change,
        account_number="3205",
        description="60 ft condor, two nights",
        quantity=Decimal("2"),
        unit_price=Decimal("850"),
    )
    services.co_submit(change_order=change)
    services.co_approve(change_order=change, membership=producer)
    catering = order(
        "Tidewater Catering",
        "Catering, prep tech scout",
        [("3607", "Lunch for 30, scout day", "30", "24")],
        "approved",
    )
    void = order(
        "Salt Street Kitchen",
        "Catering, backup",
        [("3607", "Lunch for 30", "30", "22")],
        "submitted",
    )
    services.po_void(po=void, reason="Certificate of insurance expired; went with Tidewater.")

    services.rental_create(
        vendor=vendors["Clear Channel Sound"],
        item="Walkie-talkies (30) and headsets",
        quantity=1,
        pick_up_on=today - timedelta(days=9),
        return_due_on=today - timedelta(days=2),
        rate=Decimal("600"),
        rate_unit="week",
    )

    invoice = services.invoice_create(
        production=production,
        vendor=vendors["Tidewater Catering"],
        purchase_order=catering,
        number="TW-2291",
        date=today - timedelta(days=1),
        lines=[
            {"account_number": "3607", "description": "Scout day lunch", "amount": Decimal("720")}
        ],
    )
    services.po_receive(
        po=catering, received={line.pk: line.quantity for line in catering.lines.all()}
    )
    services.invoice_approve(invoice=invoice, membership=producer)
    services.po_close(po=catering)
    services.invoice_create(
        production=production,
        vendor=vendors["Northlight Grip & Electric"],
        purchase_order=grip,
        number="NGE-1045",
        date=today,
        lines=[
            {
                "account_number": "2507",
                "description": "Grip package, week 1",
                "amount": Decimal("3900"),
            }
        ],
    )
    services.invoice_create(
        production=production,
        vendor=vendors["Port Authority Film Office"],
        number="PA-77",
        date=today,
        notes="Permit fee paid at the counter; no PO.",
        lines=[
            {"account_number": "3604", "description": "Filming permit", "amount": Decimal("350")}
        ],
    )
