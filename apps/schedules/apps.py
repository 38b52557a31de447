from django.apps import AppConfig


class SchedulesConfig(AppConfig):
    name = "apps.schedules"
    verbose_name = "Schedules"

    def ready(self) -> None:
        from apps.schedules import wiring

        wiring.connect()
