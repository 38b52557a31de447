"""Demo schedule for 'Night Ferry': imports the demo script, maps sets to real places, lays out
25 shoot days on five-day weeks from the first shoot day and puts most scenes on them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.utils.text import slugify

from apps.schedules import services
from apps.schedules.categories import Category
from apps.schedules.models import (
    BreakdownElement,
    CastMember,
    Location,
    PermitStatus,
    RevisionColour,
    Scene,
    Set,
    ShootDay,
)
from apps.schedules.services import scenarios

SCRIPT = Path(__file__).with_name("night_ferry.fountain")
SHOOT_DAYS = 25
LEFT_IN_BIN = 4

# name, address, lat, long, which sets (by prefix), hospital
LOCATIONS = [
    (
        "MV Alderney (Pier 4)",
        "Pier 4, Ferry Road, Portland ME",
        "43.657800", "-70.248900",
        ("FERRY",),
        ("Maine Medical Center", "22 Bramhall St, Portland ME", "+1 207 662 0111"),
    ),
    (
        "Portland Ferry Terminal",
        "56 Commercial St, Portland ME",
        "43.655300", "-70.251700",
        ("HARBOUR", "NADIA'S SEDAN"),
        ("Maine Medical Center", "22 Bramhall St, Portland ME", "+1 207 662 0111"),
    ),
    (
        "Harbour Light Stage 2",
        "1 Industrial Way, South Portland ME",
        "43.632100", "-70.290400",
        ("MARA'S CABIN", "POLICE LAUNCH"),
        ("Northern Light Mercy", "175 Fore River Pkwy, Portland ME", "+1 207 879 3000"),
    ),
]  # fmt: skip

ELEMENTS = [  # scene, category, name, quantity
    ("1", Category.VEHICLES, "Black sedan", 1),
    ("1", Category.BACKGROUND, "Drivers in queue", 12),
    ("1", Category.SPECIAL_EFFECTS, "Rain", 1),
    ("2", Category.PROPS, "Steel briefcase", 1),
    ("10", Category.VEHICLES, "Police launch", 1),
    ("20", Category.PROPS, "Taped device with blinking light", 1),
    ("30", Category.BACKGROUND, "Police officers", 6),
]


def seed_demo_schedule(production, people, size) -> None:
    if size == "large":
        from apps.schedules.demo.large import seed_large_schedule

        return seed_large_schedule(production, people)
    if Scene.objects.filter(production=production).exists():
        _cast_emails(production)  # a demo seeded before the cast had addresses gets them
        return  # already seeded: running twice changes nothing
    services.script_import(
        production=production,
        data=SCRIPT.read_bytes(),
        filename=SCRIPT.name,
        user=people.get("associate_producer"),
    )
    sets = list(Set.objects.filter(production=production))
    for name, address, lat, lng, prefixes, hospital in LOCATIONS:
        location = Location.objects.create(
            production=production,
            name=name,
            address=address,
            latitude=Decimal(lat),
            longitude=Decimal(lng),
            contact_name="Location manager",
            contact_phone="+1 207 555 0100",
            parking="Unit base in the long-stay car park; crew parking signed from the gate.",
            hospital_name=hospital[0],
            hospital_address=hospital[1],
            hospital_phone=hospital[2],
            permit_status=PermitStatus.GRANTED,
            permit_start=production.first_shoot_day,
            permit_end=production.wrap_date,
        )
        Set.objects.filter(pk__in=[s.pk for s in sets if s.name.startswith(prefixes)]).update(
            location=location
        )
    for number, category, name, quantity in ELEMENTS:
        element, _ = BreakdownElement.objects.get_or_create(
            production=production, category=category, name=name, defaults={"quantity": quantity}
        )
        element.scenes.add(Scene.objects.get(production=production, number=number))
    settings = services.settings_for(production)
    settings.work_weekends = False
    settings.save()
    services.days_append(production=production, count=SHOOT_DAYS)
    days = list(ShootDay.objects.filter(production=production).order_by("position"))
    # Shoot by location, as a first AD would: sort by place, then set, then scene order.
    scenes = sorted(
        Scene.objects.filter(production=production).select_related("set"),
        key=lambda s: (s.set.location_id or 0, s.set.name, s.sort_key),
    )
    scheduled = scenes[: len(scenes) - LEFT_IN_BIN]
    for index, scene in enumerate(scheduled):
        day = days[index * len(days) // len(scheduled)]
        services.scene_move(production=production, scene_id=scene.pk, day_id=day.pk, position=99)
    _cast_emails(production)
    _alternatives(production, people.get("associate_producer"), scheduled)


def _alternatives(production, ap, scheduled) -> None:
    """A scenario to compare, and a blue draft waiting for its revision report, so the demo
    shows both before anyone has to make them."""
    rain = scenarios.scenario_create(
        production=production,
        name="Rain cover",
        notes="If the crossing weather turns: the exterior nights move to a day at the end.",
        user=ap,
    )
    extra = scenarios.scenario_day_insert(scenario=rain)
    exteriors = [scene.pk for scene in scheduled if scene.int_ext == "EXT"][:3]
    scenarios.scenario_move(scenario=rain, scene_ids=exteriors, day_id=extra.pk)
    white = SCRIPT.read_text()
    lines = white.split("\n")
    third = [i for i, line in enumerate(lines) if line.startswith(("INT.", "EXT."))][2]
    lines[third:third] = BLUE_INSERT
    services.script_preview(
        production=production,
        data="\n".join(lines).encode(),
        filename="night_ferry_blue.fountain",
        user=ap,
        colour=RevisionColour.BLUE,
        lock_numbers=True,
    )


# The blue draft's one new scene, between the sedan and the bridge.
BLUE_INSERT = [
    "EXT. TICKET BOOTH - NIGHT",
    "",
    "A bored CLERK slides a last-crossing ticket under the glass to Nadia.",
    "",
    "CLERK",
    "Last crossing. No refunds.",
    "",
]


def _cast_emails(production) -> None:
    """An address for each demo actor (MARA -> mara@cast.night-ferry.test) so the published call
    sheet reaches the cast too; only where blank, so an address typed in stays."""
    for member in CastMember.objects.filter(production=production, email=""):
        member.email = f"{slugify(member.character).replace('-', '.')}@cast.night-ferry.test"
        member.save(update_fields=["email"])
