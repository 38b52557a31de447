"""The demo's pitch packages (Night Ferry's, and North Light's on the slate): a team, attached
talent with a letter of interest, comparable titles; the budget, schedule and finance plan come
from the production itself."""

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

NORTH_LIGHT_PEOPLE = (
    (PersonKind.TEAM, "Sofie Brandt", "Director", "Snow Line (2021)", ""),
    (PersonKind.TEAM, "Jonas Ek", "Producer", "The Long Thaw (2018)", ""),
    (PersonKind.TALENT, "Elin Haugen", "Lead, the older photographer", "Polar Night",
     "A winter in that cabin is a part I have waited for. Count me in."),
)  # fmt: skip
NORTH_LIGHT_COMPARABLES = (
    ("Snow Line", 2021, Decimal("5500000"), "$14.2M worldwide; Sundance Premieres"),
    ("The Long Thaw", 2018, Decimal("7000000"), "$9.6M worldwide; Nordic pre-sales"),
)


def seed_pitch(production: Production, people=PEOPLE, comparables=COMPARABLES) -> None:
    if PitchPerson.objects.filter(production=production).exists():
        return
    for kind, name, role, credits, letter in people:
        services.item_save(
            instance=PitchPerson(kind=kind, name=name, role=role, credits=credits,
                                 letter_text=letter),
            production=production,
        )  # fmt: skip
    for title, year, budget, result in comparables:
        services.item_save(
            instance=Comparable(title=title, year=year, budget=budget, result=result),
            production=production,
        )
    services.package_for(production)
