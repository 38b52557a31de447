"""python manage.py check_budget_totals [production-slug] [--repair]"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.budgets.models import BudgetVersion, DetailLine
from apps.budgets.services.editing import recompute_lines
from apps.budgets.services.totals import refresh
from apps.budgets.totals_check import differences
from apps.productions.models import Production


class Command(BaseCommand):
    help = (
        "Work out every budget total again from the lines' formulas with the engine and report "
        "each kept total that differs (exit status 1 if any does)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", nargs="?", help="Only this production (its slug).")
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Work the differing versions' lines and totals out again and keep the result "
            "(recorded in the lines' history as 'Totals repaired').",
        )

    def handle(self, *args, slug=None, repair=False, **options):
        versions = BudgetVersion.objects.select_related("budget", "production").order_by("id")
        if slug:
            production = Production.objects.filter(slug=slug).first()
            if production is None:
                raise CommandError(f"No production with the slug {slug!r}.")
            versions = versions.filter(production=production)
        checked, wrong = 0, 0
        for version in versions:
            checked += 1
            found = differences(version)
            for sentence in found:
                self.stdout.write(f"{version.production.slug}: {sentence}")
            if found and repair:
                with transaction.atomic():
                    lines = DetailLine.objects.filter(budget_version=version)
                    recompute_lines(lines, version, "Totals repaired")
                    refresh(version)
                self.stdout.write(f"{version.production.slug}: {version}: repaired")
            wrong += bool(found)
        summary = f"{checked} version(s) checked, {wrong} with differences."
        if wrong and not repair:
            raise CommandError(summary)
        self.stdout.write(summary)
