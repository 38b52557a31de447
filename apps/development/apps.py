from apps.core import registry


class DevelopmentConfig(registry.DomainAppConfig):
    name = "apps.development"
    verbose_name = "Development"

    def audited(self) -> list[registry.Audited]:
        from apps.development.finance.registry import audited as finance_audited
        from apps.development.models import Project
        from apps.development.pitch.registry import audited as pitch_audited

        return [
            registry.Audited(
                Project,
                "Development project",
                lambda p: p.production.title,
                select_related=("production",),
            ),
            *finance_audited(),
            *pitch_audited(),
        ]

    def demo(self):
        from apps.development.demo import seed_development

        return seed_development, 750
