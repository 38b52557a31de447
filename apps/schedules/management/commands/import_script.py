import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.schedules.management.commands._common import production_named
from apps.schedules.models import RevisionColour
from apps.schedules.services import ScriptImportError, script_import


class Command(BaseCommand):
    help = "Import a Fountain or Final Draft script (or a revision) into a production's scenes."

    def add_arguments(self, parser) -> None:
        parser.add_argument("production_slug")
        parser.add_argument("file")
        parser.add_argument(
            "--lock-numbers",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="Scenes keep their numbers and inserted ones get A/B numbers (default: locked "
            "once scenes are on the board or the schedule settings say so).",
        )
        parser.add_argument(
            "--colour", choices=RevisionColour.values, help="The draft's revision colour."
        )

    def handle(
        self, *args, production_slug: str, file: str, lock_numbers=None, colour=None, **options
    ) -> None:
        production = production_named(production_slug)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            report = script_import(
                production=production,
                data=path.read_bytes(),
                filename=path.name,
                lock_numbers=lock_numbers,
                colour=colour,
            )
        except ScriptImportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{path.name}: {report.summary()}."))
        for label, numbers in (
            ("Added", report.added),
            ("Changed", report.changed),
            ("Omitted", report.omitted),
            ("Restored", report.restored),
            ("Renumbered", report.renumbered),
        ):
            if numbers:
                self.stdout.write(f"  {label}: {', '.join(numbers)}")
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"  {warning}"))
