from django.core.management.base import BaseCommand

from apps.core.exports import csv_writer
from apps.schedules.management.commands._common import production_named
from apps.schedules.scene_tables import SCENE_COLUMNS, scene_list_tables


class Command(BaseCommand):
    help = (
        "Write the scene list as CSV: the scenes table of the scene list export (docs/formats.md)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("production_slug")
        parser.add_argument("file")

    def handle(self, *args, production_slug: str, file: str, **options) -> None:
        production = production_named(production_slug)
        rows = scene_list_tables(production)["scenes"]
        with open(file, "w", newline="", encoding="utf-8") as out:
            writer = csv_writer(out)
            writer.writerow(SCENE_COLUMNS)
            writer.writerows(rows)
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} scenes written to {file}."))
