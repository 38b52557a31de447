"""What the schedules app plugs into the foundation: audit, menu, dashboard panel, demo data."""

from __future__ import annotations


def connect() -> None:
    from apps.productions import audit
    from apps.productions.capabilities import Capability as C
    from apps.productions.dashboard import NavItem, Panel, register_nav, register_panel
    from apps.productions.demo import register_demo_seeder
    from apps.schedules import models
    from apps.schedules.demo import seed_demo_schedule
    from apps.schedules.queries import summary

    audit.register(
        models.Scene, production_field="production_id", label="Scene",
        describe=lambda row: f"Scene {row.number}",
    )  # fmt: skip
    audit.register(
        models.CastMember, production_field="production_id", label="Cast member",
        describe=lambda row: f"{row.id_number}. {row.character}",
    )  # fmt: skip
    audit.register(
        models.Location, production_field="production_id", label="Location",
        describe=lambda row: row.name,
    )  # fmt: skip
    audit.register(
        models.Set, production_field="production_id", label="Set",
        describe=lambda row: row.name,
    )  # fmt: skip
    audit.register(
        models.BreakdownElement, production_field="production_id", label="Breakdown element",
        describe=lambda row: f"{row.get_category_display()}: {row.name}",
    )  # fmt: skip
    audit.register(
        models.ShootDay, production_field="production_id", label="Shoot day",
        describe=lambda row: f"{row.get_kind_display()} {row.date}",
    )  # fmt: skip
    audit.register(
        models.ScheduleSettings, production_field="production_id", label="Schedule settings",
        describe=lambda row: "Schedule settings",
    )  # fmt: skip
    register_nav(NavItem("Schedule", "schedules:board", C.VIEW_SCHEDULE, 200, "calendar3"))
    register_panel(
        Panel(
            key="schedule",
            title="Schedule",
            template="schedules/panel.html",
            capability=C.VIEW_SCHEDULE,
            context=lambda request: {"schedule": summary(request.production)},
        )
    )
    register_demo_seeder(seed_demo_schedule, order=200)
