"""python manage.py import_budget <production-slug> <lines-file> [--fringes F] [--globals F]
[--markups F]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.budgets.importers import ImportFailed, import_budget
from apps.productions.models import Production


class Command(BaseCommand):
    help = "Import a budget (CSV or XLSX) as a new version: all rows or none."

    def add_arguments(self, parser) -> None:
        parser.add_argument("production_slug")
        parser.add_argument("lines_file")
        parser.add_argument("--fringes")
        parser.add_argument("--globals")
        parser.add_argument("--markups", help="CSV or XLSX: name, percent, applies_to")
        parser.add_argument("--budget", default="Production budget", help="Budget name")
        parser.add_argument("--version-name", default=None)

    def handle(
        self,
        *args,
        production_slug,
        lines_file,
        fringes,
        globals,
        markups,
        budget,
        version_name,
        **options,
    ):
        production = Production.objects.filter(slug=production_slug).first()
        if production is None:
            raise CommandError(f"No production with the slug {production_slug!r}.")
        files = {}
        for key, path in (
            ("lines_file", lines_file),
            ("fringes_file", fringes),
            ("globals_file", globals),
            ("markups_file", markups),
        ):
            if path:
                if not Path(path).is_file():
                    raise CommandError(f"No such file: {path}")
                files[key] = Path(path)
        try:
            version, plan = import_budget(
                production=production,
                budget_name=budget,
                version_name=version_name or f"Imported {Path(lines_file).name}",
                **{k: _Upload(v) for k, v in files.items()},
            )
        except ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(f"{error.file} line {error.line}: {error.reason}")
            raise CommandError(f"Nothing was imported: {len(failed.errors)} problem(s).") from None
        self.stdout.write(self.style.SUCCESS(f"Imported {version}:"))
        for said in plan.summary():
            self.stdout.write(f"  {said}")


class _Upload:
    """A file on disk that looks like an upload to the importer (name + read)."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        self._path = path

    def read(self) -> bytes:
        return self._path.read_bytes()
