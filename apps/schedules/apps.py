from apps.core import registry


class SchedulesConfig(registry.DomainAppConfig):
    name = "apps.schedules"
    verbose_name = "Schedules"

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        return [registry.NavItem("Schedule", "schedules:board", C.VIEW_SCHEDULE, 200, "calendar3")]

    def panels(self) -> list[registry.Panel]:
        from apps.productions.capabilities import Capability as C
        from apps.schedules.panel import summary

        return [
            registry.Panel(
                "schedule",
                "Schedule",
                "schedules/panel.html",
                C.VIEW_SCHEDULE,
                lambda request: {"schedule": summary(request.production)},
            )
        ]

    def script_importer(self):
        from apps.schedules.handoff import import_for_review

        return import_for_review

    def audited(self) -> list[registry.Audited]:
        from apps.schedules import models as m

        return [
            registry.Audited(m.Scene, "Scene", lambda row: f"Scene {row.number}"),
            registry.Audited(
                m.CastMember, "Cast member", lambda row: f"{row.id_number}. {row.character}"
            ),
            registry.Audited(m.Location, "Location", lambda row: row.name),
            registry.Audited(m.Set, "Set", lambda row: row.name),
            registry.Audited(
                m.BreakdownElement,
                "Breakdown element",
                lambda row: f"{row.get_category_display()}: {row.name}",
            ),
            registry.Audited(
                m.ShootDay, "Shoot day", lambda row: f"{row.get_kind_display()} {row.date}"
            ),
            registry.Audited(
                m.ScheduleSettings, "Schedule settings", lambda row: "Schedule settings"
            ),
            registry.Audited(
                m.BoardBanner, "Board banner", lambda row: f"{row.get_kind_display()} {row.text}"
            ),
        ]

    def connect(self) -> None:
        from apps.productions.signals import shoot_days_asked
        from apps.schedules.services.common import shoot_days_answer

        shoot_days_asked.connect(shoot_days_answer, dispatch_uid="schedules.shoot_days_asked")

    def demo(self):
        from apps.schedules.demo import seed_demo_schedule

        return seed_demo_schedule, 200
