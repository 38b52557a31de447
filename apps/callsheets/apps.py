from django.apps import AppConfig


class CallsheetsConfig(AppConfig):
    name = "apps.callsheets"
    verbose_name = "Call sheets"

    def ready(self) -> None:
        from apps.callsheets.demo import seed_callsheets
        from apps.callsheets.models import CallSheet
        from apps.callsheets.panel import panel_context
        from apps.productions import audit
        from apps.productions.capabilities import Capability as C
        from apps.productions.dashboard import NavItem, Panel, register_nav, register_panel
        from apps.productions.demo import register_demo_seeder

        audit.register(
            CallSheet,
            production_field="production_id",
            label="Call sheet",
            describe=lambda r: str(r.shoot_day) if r.shoot_day_id else "call sheet",
            select_related=("shoot_day",),
        )
        register_nav(NavItem("Call sheets", "callsheets:list", C.VIEW_CALLSHEETS, 500, "megaphone"))
        register_panel(
            Panel(
                key="callsheet",
                title="Next call sheet",
                template="callsheets/panel.html",
                capability=C.VIEW_CALLSHEETS,
                context=panel_context,
            )
        )
        register_demo_seeder(seed_callsheets, order=500)
