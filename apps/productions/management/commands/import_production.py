"""Restore a production archive written by export_production, all or nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.productions.backup.archive import BackupError
from apps.productions.backup.restore import import_production


class Command(BaseCommand):
    help = "Restore a production from an archive written by export_production."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--slug", help="Restore under this address instead of the archive's.")

    def handle(self, *args, file: str, slug: str | None, **options) -> None:
        try:
            production = import_production(file, slug=slug)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {production.title} at /p/{production.slug}/.")
