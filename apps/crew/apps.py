from django.apps import AppConfig


class CrewConfig(AppConfig):
    name = "apps.crew"
    verbose_name = "Crew"

    def ready(self) -> None:
        from apps.crew.demo import seed_crew
        from apps.crew.models import DayAssignment, DealMemo, Engagement, Person
        from apps.crew.panel import panel_context
        from apps.productions import audit
        from apps.productions.capabilities import Capability as C
        from apps.productions.dashboard import NavItem, Panel, register_nav, register_panel
        from apps.productions.demo import register_demo_seeder

        audit.register(
            Person, production_field="production_id", label="Person", describe=lambda r: r.name
        )
        audit.register(
            DealMemo,
            production_field="production_id",
            label="Deal memo",
            describe=lambda r: f"{r.person.name if r.person else '?'} as {r.position}",
            select_related=("person", "position"),
        )
        audit.register(
            Engagement,
            production_field="production_id",
            label="Engagement",
            describe=lambda r: f"{r.person.name if r.person else '?'} as {r.position}",
            select_related=("person", "position"),
        )
        audit.register(
            DayAssignment,
            production_field="production_id",
            label="Day booking",
            describe=lambda r: f"{r.person.name if r.person else '?'} on {r.shoot_day}",
            select_related=("person", "shoot_day"),
        )
        register_nav(NavItem("Crew", "crew:list", C.VIEW_CREW, 300, "people-fill"))
        register_nav(
            NavItem("My deal memos", "crew:my_memos", C.VIEW_PRODUCTION, 310, "pen",
                    unless=C.VIEW_CREW)
        )  # fmt: skip
        register_panel(
            Panel(
                key="crew",
                title="Open hires",
                template="crew/panel.html",
                capability=C.VIEW_CREW,
                context=panel_context,
            )
        )
        register_demo_seeder(seed_crew, order=300)
