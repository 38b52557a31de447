from apps.core import registry


class DailyReportsConfig(registry.DomainAppConfig):
    name = "apps.daily_reports"
    verbose_name = "Daily reports"

    def panels(self) -> list[registry.Panel]:
        from apps.daily_reports.panel import panel_context
        from apps.productions.capabilities import Capability as C

        return [
            registry.Panel(
                "shoot_progress",
                "Shoot progress",
                "daily_reports/panel.html",
                C.VIEW_DAILY_REPORTS,
                panel_context,
            )
        ]

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        return [
            registry.NavItem(
                "Daily reports", "daily_reports:list", C.VIEW_DAILY_REPORTS, 510, "clipboard-check"
            ),
            registry.NavItem("Hot costs", "hot_costs:summary", C.VIEW_HOT_COSTS, 520, "cash-stack"),
        ]

    def connect(self) -> None:
        from apps.daily_reports.crew_times import signed_times
        from apps.productions.signals import crew_times_asked

        crew_times_asked.connect(signed_times, dispatch_uid="daily_reports.crew_times")

    def demo(self):
        from apps.daily_reports.demo import seed_daily_reports

        return seed_daily_reports, 900  # after every app that posts money: periods freeze it

    def audited(self) -> list[registry.Audited]:
        from apps.daily_reports.models import DailyReport

        return [
            registry.Audited(
                DailyReport,
                "Daily report",
                lambda r: str(r.shoot_day) if r.shoot_day_id else "daily report",
                select_related=("shoot_day",),
            )
        ]
