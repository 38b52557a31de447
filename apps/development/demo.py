"""The demo's slate: Night Ferry's own project (green-lit), and five projects in development, each
a production in the Development phase with the demo's producer, AP and production manager as its
members, in different states; one ("The Salt Road") with research, a draft and an option on
its underlying book, another ("North Light", financing) with a finance plan and a pitch package.
Only the small demo; idempotent (a project's production is made once, by
its slug, and its research, draft and option only when it has none)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile

from apps.development.models import (
    ChainDocument,
    Draft,
    Extension,
    Option,
    Project,
    ResearchNote,
    Status,
)
from apps.development.research.models import SourceKind
from apps.productions.capabilities import Role
from apps.productions.models import Format, Membership, Phase, Production

# (slug, title, format, genre, status, logline, budget from, to, next step, in days)
SLATE = [
    ("salt-road", "The Salt Road", Format.FEATURE, "Historical drama", Status.OPTIONED,
     "A salt smuggler's daughter walks the old road to pay her father's debt.",
     "2500000", "4000000", "Writer's second draft due", 21),
    ("tide-tables", "Tide Tables", Format.TV_SERIES, "Crime", Status.IN_DEVELOPMENT,
     "A harbour master keeps the town's secrets by the hour of the tide.",
     "12000000", "15000000", "Pitch the bible to the channel", 14),
    ("quiet-engine", "The Quiet Engine", Format.DOCUMENTARY, "Science", Status.IDEA,
     "Inside the last coal-fired ferry still crossing the Baltic.",
     "300000", "450000", "Call the shipping line's archive", 7),
    ("lamplighters", "Lamplighters", Format.SHORT, "Fantasy", Status.PACKAGING,
     "On the longest night, the city's last lamplighter refuses to stop.",
     "80000", "120000", "Send the package to the director", 10),
    ("north-light", "North Light", Format.FEATURE, "Romance", Status.FINANCING,
     "Two rival photographers share a cabin for one Arctic winter.",
     "6000000", "8000000", "Close the gap with a regional fund", 30),
]  # fmt: skip
MEMBERS = (Role.PRODUCER, Role.ASSOCIATE_PRODUCER, Role.PRODUCTION_MANAGER)
PDF = b"%PDF-1.4\n% a scanned page\n%%EOF\n"
DRAFT_TEXT = b"""Title: The Salt Road
Credit: Written by
Author: Ana Duarte
Draft date: Second draft

EXT. SALT FLATS - DAWN

White to the horizon. MARTA (17) drags a sack along the old road.
"""


def seed_development(production: Production, people: dict, size: str) -> None:
    from apps.development.finance.demo import seed_finance
    from apps.development.pitch.demo import (
        NORTH_LIGHT_COMPARABLES,
        NORTH_LIGHT_PEOPLE,
        seed_pitch,
    )

    Project.objects.get_or_create(
        production=production,
        defaults={
            "logline": "A night crossing, a missing passenger, and a crew that will not talk.",
            "genre": "Thriller",
            "status": Status.GREEN_LIT,
            "owner": people[Role.PRODUCER],
        },
    )
    # Night Ferry's finance plan (with an incentive) and pitch package, both sizes.
    seed_finance(production)
    seed_pitch(production)
    if size != "small":
        return
    today = production.today()
    for slug, title, fmt, genre, status, logline, low, high, step, days in SLATE:
        idea = Production.objects.filter(slug=slug).first()
        if idea is None:
            idea = Production.objects.create(
                slug=slug, title=title, format=fmt, phase=Phase.DEVELOPMENT,
                currency=production.currency, time_zone=production.time_zone,
                company_name=production.company_name,
            )  # fmt: skip
        for role in MEMBERS:
            Membership.objects.get_or_create(
                user=people[role], production=idea, defaults={"role": role}
            )
        project, _ = Project.objects.get_or_create(
            production=idea,
            defaults={
                "logline": logline, "genre": genre, "status": status,
                "budget_low": Decimal(low), "budget_high": Decimal(high),
                "owner": people[Role.ASSOCIATE_PRODUCER], "next_step": step,
                "next_step_date": today + timedelta(days=days),
            },
        )  # fmt: skip
        if slug == "salt-road":
            seed_material(idea, people[Role.ASSOCIATE_PRODUCER])
        if slug == "north-light":
            seed_finance(idea, target=Decimal(high))
            seed_pitch(idea, NORTH_LIGHT_PEOPLE, NORTH_LIGHT_COMPARABLES)


def seed_material(production: Production, ap) -> None:
    """Research notes (one with a scanned page), a draft, and an option with an extension and a
    chain-of-title document; tests/test_query_budget.py adds them to the large demo too."""
    today = production.today()
    if not ResearchNote.objects.filter(production=production).exists():
        notes = [
            ("Salt routes of the Portuguese coast", SourceKind.BOOK,
             "M. Sousa, The White Roads, Lisbon 1987, ch. 3", "", "salt, history, route",
             "Tolls every 20 km; smugglers walked at night in winter."),
            ("Interview: a salt worker's granddaughter", SourceKind.INTERVIEW,
             "Rosa Lima, Aveiro, 12 March", "", "salt, interview, family",
             "Her grandmother carried 30 kg on her head; songs to keep pace."),
            ("Museum of salt: photographs", SourceKind.LINK, "",
             "https://example.org/salt-museum", "salt, look, photographs",
             "Good references for the flats at dawn."),
        ]  # fmt: skip
        for title, kind, citation, url, tags, body in notes:
            note = ResearchNote.objects.create(
                production=production, title=title, source_kind=kind, citation=citation,
                url=url, tags=tags, body=body, added_by=ap,
            )  # fmt: skip
        note.attachment.save("salt-museum-scan.pdf", ContentFile(PDF), save=True)
    if not Draft.objects.filter(production=production).exists():
        draft = Draft(
            production=production, title="Second draft", draft_date=today - timedelta(days=12),
            authors="Ana Duarte", uploaded_by=ap, notes="Marta's father now alive at the end.",
        )  # fmt: skip
        draft.file.save("salt-road-second-draft.fountain", ContentFile(DRAFT_TEXT), save=True)
    if not Option.objects.filter(production=production).exists():
        option = Option.objects.create(
            production=production, material="The White Roads (novel) by M. Sousa",
            grantor="Maria Sousa", option_start=today - timedelta(days=385),
            option_end=today - timedelta(days=20), option_fee=Decimal("7500"),
            purchase_price=Decimal("90000"), notes="Extended once; price due on exercise.",
        )  # fmt: skip
        Extension.objects.create(
            production=production, option=option, agreed_on=today - timedelta(days=40),
            new_end=today + timedelta(days=25), fee=Decimal("5000"),
        )  # fmt: skip
        document = ChainDocument(
            production=production, option=option, title="Option agreement", uploaded_by=ap
        )
        document.file.save("option-agreement.pdf", ContentFile(PDF), save=True)
