"""The large demo's budget: about 3,000 detail lines on the feature chart of accounts, fringed
the way a payroll budget is, with the schedule's globals, weekly payroll actuals for the weeks
already shot and a few hand-entered commitments for the above-the-line deals.

The lines go through the budget importer (validate everything, then bulk-write with every line's
total, fringes included, computed by the engine), so the top sheet adds up exactly as if an
accountant had imported the same CSV. Deterministic: the random numbers come from a fixed seed.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from apps.budgets import engine, importers
from apps.budgets.models import Budget, DepartmentGrant
from apps.budgets.services import ledger
from apps.productions.models import Department
from apps.productions.services import departments_ensure

LARGE_BUDGET = "Production budget"
LINES = 3000
PAYROLL = "FICA;MEDICARE;FUTA;SUI;WC"
GLOBALS = {"SHOOT_DAYS": 60, "SHOOT_WEEKS": 12, "PREP_WEEKS": 8, "PREP_DAYS": 40, "WRAP_WEEKS": 4}

# Accounts paid as people by the day (crew and cast), and their usual day rates.
LABOUR = {
    "1401": (2500, 6000), "1402": (900, 2200), "1403": (600, 1100), "1404": (700, 1400),
    "2001": (800, 900), "2002": (750, 850), "2003": (450, 600), "2004": (380, 460),
    "2005": (450, 550), "2006": (480, 560), "2007": (280, 360), "2008": (200, 240),
    "2201": (900, 1000), "2202": (600, 700), "2203": (400, 500), "2301": (560, 640),
    "2302": (360, 440), "2303": (340, 420), "2501": (520, 600), "2502": (440, 520),
    "2503": (440, 520), "2504": (360, 440), "2505": (280, 320), "2701": (520, 600),
    "2703": (320, 400), "2801": (480, 560), "2802": (320, 400), "2901": (650, 750),
    "2902": (420, 480), "2903": (300, 360), "3101": (500, 580), "3102": (380, 460),
    "3103": (500, 580), "3104": (380, 460), "3201": (520, 600), "3202": (440, 520),
    "3203": (360, 440), "3301": (1200, 1400), "3302": (700, 800), "3303": (520, 600),
    "3304": (380, 460), "3305": (480, 560), "3401": (600, 700), "3402": (400, 460),
    "3403": (300, 360), "3502": (480, 560), "3503": (300, 340), "3601": (580, 660),
    "3602": (380, 420), "4001": (750, 850), "4002": (380, 420), "4401": (850, 950),
}  # fmt: skip
X_LABOUR = ["SHOOT_DAYS", "SHOOT_DAYS + PREP_DAYS", "SHOOT_DAYS + 5", "PREP_DAYS", "10"]
X_OTHER = ["SHOOT_WEEKS", "SHOOT_WEEKS + PREP_WEEKS", "1", "2", "SHOOT_DAYS", "4"]
# The large demo's budget carries its markups in its own file: an import invents none.
MARKUPS = [
    ("Contingency", "10", "ALL"),
    ("Insurance", "1.5", "ALL"),
    ("Completion bond", "2", "ALL"),
]
UNION_ACCOUNTS = ("14", "13", "11")  # cast, director and writers carry pension & health


def seed_large_budget(production, people) -> None:
    if Budget.objects.filter(production=production, name=LARGE_BUDGET).exists():
        return
    with transaction.atomic():
        # Seeded on purpose: the demo is the same on every machine (no security use).
        rng = random.Random(8_100)  # nosec B311
        importers.import_budget(
            production=production,
            budget_name=LARGE_BUDGET,
            version_name="Working",
            lines_file=_csv("lines.csv", importers.LINE_COLUMNS, _lines(rng)),
            fringes_file=_csv("fringes.csv", importers.FRINGE_COLUMNS, _fringes()),
            globals_file=_csv("globals.csv", importers.GLOBAL_COLUMNS, GLOBALS.items()),
            markups_file=_csv("markups.csv", importers.MARKUP_COLUMNS, MARKUPS),
        )
        _payroll_actuals(production, rng)
        _deals(production)
        DepartmentGrant.objects.get_or_create(
            production=production, department=_camera(production), kind="category", number="3300"
        )


def _csv(name: str, columns: list[str], rows) -> io.BytesIO:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    writer.writerows(rows)
    upload = io.BytesIO(text.getvalue().encode())
    upload.name = name
    return upload


def _fringes():
    for fringe in engine.load_template("feature")["fringes"]:
        yield fringe["code"], fringe["name"], fringe["kind"], fringe["rate"], fringe["cutoff"] or ""


def _lines(rng: random.Random):
    """LINES rows spread over every account of the feature chart, heavier on labour accounts."""
    accounts = [
        (category, account)
        for category in engine.load_template("feature")["categories"]
        for account in category["accounts"]
    ]
    weights = [6 if a["number"] in LABOUR else 1 for _, a in accounts]
    chosen = rng.choices(accounts, weights=weights, k=LINES - len(accounts))
    # Every account gets at least one line, so the cost report has no empty rows.
    for n, (category, account) in enumerate(sorted(accounts + chosen, key=_by_number)):
        number = account["number"]
        fields = [category["number"], category["name"], number, account["name"]]
        if number in LABOUR:
            low, high = LABOUR[number]
            fringes = PAYROLL + (";UNION_PH" if number.startswith(UNION_ACCOUNTS) else "")
            yield [
                *fields,
                f"{account['name']} #{n % 97 + 1}",
                rng.choice([1, 1, 1, 2]),
                "days",
                rng.choice(X_LABOUR),
                rng.randint(low, high),
                fringes,
            ]
        else:
            yield [
                *fields,
                f"{account['name']}, item {n % 89 + 1}",
                rng.randint(1, 3),
                rng.choice(["weeks", "allow", "each", "days"]),
                rng.choice(X_OTHER),
                f"{rng.randint(40, 4000)}.{rng.choice(['00', '50', '75'])}",
                "",
            ]


def _by_number(pair) -> str:
    return pair[1]["number"]


def _payroll_actuals(production, rng: random.Random) -> None:
    """A weekly payroll run per labour account for every week already shot."""
    first = production.first_shoot_day
    today = production.today()
    week = 0
    while first + timedelta(weeks=week) <= today - timedelta(days=7):
        paid_on = first + timedelta(weeks=week, days=11)  # paid the Friday after the week
        for number, (low, high) in LABOUR.items():
            if number.startswith(("14", "40", "44")):
                continue  # cast is paid by the payroll company; post starts after the shoot
            ledger.actual_post(
                production=production,
                account_number=number,
                amount=Decimal(rng.randint(low, high) * 5) * Decimal("1.12"),
                date=min(paid_on, today),
                payee="Castle Rock Payroll Services",
                description=f"Payroll, week ending {first + timedelta(weeks=week, days=4):%d %b}",
                reference=f"PR-{week + 1:03d}-{number}",
            )
        week += 1


def _deals(production) -> None:
    """Signed agreements above the line with no purchase order: committed by hand."""
    start = production.prep_start or production.today()
    for number, description, amount in [
        ("1103", "Writer's agreement, second half", "85000.00"),
        ("1301", "Director's agreement, production instalment", "120000.00"),
        ("1401", "Lead cast: pay-or-play deals", "260000.00"),
        ("4101", "Composer agreement, signing instalment", "15000.00"),
        ("6701", "Production package insurance, balance", "32000.00"),
    ]:
        ledger.commitment_add_manual(
            production=production,
            account_number=number,
            amount=Decimal(amount),
            description=description,
            date=start + timedelta(days=10),
        )


def _camera(production):
    """The Camera department, one of the standard ones."""
    departments_ensure(production=production)
    return Department.objects.get(production=production, name="Camera")
