import pytest
from django.urls import reverse

from tests.budgets.factories import account, budget_from_template

pytestmark = pytest.mark.django_db


def test_the_audit_log_says_who_changed_a_budget_line_and_posted_an_actual(
    ap_client, production, ap
):
    version = budget_from_template(production)
    acc = account(version, "3307")
    ap_client.post(
        reverse("budgets:line_new", args=[production.slug, version.id, acc.id]),
        {
            "new-description": "Camera package",
            "new-amount_formula": "1",
            "new-units": "weeks",
            "new-x_formula": "5",
            "new-rate_formula": "9500",
            "new-currency": "USD",
            "new-exchange_rate": "1",
        },
    )
    line = acc.lines.get()
    ap_client.post(
        reverse("budgets:line_edit", args=[production.slug, version.id, line.id]),
        {
            f"l{line.id}-{k}": v
            for k, v in {
                "description": "Camera package",
                "amount_formula": "1",
                "units": "weeks",
                "x_formula": "6",
                "rate_formula": "9500",
                "currency": "USD",
                "exchange_rate": "1",
                "version": "1",
            }.items()
        },
    )
    ap_client.post(
        reverse("budgets:actual_new", args=[production.slug]),
        {
            "date": "2026-02-01",
            "account_number": "3307",
            "payee": "Camera house",
            "description": "Week 1",
            "amount": "9500",
            "reference": "INV-1",
        },
    )
    entries = ap_client.get(
        reverse("productions:audit", kwargs={"production_slug": production.slug})
    ).context["entries"]
    change = next(e for e in entries if e.kind == "Budget line" and e.action == "changed")
    assert change.who == ap.display_name
    assert change.target == "3307 Camera package"
    fields = {field: (old, new) for field, old, new in change.changes}
    assert fields["total"] == ("$47,500.00", "$57,000.00")  # money as people read it
    assert any(e.kind == "Actual" and e.who == ap.display_name for e in entries)


def test_a_global_change_records_the_totals_it_moved_and_who_made_it(ap_client, production, ap):
    from tests.budgets.factories import add_line

    version = budget_from_template(production)
    add_line(version, "3201", description="Gaffer", x="SHOOT_DAYS", rate="650")
    ap_client.post(
        reverse("budgets:global_save", args=[production.slug, version.id]),
        {"name": "SHOOT_DAYS", "value": "30", "description": "Principal photography days."},
    )
    entries = ap_client.get(
        reverse("productions:audit", kwargs={"production_slug": production.slug})
    ).context["entries"]
    change = next(e for e in entries if e.kind == "Budget line" and e.action == "changed")
    assert change.who == ap.display_name
    assert ("total", "$16,250.00", "$19,500.00") in change.changes
