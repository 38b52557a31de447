"""The slate's writes: a new idea (a production in the Development phase with its project), the
project's edit (optimistic locking), and the green light (the phase moves to pre-production)."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from apps.accounts.models import User
from apps.core.locking import save_if_unchanged
from apps.core.money import round_money
from apps.development.errors import BUDGET_RANGE, NOT_IN_DEVELOPMENT, DevelopmentError
from apps.development.models import Project, Status
from apps.productions import services as production_services
from apps.productions.capabilities import Role
from apps.productions.models import Phase, Production

PROJECT_FIELDS = (
    "logline", "synopsis", "genre", "budget_low", "budget_high", "status", "owner",
    "next_step", "next_step_date",
)  # fmt: skip


def free_slug(title: str) -> str:
    """An address for a new production from its title: night-ferry, night-ferry-2 ..."""
    base = (slugify(title) or "project")[:50].strip("-") or "project"
    slug, n = base, 1
    while Production.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_range(low, high) -> None:
    if low is not None and high is not None and high < low:
        raise DevelopmentError(BUDGET_RANGE, field="budget_high")


@transaction.atomic
def idea_create(*, user: User, title: str, format: str, currency: str = "USD", **fields) -> Project:
    """A new idea on the slate: a production in the Development phase (its creator its producer)
    with its development project, so the green light later keeps everything attached."""
    for name in ("budget_low", "budget_high"):
        if fields.get(name) is not None:
            fields[name] = round_money(fields[name], currency)
    _check_range(fields.get("budget_low"), fields.get("budget_high"))
    production = production_services.production_create(
        user=user,
        role=Role.PRODUCER,
        title=title,
        slug=free_slug(title),
        format=format,
        currency=currency,
        phase=Phase.DEVELOPMENT,
    )
    fields.setdefault("owner", user)
    return Project.objects.create(production=production, **fields)


def project_for(production: Production, *, create: bool = True) -> Project:
    """The production's development project. A production created directly (not as an idea on
    the slate) gets its row on its first edit; until then its page shows an empty project."""
    if not create:
        return Project.objects.filter(production=production).first() or Project(
            production=production
        )
    project, _ = Project.objects.get_or_create(production=production)
    return project


@transaction.atomic
def project_update(*, project: Project, expected_version: int, **fields) -> Project:
    _check_range(fields.get("budget_low"), fields.get("budget_high"))
    for name, value in fields.items():
        setattr(project, name, value)
    save_if_unchanged(project, expected_version=expected_version, what="project")
    return project


@transaction.atomic
def green_light(*, project: Project) -> Production:
    """Move the production from Development to pre-production. Nothing is copied or moved: the
    budget, drafts, research, rights and finance plan belong to the production and stay."""
    production = Production.objects.select_for_update().get(pk=project.production_id)
    if production.phase != Phase.DEVELOPMENT:
        raise DevelopmentError(NOT_IN_DEVELOPMENT)
    production.phase = Phase.PRE_PRODUCTION
    production.version += 1
    production._change_reason = "Green light: moved from development to pre-production"
    production.save(update_fields=["phase", "version"])
    project.status = Status.GREEN_LIT
    project.version += 1
    project._change_reason = "Green light"
    project.save(update_fields=["status", "version", "updated_at"])
    return production
