from apps.core import registry


class CallsheetsConfig(registry.DomainAppConfig):
    name = "apps.callsheets"
    verbose_name = "Call sheets"

    def connect(self) -> None:
        from apps.callsheets import ahead  # noqa: F401 - registers its hook on writes

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        return [
            registry.NavItem("Call sheets", "callsheets:list", C.VIEW_CALLSHEETS, 500, "megaphone")
        ]

    def panels(self) -> list[registry.Panel]:
        from apps.callsheets.panel import panel_context
        from apps.productions.capabilities import Capability as C

        return [
            registry.Panel(
                "callsheet",
                "Next call sheet",
                "callsheets/panel.html",
                C.VIEW_CALLSHEETS,
                panel_context,
            )
        ]

    def audited(self) -> list[registry.Audited]:
        from apps.callsheets.models import CallSheet

        return [
            registry.Audited(
                CallSheet,
                "Call sheet",
                lambda r: str(r.shoot_day) if r.shoot_day_id else "call sheet",
                select_related=("shoot_day",),
            )
        ]

    def demo(self):
        from apps.callsheets.demo import seed_callsheets

        return seed_callsheets, 500
