from apps.core import registry


class DevelopmentConfig(registry.DomainAppConfig):
    name = "apps.development"
    verbose_name = "Development"

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        # One entry in the production's menu; research, drafts, rights (and dev-b's finance and
        # pitch) are the project page's own tabs (templates/development/_nav.html).
        return [
            registry.NavItem(
                "Development", "development:project", C.VIEW_DEVELOPMENT, 120, "lightbulb"
            )
        ]

    def demo(self):
        from apps.development.demo import seed_development

        return seed_development, 750  # after casting (700), before post (800)

    def audited(self) -> list[registry.Audited]:
        from apps.development.finance.registry import audited as finance_audited
        from apps.development.models import (
            ChainDocument,
            Draft,
            Extension,
            Option,
            Project,
            ResearchNote,
        )
        from apps.development.pitch.registry import audited as pitch_audited

        return [
            registry.Audited(
                Project,
                "Development project",
                lambda p: p.production.title,
                select_related=("production",),
            ),
            registry.Audited(ResearchNote, "Research note", lambda n: n.title),
            registry.Audited(Draft, "Script draft", lambda d: f"{d.title} ({d.draft_date})"),
            registry.Audited(Option, "Option on rights", lambda o: f"{o.material} ({o.grantor})"),
            registry.Audited(
                Extension,
                "Option extension",
                lambda e: f"{e.option.material}: to {e.new_end}",
                select_related=("option",),
            ),
            registry.Audited(
                ChainDocument,
                "Chain-of-title document",
                lambda d: f"{d.option.material}: {d.title}",
                select_related=("option",),
            ),
            *finance_audited(),
            *pitch_audited(),
        ]
