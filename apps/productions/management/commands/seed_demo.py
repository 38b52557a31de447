"""Create (or bring up to date) the demo production and its members.

`--size small` (the default) builds "Night Ferry" (/p/night-ferry/): a 25-day feature in prep,
small enough to read every page of. `--size large` builds a second production, "Night Ferry
(large demo)" (/p/night-ferry-large/), 40 to 45 days into a 60-day shoot: about 3,000 budget lines,
300 scenes, 200 crew, 80 vendors, 500 purchase orders, 60 published call sheets, a signed daily
report for each day shot and six closed weekly cost reports.

The large demo is its own production, not a bigger Night Ferry, so that the two coexist: the
small one stays readable for a first look and for screenshots, the large one shows how the pages
hold up at a real production's size (and is what tests/test_query_budget.py walks). The same
demo logins are members of both, so the production list shows both.

Running it twice changes nothing; the random numbers come from fixed seeds, so every run builds
the same data.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.accounts.models import User
from apps.core.registry import demo_seeders
from apps.productions import services
from apps.productions.capabilities import Role
from apps.productions.models import Department, Format, Membership, Phase, Production

DEMO_PASSWORD = "demo-desk-2026"  # noqa: S105  (the demo login, printed on purpose)
DEMO_SLUG = "night-ferry"
LARGE_SLUG = "night-ferry-large"

# (role, e-mail, name, department)
DEMO_PEOPLE = [
    (Role.ASSOCIATE_PRODUCER, "ap@demo.producerdesk.test", "Alex Rivera", ""),
    (Role.PRODUCER, "producer@demo.producerdesk.test", "Morgan Hale", ""),
    (Role.PRODUCTION_MANAGER, "upm@demo.producerdesk.test", "Sam Okafor", ""),
    (Role.COORDINATOR, "coordinator@demo.producerdesk.test", "Priya Nair", ""),
    (Role.ACCOUNTANT, "accountant@demo.producerdesk.test", "Jordan Blake", ""),
    (Role.DEPARTMENT_HEAD, "camera@demo.producerdesk.test", "Kenji Watanabe", "Camera"),
    (Role.CREW, "crew@demo.producerdesk.test", "Lee Moreau", ""),
    (Role.CASTING, "casting@demo.producerdesk.test", "Rene Castillo", ""),
    (Role.DIRECTOR, "director@demo.producerdesk.test", "Ines Varga", ""),
]


def _next_monday(after: date) -> date:
    return after + timedelta(days=(7 - after.weekday()) % 7 or 7)


def _production(*, slug: str, title: str, phase: str, first_shoot: date, prep_weeks: int,
                shoot_weeks: int) -> Production:  # fmt: skip
    """A Harbour Light feature shooting five-day weeks from `first_shoot`."""
    return Production.objects.create(
        slug=slug,
        title=title,
        format=Format.FEATURE,
        phase=phase,
        company_name="Harbour Light Pictures",
        currency="USD",
        time_zone="America/New_York",
        prep_start=first_shoot - timedelta(weeks=prep_weeks),
        first_shoot_day=first_shoot,
        wrap_date=first_shoot + timedelta(weeks=shoot_weeks - 1, days=4),
    )


def _small_production() -> Production:
    # 25 shoot days, five weeks from now.
    return _production(
        slug=DEMO_SLUG, title="Night Ferry", phase=Phase.PRE_PRODUCTION,
        first_shoot=_next_monday(date.today() + timedelta(days=35)), prep_weeks=8, shoot_weeks=5,
    )  # fmt: skip


def _large_production() -> Production:
    # 60 shoot days, eight or nine weeks in: 40 to 45 days shot with their daily reports, the
    # cost report has real actuals and weekly periods, and the rest of the schedule is ahead.
    return _production(
        slug=LARGE_SLUG, title="Night Ferry (large demo)", phase=Phase.PRODUCTION,
        first_shoot=_next_monday(date.today() - timedelta(weeks=10)), prep_weeks=8, shoot_weeks=12,
    )  # fmt: skip


class Command(BaseCommand):
    help = (
        "Create the demo production 'Night Ferry' with members in every role, and print logins. "
        "--size large builds a second production, 'Night Ferry (large demo)' at "
        "/p/night-ferry-large/, 40 to 45 days into a 60-day shoot with about 3,000 budget lines, "
        "300 scenes, 200 crew, 80 vendors, 500 purchase orders and 60 published call sheets; it "
        "sits beside the small demo (same logins) rather than replacing it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--size",
            choices=["small", "large"],
            default="small",
            help="small: Night Ferry (/p/night-ferry/); large: the second, large production "
            "(/p/night-ferry-large/). Each run seeds one of them; both can exist.",
        )

    @transaction.atomic
    def handle(self, *args, size: str, **options) -> None:
        people = {}
        for role, email, name, _ in DEMO_PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
            people[role] = user

        slug = LARGE_SLUG if size == "large" else DEMO_SLUG
        production = Production.objects.filter(slug=slug).first()
        if production is None:
            production = _large_production() if size == "large" else _small_production()
        services.departments_ensure(production=production)
        for role, _email, _, department in DEMO_PEOPLE:
            Membership.objects.get_or_create(
                user=people[role],
                production=production,
                defaults={
                    "role": role,
                    "department": Department.objects.get(production=production, name=department)
                    if department
                    else None,
                },
            )

        for seeder in demo_seeders():
            seeder(production, people, size)

        self.stdout.write(
            self.style.SUCCESS(f"Demo production: {production.title} (/p/{production.slug}/)")
        )
        self.stdout.write(f"Every demo login uses the password: {DEMO_PASSWORD}")
        for role, email, name, department in DEMO_PEOPLE:
            label = Role(role).label + (f" ({department})" if department else "")
            self.stdout.write(f"  {label:<28} {email:<40} {name}")
