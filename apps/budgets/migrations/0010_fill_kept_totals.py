"""Fill the totals 0009 added, from each line's stored quantities, with the engine's rules.

Self-contained (historical models and the pure engine), so later changes to the services cannot
change what this migration did. ``manage.py check_budget_totals`` checks the result.
"""

from collections import defaultdict

from django.db import migrations

from apps.budgets import engine

SECTIONS = ("ATL", "PRODUCTION", "POST", "OTHER")


def fill(apps, schema_editor):
    BudgetVersion = apps.get_model("budgets", "BudgetVersion")
    Category = apps.get_model("budgets", "Category")
    Account = apps.get_model("budgets", "Account")
    DetailLine = apps.get_model("budgets", "DetailLine")
    Fringe = apps.get_model("budgets", "Fringe")
    LineFringe = apps.get_model("budgets", "LineFringe")
    Markup = apps.get_model("budgets", "Markup")
    for version in BudgetVersion.objects.all().iterator():
        currency = version.currency
        fringes = {f.id: f for f in Fringe.objects.filter(budget_version=version)}
        rules = {
            f.code: engine.Fringe(f.code, f.name, f.kind, f.rate, f.cutoff)
            for f in fringes.values()
        }
        rows_by_line = defaultdict(list)
        for row in LineFringe.objects.filter(detailline__budget_version=version):
            rows_by_line[row.detailline_id].append(row)
        inputs = defaultdict(list)
        changed_rows = []
        for line_id, account_id, amount, x, rate, exchange in DetailLine.objects.filter(
            budget_version=version
        ).values_list("id", "account_id", "amount", "x", "rate", "exchange_rate"):
            rows = rows_by_line.get(line_id, [])
            codes = tuple(fringes[row.fringe_id].code for row in rows)
            line = engine.LineInput(amount, x, rate, exchange, codes)
            total = engine.line_total(line, currency)
            amounts = engine.fringe_amounts(line, total, rules, currency)
            for row in rows:
                row.amount = amounts[fringes[row.fringe_id].code]
                changed_rows.append(row)
            inputs[account_id].append(line)
        LineFringe.objects.bulk_update(changed_rows, ["amount"], batch_size=500)
        categories = list(Category.objects.filter(budget_version=version))
        accounts = list(Account.objects.filter(budget_version=version))
        markups = list(Markup.objects.filter(budget_version=version))
        by_category = defaultdict(list)
        for account in accounts:
            by_category[account.category_id].append(account)
        sections = [
            engine.Section(
                code,
                tuple(
                    engine.Category(
                        c.id,
                        tuple(
                            engine.Account(a.id, tuple(inputs.get(a.id, ())))
                            for a in by_category[c.id]
                        ),
                    )
                    for c in categories
                    if c.section == code
                ),
            )
            for code in SECTIONS
        ]
        totals = engine.rollup(
            sections,
            rules,
            [engine.Markup(m.name, m.percent, frozenset(m.sections)) for m in markups],
            currency,
        )
        for kind, rows, worked in (
            (Account, accounts, totals.accounts),
            (Category, categories, totals.categories),
        ):
            for row in rows:
                row.subtotal, row.fringe_total = worked[row.id].subtotal, worked[row.id].fringes
            kind.objects.bulk_update(rows, ["subtotal", "fringe_total"], batch_size=500)
        for fringe in fringes.values():
            fringe.total = totals.fringes_by_code[fringe.code]
        Fringe.objects.bulk_update(list(fringes.values()), ["total"])
        for markup in markups:
            markup.amount = totals.markups[markup.name]
        Markup.objects.bulk_update(markups, ["amount"])
        BudgetVersion.objects.filter(pk=version.pk).update(
            lines_total=totals.budget.subtotal,
            fringes_total=totals.budget.fringes,
            markups_total=totals.markup_total,
        )


class Migration(migrations.Migration):
    dependencies = [("budgets", "0009_kept_totals")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
