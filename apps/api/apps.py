from apps.core import registry


class ApiConfig(registry.DomainAppConfig):
    """The REST API: endpoints over the apps' services and queries, no models of its own."""

    name = "apps.api"
    verbose_name = "REST API"

    def connect(self) -> None:
        from apps.api import schema  # noqa: F401 - registers the token scheme with drf-spectacular
