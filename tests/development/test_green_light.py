"""The green light moves the phase to pre-production, in words in the audit; the budget (with its
lines), the finance plan, drafts, research, rights (and anything else the production holds) stay
attached and reachable."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.budgets.models import BudgetVersion, DetailLine
from apps.development.finance import services as finance
from apps.development.finance.models import FinanceSource, SourceKind, SourceStatus
from apps.development.models import Draft, Option, Project, ResearchNote, Status
from apps.productions.capabilities import Role
from apps.productions.models import Phase
from tests.budgets.factories import add_line, budget_from_template
from tests.factories import member

pytestmark = pytest.mark.django_db


def url(production, name, **kwargs):
    return reverse(f"development:{name}", kwargs={"production_slug": production.slug, **kwargs})


@pytest.fixture
def developed(production):
    production.phase = Phase.DEVELOPMENT
    production.save()
    Project.objects.create(production=production, logline="A ferry at night")
    note = ResearchNote.objects.create(production=production, title="Ferry timetables 1958")
    draft = Draft.objects.create(
        production=production, title="First draft", draft_date=date(2026, 1, 5), authors="A. W",
        file=SimpleUploadedFile("d.fountain", b"INT. FERRY - NIGHT\n\nThe sea."),
    )  # fmt: skip
    option = Option.objects.create(
        production=production, material="The Night Ferry (novel)", grantor="J. Author",
        option_start=date(2026, 1, 1), option_end=date(2027, 1, 1),
    )  # fmt: skip
    version = budget_from_template(production)
    line = add_line(version, "3301", description="Ferry charter, three nights", rate="18250")
    source = finance.source_create(
        production=production, kind=SourceKind.EQUITY, name="Harbour equity",
        financier="Quay Capital", financier_contact="", amount=Decimal("400000"),
        status=SourceStatus.COMMITTED, expected_on=None, closed_on=None, notes="", rate=None,
        qualifying="", cap_amount=None, cap_percent=None,
    )  # fmt: skip
    return production, note, draft, option, line, source


def test_green_light_moves_the_phase_and_keeps_everything(client, developed):
    production, note, draft, option, line, source = developed
    version = line.budget_version
    client.force_login(member(production, Role.PRODUCER))
    response = client.post(url(production, "green_light"))
    assert response.status_code == 302
    production.refresh_from_db()
    assert production.phase == Phase.PRE_PRODUCTION
    assert production.development.status == Status.GREEN_LIT
    for page in ("project", "research", "drafts", "rights"):
        assert client.get(url(production, page)).status_code == 200, page
    assert note.title in client.get(url(production, "research")).content.decode()
    assert draft.title in client.get(url(production, "drafts")).content.decode()
    assert option.material in client.get(url(production, "rights")).content.decode()
    assert client.get(url(production, "option", pk=option.pk)).status_code == 200
    assert client.get(url(production, "draft_file", pk=draft.pk)).status_code == 200
    # Every row is still the production's: nothing was copied or moved.
    assert ResearchNote.objects.get(pk=note.pk).production_id == production.pk
    assert Draft.objects.get(pk=draft.pk).production_id == production.pk
    assert Option.objects.get(pk=option.pk).production_id == production.pk
    assert BudgetVersion.objects.get(pk=version.pk).production_id == production.pk
    assert DetailLine.objects.filter(pk=line.pk, budget_version=version).exists()
    assert FinanceSource.objects.get(pk=source.pk).production_id == production.pk
    budget = client.get(reverse("budgets:index", kwargs={"production_slug": production.slug}))
    assert budget.status_code == 302
    assert client.get(budget["Location"]).status_code == 200
    account = reverse(
        "budgets:account",
        kwargs={"production_slug": production.slug, "version_id": version.pk,
                "account_id": line.account_id},
    )  # fmt: skip
    assert "Ferry charter, three nights" in client.get(account).content.decode()
    plan = client.get(url(production, "finance")).content.decode()
    assert "Harbour equity" in plan and "Quay Capital" in plan
    assert "400,000.00" in plan
    # In prep, each draft can go into the schedule's script import.
    assert (
        'data-testid="draft-to-schedule"' in client.get(url(production, "drafts")).content.decode()
    )
    # The audit says it in words.
    audit = client.get(reverse("productions:audit", kwargs={"production_slug": production.slug}))
    assert "Green light: moved from development to pre-production" in audit.content.decode()


def test_green_light_twice_is_refused_and_changes_nothing(client, developed):
    production = developed[0]
    client.force_login(member(production, Role.PRODUCER))
    client.post(url(production, "green_light"))
    response = client.post(url(production, "green_light"), follow=True)
    assert "no longer in development" in response.content.decode()
    production.refresh_from_db()
    assert production.phase == Phase.PRE_PRODUCTION


def test_a_production_manager_may_see_but_not_green_light(client, developed):
    production = developed[0]
    client.force_login(member(production, Role.PRODUCTION_MANAGER))
    assert client.get(url(production, "project")).status_code == 200
    assert client.post(url(production, "green_light")).status_code == 403
    production.refresh_from_db()
    assert production.phase == Phase.DEVELOPMENT
