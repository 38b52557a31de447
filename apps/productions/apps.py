from django.apps import AppConfig


class ProductionsConfig(AppConfig):
    name = "apps.productions"
    verbose_name = "Productions"

    def ready(self) -> None:
        from apps.productions import audit
        from apps.productions.models import Membership, Production

        audit.register(
            Production, production_field="id", label="Production", describe=lambda row: row.title
        )
        audit.register(
            Membership,
            production_field="production_id",
            label="Membership",
            describe=lambda row: f"{row.user.display_name if row.user else 'removed user'}",
            select_related=("user",),
        )

        from apps.productions.capabilities import Capability as C
        from apps.productions.dashboard import NavItem, register_nav

        register_nav(
            NavItem("Dashboard", "productions:dashboard", C.VIEW_PRODUCTION, 0, "speedometer2")
        )
        register_nav(NavItem("Members", "productions:members", C.MANAGE_MEMBERS, 900, "people"))
        register_nav(NavItem("Audit log", "productions:audit", C.VIEW_AUDIT, 910, "clock-history"))
        register_nav(NavItem("Settings", "productions:settings", C.EDIT_PRODUCTION, 920, "gear"))
