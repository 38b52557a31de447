"""python manage.py export_cost_report <production-slug> <file.csv|file.xlsx>"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.budgets.exports import cost_report_workbook, write_cost_report_csv
from apps.budgets.queries import cost_report
from apps.productions.models import Production


class Command(BaseCommand):
    help = "Write the cost report of the current version to CSV or XLSX."

    def add_arguments(self, parser) -> None:
        parser.add_argument("production_slug")
        parser.add_argument("file")

    def handle(self, *args, production_slug, file, **options):
        production = Production.objects.filter(slug=production_slug).first()
        if production is None:
            raise CommandError(f"No production with the slug {production_slug!r}.")
        report = cost_report(production)
        if report is None:
            raise CommandError(f"{production} has no budget yet.")
        path = Path(file)
        if path.suffix.lower() == ".xlsx":
            cost_report_workbook(report).save(path)
        elif path.suffix.lower() == ".csv":
            with path.open("w", newline="", encoding="utf-8") as stream:
                write_cost_report_csv(report, stream)
        else:
            raise CommandError("The file must end in .csv or .xlsx.")
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(report.accounts)} accounts to {path}."))
