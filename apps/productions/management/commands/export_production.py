"""Write one production, its history, memberships and uploaded files to one .zip archive."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.productions.backup.archive import BackupError, export_production
from apps.productions.models import Production


class Command(BaseCommand):
    help = "Write a production (records, history, members, files) to one archive: SLUG FILE."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("file")

    def handle(self, *args, slug: str, file: str, **options) -> None:
        production = Production.objects.filter(slug=slug).first()
        if production is None:
            raise CommandError(f"No production with the address '{slug}'.")
        try:
            manifest = export_production(production, file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Wrote {production.slug} to {file}: {rows} records, {manifest['users']} users, "
            f"{len(manifest['files'])} files."
        )
        for name in manifest["missing_files"]:
            self.stderr.write(f"Missing from storage, not archived: {name}")
