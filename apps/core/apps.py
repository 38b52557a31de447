from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel: mechanisms every app shares, and no rule of the film trade (see __init__.py)."""

    name = "apps.core"
    verbose_name = "Kernel"

    def ready(self) -> None:
        from celery.signals import task_postrun
        from django.db.backends.signals import connection_created

        from apps.core import freshness

        connection_created.connect(freshness.watch_new_connection, dispatch_uid="core-watch-writes")
        task_postrun.connect(freshness.settle_after_task, dispatch_uid="core-settle-after-task")
