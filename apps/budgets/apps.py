from apps.core import registry


class BudgetsConfig(registry.DomainAppConfig):
    name = "apps.budgets"
    verbose_name = "Budgets"

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        return [
            registry.NavItem("Budget", "budgets:index", C.VIEW_BUDGET, 100, "cash-coin"),
            registry.NavItem(
                "Budget", "budgets:department", C.VIEW_DEPARTMENT_BUDGET, 100, "cash-coin"
            ),
        ]

    def panels(self) -> list[registry.Panel]:
        from apps.budgets.panel import budget_panel_context
        from apps.productions.capabilities import Capability as C

        return [
            registry.Panel(
                "budget", "Budget", "budgets/panel.html", C.VIEW_BUDGET, budget_panel_context
            )
        ]

    def audited(self) -> list[registry.Audited]:
        from apps.budgets import models as m

        return [
            registry.Audited(
                m.DetailLine,
                "Budget line",
                lambda row: f"{row.account.number if row.account else ''} {row.description}",
                select_related=("account",),
            ),
            registry.Audited(
                m.Actual, "Actual", lambda row: f"{row.account_number} {row.payee} {row.amount}"
            ),
            registry.Audited(
                m.Commitment,
                "Commitment",
                lambda row: f"{row.account_number} {row.description} {row.amount}",
            ),
            registry.Audited(
                m.BudgetVersion,
                "Budget version",
                lambda row: f"{row.name} ({row.get_status_display()})",
            ),
            registry.Audited(
                m.Global, "Budget global", lambda row: f"{row.name} = {row.value.normalize():f}"
            ),
            registry.Audited(m.Fringe, "Fringe", lambda row: f"{row.code} {row.name}"),
            registry.Audited(m.Markup, "Markup", lambda row: f"{row.name} {row.percent}%"),
            registry.Audited(
                m.CostEstimate,
                "Estimate to complete",
                lambda row: f"{row.account_number} {row.amount}",
            ),
            registry.Audited(
                m.CostPeriod, "Cost period", lambda row: f"Week ending {row.week_ending:%Y-%m-%d}"
            ),
        ]

    def demo(self):
        from apps.budgets.demo import seed_demo_budget

        return seed_demo_budget, 100

    def connect(self) -> None:
        from apps.budgets.services.links import (
            production_dates_changed_receiver,
            shoot_days_changed_receiver,
            shoot_days_costed_receiver,
        )
        from apps.budgets.services.totals import production_restored_receiver
        from apps.productions.signals import (
            production_dates_changed,
            production_restored,
            shoot_days_changed,
            shoot_days_costed,
        )

        shoot_days_costed.connect(
            shoot_days_costed_receiver, dispatch_uid="budgets.shoot_days_costed"
        )
        shoot_days_changed.connect(
            shoot_days_changed_receiver, dispatch_uid="budgets.shoot_days_changed"
        )
        production_dates_changed.connect(
            production_dates_changed_receiver, dispatch_uid="budgets.production_dates_changed"
        )
        production_restored.connect(
            production_restored_receiver, dispatch_uid="budgets.production_restored"
        )
