"""The demo's pitch package: a team, attached talent with a letter of interest, comparable
titles; the budget, schedule and finance plan come from the production itself."""

from __future__ import annotations

from decimal import Decimal

from apps.development.pitch import services
from apps.development.pitch.models import Comparable, PersonKind, PitchPerson
from apps.productions.models import Production

PEOPLE = (
    (PersonKind.TEAM, "Ines Varga", "Director", "The Salt Road (2022)", ""),
    (PersonKind.TEAM, "Tom Achebe", "Writer", "Low Tide (2020)", ""),
    (PersonKind.TALENT, "Mara Lindqvist", "Lead, the ferry's captain", "Winter Light",
     "I loved the script and would be glad to play the captain, dates permitting."),
)  # fmt: skip
COMPARABLES = (
    ("The Salt Road", 2022, Decimal("3200000"), "$11.4M worldwide; Berlin Panorama"),
    ("Harbour Nights", 2019, Decimal("2500000"), "$7.9M worldwide; streaming sale"),
)


def seed_pitch(production: Production) -> None:
    if PitchPerson.objects.filter(production=production).exists():
        return
    for kind, name, role, credits, letter in PEOPLE:
        services.item_save(
            instance=PitchPerson(kind=kind, name=name, role=role, credits=credits,
                                 letter_text=letter),
            production=production,
        )  # fmt: skip
    for title, year, budget, result in COMPARABLES:
        services.item_save(
            instance=Comparable(title=title, year=year, budget=budget, result=result),
            production=production,
        )
    services.package_for(production)
