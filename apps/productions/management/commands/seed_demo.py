"""Create (or bring up to date) the demo production and its members.

Running it twice changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.accounts.models import User
from apps.productions.capabilities import Role
from apps.productions.demo import demo_seeders
from apps.productions.models import Format, Membership, Phase, Production

DEMO_PASSWORD = "demo-desk-2026"  # noqa: S105  (the demo login, printed on purpose)
DEMO_SLUG = "night-ferry"

# (role, e-mail, name, department)
DEMO_PEOPLE = [
    (Role.ASSOCIATE_PRODUCER, "ap@demo.producerdesk.test", "Alex Rivera", ""),
    (Role.PRODUCER, "producer@demo.producerdesk.test", "Morgan Hale", ""),
    (Role.PRODUCTION_MANAGER, "upm@demo.producerdesk.test", "Sam Okafor", ""),
    (Role.COORDINATOR, "coordinator@demo.producerdesk.test", "Priya Nair", ""),
    (Role.ACCOUNTANT, "accountant@demo.producerdesk.test", "Jordan Blake", ""),
    (Role.DEPARTMENT_HEAD, "camera@demo.producerdesk.test", "Kenji Watanabe", "Camera"),
    (Role.CREW, "crew@demo.producerdesk.test", "Lee Moreau", ""),
]


def _next_monday(after: date) -> date:
    return after + timedelta(days=(7 - after.weekday()) % 7 or 7)


class Command(BaseCommand):
    help = "Create the demo production 'Night Ferry' with members in every role, and print logins."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--size", choices=["small", "large"], default="small")

    @transaction.atomic
    def handle(self, *args, size: str, **options) -> None:
        people = {}
        for role, email, name, _ in DEMO_PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
            people[role] = user

        production = Production.objects.filter(slug=DEMO_SLUG).first()
        if production is None:
            first_shoot = _next_monday(date.today() + timedelta(days=35))
            production = Production.objects.create(
                slug=DEMO_SLUG,
                title="Night Ferry",
                format=Format.FEATURE,
                phase=Phase.PRE_PRODUCTION,
                company_name="Harbour Light Pictures",
                currency="USD",
                time_zone="America/New_York",
                prep_start=first_shoot - timedelta(weeks=6),
                first_shoot_day=first_shoot,
                # 25 shoot days, five-day weeks.
                wrap_date=first_shoot + timedelta(weeks=4, days=4),
            )
        for role, _email, _, department in DEMO_PEOPLE:
            Membership.objects.get_or_create(
                user=people[role],
                production=production,
                defaults={"role": role, "department": department},
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
