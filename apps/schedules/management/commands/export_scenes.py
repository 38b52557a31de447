from django.core.management.base import BaseCommand

from apps.core.exports import csv_writer
from apps.schedules.management.commands._common import production_named
from apps.schedules.queries import SCENE_HEADER, scene_rows


class Command(BaseCommand):
    help = "Write the scene list as CSV: number, int_ext, set, time_of_day, eighths, cast."

    def add_arguments(self, parser) -> None:
        parser.add_argument("production_slug")
        parser.add_argument("file")

    def handle(self, *args, production_slug: str, file: str, **options) -> None:
        production = production_named(production_slug)
        with open(file, "w", newline="", encoding="utf-8") as out:
            writer = csv_writer(out)
            writer.writerow(SCENE_HEADER)
            count = 0
            for row in scene_rows(production):
                writer.writerow(row)
                count += 1
        self.stdout.write(self.style.SUCCESS(f"{count} scenes written to {file}."))
