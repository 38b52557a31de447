from apps.core import registry


class DevelopmentConfig(registry.DomainAppConfig):
    name = "apps.development"
    verbose_name = "Development"

    def audited(self) -> list[registry.Audited]:
        from apps.development.models import Project

        return [
            registry.Audited(
                Project,
                "Development project",
                lambda p: p.production.title,
                select_related=("production",),
            )
        ]
