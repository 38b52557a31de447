from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel: mechanisms every app shares, and no rule of the film trade (see __init__.py)."""

    name = "apps.core"
    verbose_name = "Kernel"
