"""What the finance plan adds to the app registry (apps/development/apps.py): audited models."""

from __future__ import annotations

from apps.core import registry


def audited() -> list[registry.Audited]:
    from apps.development.finance.models import CashFlowPlan, FinanceSource, SpreadRule

    return [
        registry.Audited(FinanceSource, "Finance source", lambda s: f"{s.name} ({s.kind})"),
        registry.Audited(CashFlowPlan, "Cash-flow dates", lambda p: "End of post"),
        registry.Audited(
            SpreadRule, "Cash-flow spread rule", lambda r: f"Category {r.category_number}"
        ),
    ]
