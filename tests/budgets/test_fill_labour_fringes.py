"""Deal memos committed before commitments carried fringes get them from the fill migration, by
the same rule as a new labour commitment; other commitments stay without."""

from __future__ import annotations

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps as django_apps

from apps.budgets import services
from apps.budgets.models import Commitment
from tests.budgets.factories import add_line, budget_from_template, fringe_ids
from tests.crew.test_commitments import accept, offer

pytestmark = pytest.mark.django_db

fill = importlib.import_module("apps.budgets.migrations.0008_fill_labour_commitment_fringes").fill


def test_the_fill_gives_old_memo_commitments_the_fringes_a_new_one_gets(production):
    version = budget_from_template(production)
    add_line(version, "3301", x="6", rate="5000", fringes=fringe_ids(version, "FICA", "MEDICARE"))
    accept(offer(production))  # 10,210.00; FICA 620.00 + Medicare 145.00 on the 10,000.00 pay
    manual = services.commitment_add_manual(
        production=production,
        account_number="3301",
        amount=Decimal(1000),
        description="Camera test day",
        date=date(2026, 1, 9),
    )
    memo_commitment = Commitment.objects.exclude(pk=manual.pk).get()
    assert memo_commitment.fringe_amount == Decimal("765.00")
    Commitment.objects.update(fringe_amount=0)  # as committed before fringes were carried

    fill(django_apps, None)

    assert Commitment.objects.get(pk=memo_commitment.pk).fringe_amount == Decimal("765.00")
    assert Commitment.objects.get(pk=manual.pk).fringe_amount == Decimal("0.00")
