from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "apps.budgets"
    verbose_name = "Budgets"

    def ready(self) -> None:
        from apps.budgets import models as m
        from apps.budgets.demo import seed_demo_budget
        from apps.budgets.panel import budget_panel_context
        from apps.budgets.services.editing import shoot_days_changed_receiver
        from apps.productions import audit
        from apps.productions.capabilities import Capability as C
        from apps.productions.dashboard import NavItem, Panel, register_nav, register_panel
        from apps.productions.demo import register_demo_seeder
        from apps.productions.signals import shoot_days_changed

        shoot_days_changed.connect(
            shoot_days_changed_receiver, dispatch_uid="budgets.shoot_days_changed"
        )
        register_nav(NavItem("Budget", "budgets:index", C.VIEW_BUDGET, 100, "cash-coin"))
        register_nav(
            NavItem("Budget", "budgets:department", C.VIEW_DEPARTMENT_BUDGET, 100, "cash-coin")
        )
        register_panel(
            Panel(
                key="budget",
                title="Budget",
                template="budgets/panel.html",
                capability=C.VIEW_BUDGET,
                context=budget_panel_context,
            )
        )
        register_demo_seeder(seed_demo_budget, order=100)
        # (model, label, how a history row names its record) for the audit log.
        audited = [
            (m.DetailLine, "Budget line",
             lambda row: f"{row.account.number if row.account else ''} {row.description}"),
            (m.Actual, "Actual", lambda row: f"{row.account_number} {row.payee} {row.amount}"),
            (m.Commitment, "Commitment",
             lambda row: f"{row.account_number} {row.description} {row.amount}"),
            (m.BudgetVersion, "Budget version",
             lambda row: f"{row.name} ({row.get_status_display()})"),
            (m.Global, "Budget global", lambda row: f"{row.name} = {row.value}"),
            (m.Fringe, "Fringe", lambda row: f"{row.code} {row.name}"),
            (m.Markup, "Markup", lambda row: f"{row.name} {row.percent}%"),
            (m.CostEstimate, "Estimate to complete",
             lambda row: f"{row.account_number} {row.amount}"),
        ]  # fmt: skip
        for model, label, describe in audited:
            audit.register(
                model,
                production_field="production_id",
                label=label,
                describe=describe,
                select_related=("account",) if model is m.DetailLine else (),
            )
