from django.core.management.base import BaseCommand

from apps.core.exports import csv_writer
from apps.schedules.categories import Category
from apps.schedules.management.commands._common import production_named
from apps.schedules.reports import day_out_of_days


class Command(BaseCommand):
    help = (
        "Write the Day Out of Days (cast, or another breakdown category, x days; "
        "SW/W/WF/SWF/H/T and totals) as CSV."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("production_slug")
        parser.add_argument("file")
        parser.add_argument(
            "--category", default=Category.CAST, choices=Category.values, help="Default: cast."
        )

    def handle(
        self, *args, production_slug: str, file: str, category: str = Category.CAST, **options
    ) -> None:
        report = day_out_of_days(production_named(production_slug), category)
        with open(file, "w", newline="", encoding="utf-8") as out:
            writer = csv_writer(out)
            writer.writerow(report.flat_header())
            writer.writerows(report.flat_rows())
        self.stdout.write(self.style.SUCCESS(f"Day Out of Days written to {file}."))
