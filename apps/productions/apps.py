from apps.core import registry


class ProductionsConfig(registry.DomainAppConfig):
    name = "apps.productions"
    verbose_name = "Productions"

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        return [
            registry.NavItem(
                "Dashboard", "productions:dashboard", C.VIEW_PRODUCTION, 0, "speedometer2"
            ),
            registry.NavItem("Members", "productions:members", C.MANAGE_MEMBERS, 900, "people"),
            registry.NavItem("Audit log", "productions:audit", C.VIEW_AUDIT, 910, "clock-history"),
            registry.NavItem("Settings", "productions:settings", C.EDIT_PRODUCTION, 920, "gear"),
        ]

    def connect(self) -> None:
        from apps.productions import stamps  # noqa: F401 - registers the data stamps' hook

    def audited(self) -> list[registry.Audited]:
        from apps.productions.models import Membership, Production

        return [
            registry.Audited(
                Production, "Production", lambda row: row.title, production_field="id"
            ),
            registry.Audited(
                Membership,
                "Membership",
                lambda row: f"{row.user.display_name if row.user else 'removed user'}",
                select_related=("user",),
            ),
        ]
