"""What the pitch PDF prints, read from the project's own data: each section in the package's
order, and only when it has something to say (a budget summary without a budget is left out,
never printed empty)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta

from django.http import Http404
from django.utils.text import slugify

from apps.budgets.models import Global
from apps.budgets.queries import current_version, top_sheet
from apps.core.documents import Heading
from apps.core.validators import open_upload
from apps.development.finance.plan import finance_plan
from apps.development.models import Project
from apps.development.pitch.models import (
    Comparable,
    LookImage,
    PersonKind,
    PitchPackage,
    PitchPerson,
    Section,
)
from apps.development.pitch.validators import LOOK_CONTENT_TYPES, look_kind
from apps.productions.models import Production

TEMPLATE = "development/pitch/pitch_pdf.html"


@dataclass
class PrintedSection:
    key: str
    title: str
    data: object


def package_of(production: Production) -> PitchPackage:
    """The saved package, or (until someone changes it) every section in the default order."""
    found = PitchPackage.objects.filter(production=production).first()
    return found if found is not None else PitchPackage(production=production)


def _image_uri(look: LookImage) -> str:
    try:
        handle, kind = open_upload(look.image, look_kind)
    except Http404:
        return ""
    with handle:
        data = base64.b64encode(handle.read()).decode("ascii")
    return f"data:{LOOK_CONTENT_TYPES[kind]};base64,{data}"


def _schedule(production: Production, version) -> dict | None:
    p = production
    if not (p.prep_start or p.first_shoot_day or p.wrap_date):
        return None
    shoot_days = None
    if version is not None:
        found = Global.objects.filter(budget_version=version, name="SHOOT_DAYS").first()
        shoot_days = found.value.normalize() if found is not None else None
    weeks = None
    if p.first_shoot_day and p.wrap_date:
        weeks = ((p.wrap_date - p.first_shoot_day) + timedelta(days=7)).days // 7
    return {"production": p, "shoot_days": shoot_days, "shoot_weeks": weeks}


def section_data(production: Production, key: str, project: Project | None, version):
    """The section's content, or None when the project has nothing for it yet."""
    if key in (Section.LOGLINE, Section.SYNOPSIS):
        text = getattr(project, key, "") if project is not None else ""
        return text or None
    if key in (Section.TEAM, Section.TALENT):
        people = list(PitchPerson.objects.filter(production=production, kind=key))
        return people or None
    if key == Section.LOOK:
        looks = LookImage.objects.filter(production=production)
        images = [(look, _image_uri(look)) for look in looks]
        return [(look, uri) for look, uri in images if uri] or None
    if key == Section.COMPARABLES:
        return list(Comparable.objects.filter(production=production)) or None
    if key == Section.BUDGET:
        return top_sheet(version) if version is not None else None
    if key == Section.SCHEDULE:
        return _schedule(production, version)
    if key == Section.FINANCE:
        plan = finance_plan(production)
        return plan if plan.lines else None
    return None


def pitch_context(production: Production) -> dict:
    package = package_of(production)
    project = Project.objects.filter(production=production).first()
    version = current_version(production)
    sections = []
    for key in package.order:
        data = section_data(production, key, project, version)
        if data is not None:
            sections.append(PrintedSection(key, Section(key).label, data))
    return {
        "sections": sections,
        "project": project,
        "production": production,
        "team_kind": PersonKind.TEAM,
        "heading": heading_of(production),
    }


def heading_of(production: Production) -> Heading:
    return Heading("Pitch package", "", production.get_phase_display())


def filename_of(production: Production) -> str:
    return f"pitch-{slugify(production.title) or production.slug}"
