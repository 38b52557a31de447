"""Deal memos committed before commitments carried fringes get them now, by the rule
commitment_record(labour=True) applies (apps/budgets/services/labour.py): the fringes of the
account's largest line in the production's current version, or its default percentage fringes
when it has no lines, on the memo's pay (rate x guarantee, at most the amount committed: kit
rental and per diem carry none). Only commitments whose source is a deal memo; nothing else is
touched."""

from decimal import Decimal

from django.db import migrations

from apps.budgets import engine
from apps.core.money import round_money


def _current_version(BudgetVersion, production_id):
    versions = list(
        BudgetVersion.objects.filter(production_id=production_id).order_by("created_at", "id")
    )
    moments = [(v.approved_at, v.id, v) for v in versions if v.status == "approved"]
    moments += [(v.made_current_at, v.id, v) for v in versions if v.made_current_at is not None]
    if moments:
        return max(moments, key=lambda item: (item[0], item[1]))[2]
    return versions[0] if versions else None


def _fringe(f):
    return engine.Fringe(f.code, f.name, f.kind, f.rate, f.cutoff)


def fill(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    memo_type = ContentType.objects.filter(app_label="crew", model="dealmemo").first()
    if memo_type is None:
        return
    Commitment = apps.get_model("budgets", "Commitment")
    BudgetVersion = apps.get_model("budgets", "BudgetVersion")
    Account = apps.get_model("budgets", "Account")
    DetailLine = apps.get_model("budgets", "DetailLine")
    DealMemo = apps.get_model("crew", "DealMemo")
    versions = {}
    for commitment in Commitment.objects.filter(source_type=memo_type).order_by("pk").iterator():
        production_id = commitment.production_id
        if production_id not in versions:
            versions[production_id] = _current_version(BudgetVersion, production_id)
        version = versions[production_id]
        if version is None:
            continue
        account = Account.objects.filter(
            budget_version=version, number=commitment.account_number
        ).first()
        if account is None:
            continue
        memo = DealMemo.objects.filter(pk=commitment.source_id).first()
        wage = commitment.amount
        if memo is not None:
            wage = min(wage, round_money(memo.rate * memo.guarantee, version.currency))
        largest = DetailLine.objects.filter(account=account).order_by("-total", "position", "id")
        largest = largest.first()
        if largest is None:
            amounts = engine.wage_fringes(
                wage, [_fringe(f) for f in account.fringes.all()], version.currency
            )
        else:
            amounts = engine.wage_fringes(
                wage,
                [_fringe(f) for f in largest.fringes.all()],
                version.currency,
                line=engine.LineInput(
                    largest.amount, largest.x, largest.rate, largest.exchange_rate
                ),
                line_total=largest.total,
            )
        commitment.fringe_amount = engine.money_sum(amounts.values(), Decimal(0))
        commitment.save(update_fields=["fringe_amount"])


def unfill(apps, schema_editor):
    Commitment = apps.get_model("budgets", "Commitment")
    Commitment.objects.update(fringe_amount=Decimal(0))


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0007_labour_fringes_on_commitments_and_actuals"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("crew", "0005_department_moves_to_productions"),
    ]

    operations = [migrations.RunPython(fill, unfill)]
