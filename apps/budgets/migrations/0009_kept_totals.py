"""Budget totals kept, not recomputed per request (issue 15).

The lines' fringes get their own model, LineFringe, on the table the plain many-to-many had
(budgets_detailline_fringes), with each fringe's amount on the line; accounts, categories,
fringes, markups and versions keep their totals. 0010 fills them in.
"""

from decimal import Decimal

import django.db.models.deletion
from django.db import migrations, models

import apps.core.money


def money():
    return apps.core.money.MoneyField(default=Decimal(0))


class Migration(migrations.Migration):
    dependencies = [("budgets", "0008_fill_labour_commitment_fringes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LineFringe",
                    fields=[
                        (
                            "id",
                            models.AutoField(primary_key=True, serialize=False),
                        ),
                        (
                            "detailline",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="budgets.detailline",
                            ),
                        ),
                        (
                            "fringe",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="budgets.fringe",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "budgets_detailline_fringes",
                        "ordering": ["detailline", "fringe"],
                        "unique_together": {("detailline", "fringe")},
                    },
                ),
                migrations.AlterField(
                    model_name="detailline",
                    name="fringes",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="lines",
                        through="budgets.LineFringe",
                        to="budgets.fringe",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField("linefringe", "amount", money()),
        migrations.AddField("account", "subtotal", money()),
        migrations.AddField("account", "fringe_total", money()),
        migrations.AddField("category", "subtotal", money()),
        migrations.AddField("category", "fringe_total", money()),
        migrations.AddField("fringe", "total", money()),
        migrations.AddField("markup", "amount", money()),
        migrations.AddField("budgetversion", "lines_total", money()),
        migrations.AddField("budgetversion", "fringes_total", money()),
        migrations.AddField("budgetversion", "markups_total", money()),
    ]
