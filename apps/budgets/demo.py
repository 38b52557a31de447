"""Night Ferry's budget for the demo: the feature template with realistic lines, a few actuals
and a commitment. Idempotent: a production that already has the demo budget is left alone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from apps.budgets.models import Account, Budget, Commitment, DepartmentGrant
from apps.budgets.services import editing, ledger, versions
from apps.budgets.services.editing import LineValues
from apps.productions.models import Department
from apps.productions.services import departments_ensure

DEMO_BUDGET = "Production budget"

PAYROLL = ("FICA", "MEDICARE", "FUTA", "SUI", "WC")

# account, description, amount, units, x, rate, fringe codes
DEMO_LINES = [
    ("1103", "Screenplay, writer's fee", "1", "flat", "1", "85000", ("UNION_PH",)),
    ("1202", "Producer", "1", "flat", "1", "150000", ()),
    (
        "1204",
        "Associate producer",
        "1",
        "weeks",
        "PREP_WEEKS + SHOOT_WEEKS + WRAP_WEEKS",
        "2200",
        PAYROLL,
    ),
    ("1301", "Director", "1", "flat", "1", "175000", ("UNION_PH",)),
    ("1401", "Lead: Mara", "1", "days", "SHOOT_DAYS + 3", "2500", ("UNION_PH", "FICA")),
    ("1401", "Lead: Tomas", "1", "days", "SHOOT_DAYS", "2200", ("UNION_PH", "FICA")),
    ("1402", "Supporting cast", "6", "days", "4", "1100", ("UNION_PH", "FICA")),
    (
        "2001",
        "Unit production manager",
        "1",
        "weeks",
        "PREP_WEEKS + SHOOT_WEEKS + 1",
        "3100",
        PAYROLL,
    ),
    ("2002", "1st assistant director", "1", "weeks", "3 + SHOOT_WEEKS", "3400", PAYROLL),
    ("3201", "Gaffer", "1", "days", "SHOOT_DAYS + 5", "650", PAYROLL),
    ("3301", "Director of photography", "1", "weeks", "3 + SHOOT_WEEKS", "4200", PAYROLL),
    ("3307", "Camera package", "1", "weeks", "SHOOT_WEEKS", "9500", ()),
    ("3603", "Ferry terminal, site fee", "1", "days", "6", "4500", ()),
    ("3607", "Catering", "45", "days", "SHOOT_DAYS", "28", ()),
    ("4001", "Editor", "1", "weeks", "16", "3000", PAYROLL),
    ("4101", "Composer, score package", "1", "allow", "1", "40000", ()),
    ("6701", "Production package insurance", "1", "allow", "1", "32000", ()),
]


def _account(version, number: str) -> Account | None:
    return Account.objects.filter(budget_version=version, number=number).first()


@transaction.atomic
def seed_demo_budget(production, people, size) -> None:
    if size == "large":
        from apps.budgets.demo_large import seed_large_budget

        return seed_large_budget(production, people)
    if Budget.objects.filter(production=production, name=DEMO_BUDGET).exists():
        return
    version = versions.budget_create_from_template(
        production=production,
        budget_name=DEMO_BUDGET,
        template_key="feature",
        follow_schedule=True,
    )
    fringes = {f.code: f.id for f in version.fringes.all()}
    used_accounts = []
    for number, description, amount, units, x, rate, codes in DEMO_LINES:
        account = _account(version, number)
        if account is None:
            continue
        editing.line_create(
            account=account,
            values=LineValues(
                description=description,
                amount_formula=amount,
                units=units,
                x_formula=x,
                rate_formula=rate,
                currency=production.currency,
                exchange_rate=Decimal(1),
                fringe_ids=tuple(fringes[c] for c in codes if c in fringes),
            ),
        )
        used_accounts.append(account)
    start = production.prep_start or production.today()
    by_number = {a.number: a for a in used_accounts}
    camera, catering, writer = by_number["3307"], by_number["3607"], by_number["1103"]
    ledger.actual_post(
        production=production,
        account_number=writer.number,
        amount=Decimal("42500.00"),
        date=start,
        payee="Ana Lindqvist",
        description="Writer's fee, first half",
        reference="INV-1001",
    )
    ledger.actual_post(
        production=production,
        account_number=camera.number,
        amount=Decimal("4750.00"),
        date=start + timedelta(days=7),
        payee="Harbour Camera Rentals",
        description="Camera test days",
        reference="INV-1002",
    )
    ledger.actual_post(
        production=production,
        account_number=catering.number,
        amount=Decimal("1260.00"),
        date=start + timedelta(days=14),
        payee="Deckhand Catering",
        description="Prep meetings",
        reference="INV-1003",
    )
    # A commitment entered by hand (a signed agreement with no purchase order); the vendors
    # demo adds the real purchase orders, camera package included, through the service.
    Commitment.objects.get_or_create(
        production=production,
        account_number="4101",
        description="Composer agreement — signing instalment",
        defaults={"amount": Decimal("15000.00"), "date": start + timedelta(days=10)},
    )
    DepartmentGrant.objects.get_or_create(
        production=production,
        department=_camera(production),
        kind="category",
        number=camera.category.number,
    )


def _camera(production):
    """The Camera department, one of the standard ones."""
    departments_ensure(production=production)
    return Department.objects.get(production=production, name="Camera")
