"""The large demo's schedule: 300 scenes on 30 sets at 10 locations, 40 cast, 60 shoot days.

Scenes, cast, sets and their links are plain rows with no rule between them, so they are
bulk-created; the days go through `days_append`, which dates them on the production's working
weeks. Deterministic: the same seed always lays out the same board.
"""

from __future__ import annotations

import random
from decimal import Decimal

from apps.schedules import services
from apps.schedules.categories import Category
from apps.schedules.models import (
    BannerKind,
    BoardBanner,
    BreakdownElement,
    CastMember,
    IntExt,
    Location,
    PermitStatus,
    Scene,
    Set,
    ShootDay,
    scene_sort_key,
)

SCENES, SHOOT_DAYS, CAST = 300, 60, 40
LEFT_IN_BIN = 12  # a real board keeps a few scenes unscheduled (pick-ups, cut candidates)

PLACES = [
    "MV Alderney (Pier 4)", "Portland Ferry Terminal", "Harbour Light Stage 2",
    "Harbour Light Stage 3", "Custom House Wharf", "Eastern Promenade", "Old Port Streets",
    "Casco Bay Bridge", "Bug Light Park", "Cape Elizabeth Lighthouse",
]  # fmt: skip
SET_NAMES = [
    "FERRY - CAR DECK", "FERRY - BRIDGE", "FERRY - PASSENGER LOUNGE", "FERRY - ENGINE ROOM",
    "HARBOUR - QUAY", "HARBOUR - TICKET HALL", "MARA'S CABIN", "POLICE LAUNCH", "TOMAS'S FLAT",
    "HARBOUR MASTER'S OFFICE", "WHARF - FISH MARKET", "WHARF - BAR", "PROMENADE - BENCH",
    "OLD PORT - ALLEY", "OLD PORT - DINER", "BRIDGE - WALKWAY", "LIGHTHOUSE - GALLERY",
    "LIGHTHOUSE - KEEPER'S HOUSE", "NADIA'S SEDAN", "POLICE STATION - INTERVIEW ROOM",
    "POLICE STATION - BULLPEN", "HOSPITAL - CORRIDOR", "MOTEL ROOM", "BOATYARD", "CHURCH",
    "CEMETERY", "SCHOOL GYM", "COASTAL ROAD", "BEACH", "FERRY - STAIRWELL",
]  # fmt: skip
CHARACTERS = [
    "MARA", "TOMAS", "NADIA", "INSPECTOR HALE", "CAPTAIN REYES", "OWEN", "LUCY", "FATHER BRENNAN",
    "DECKHAND 1", "DECKHAND 2", "TICKET CLERK", "HARBOUR MASTER", "DINER OWNER", "NURSE",
    "DETECTIVE SHAW", "DETECTIVE PARK", "MOTEL MANAGER", "BARTENDER", "FISHMONGER", "ENGINEER",
]  # fmt: skip
ELEMENTS = [
    (Category.PROPS, "Steel briefcase"), (Category.PROPS, "Taped device"),
    (Category.PROPS, "Ferry tickets"), (Category.VEHICLES, "Black sedan"),
    (Category.VEHICLES, "Police launch"), (Category.BACKGROUND, "Passengers (20)"),
    (Category.BACKGROUND, "Police officers (6)"), (Category.SPECIAL_EFFECTS, "Rain"),
    (Category.SPECIAL_EFFECTS, "Fog"), (Category.STUNTS, "Fall down stairwell"),
    (Category.WARDROBE, "Mara's wet coat (x3)"), (Category.MAKEUP_HAIR, "Cut above eye"),
    (Category.ANIMALS, "Harbour dog"), (Category.CAMERA, "Drone"), (Category.VFX, "Ferry wake"),
]  # fmt: skip
ACTIONS = [
    "argues with", "follows", "hides from", "confides in", "searches for", "confronts",
    "waits for", "lies to", "rescues", "watches",
]  # fmt: skip


def seed_large_schedule(production, people) -> None:
    if Scene.objects.filter(production=production).exists():
        return
    # Seeded on purpose: the demo is the same on every machine (no security use).
    rng = random.Random(8_300)  # nosec B311
    settings = services.settings_for(production)
    settings.work_weekends = False
    settings.save()
    services.days_append(production=production, count=SHOOT_DAYS)
    days = list(ShootDay.objects.filter(production=production).order_by("position"))
    locations = Location.objects.bulk_create(
        Location(
            production=production,
            name=name,
            address=f"{10 + n * 7} Commercial St, Portland ME",
            latitude=Decimal("43.650000") + Decimal(n) / 1000,
            longitude=Decimal("-70.250000") - Decimal(n) / 1000,
            contact_name="Location manager",
            contact_phone=f"+1 207 555 {200 + n:04d}",
            parking="Unit base signed from the nearest main road.",
            hospital_name="Maine Medical Center",
            hospital_address="22 Bramhall St, Portland ME",
            hospital_phone="+1 207 662 0111",
            permit_status=PermitStatus.GRANTED,
            permit_start=production.first_shoot_day,
            permit_end=production.wrap_date,
        )
        for n, name in enumerate(PLACES)
    )
    sets = Set.objects.bulk_create(
        Set(production=production, name=name, location=locations[n % len(locations)])
        for n, name in enumerate(SET_NAMES)
    )
    cast = CastMember.objects.bulk_create(
        CastMember(
            production=production,
            id_number=n + 1,
            character=_character(n),
            actor=f"Actor {n + 1:02d}",
            email=f"cast{n + 1:02d}@cast.night-ferry-large.test",
        )
        for n in range(CAST)
    )
    elements = BreakdownElement.objects.bulk_create(
        BreakdownElement(production=production, category=category, name=name)
        for category, name in ELEMENTS
    )
    scenes = [_scene(production, n, rng, sets) for n in range(SCENES)]
    # Shoot by location, as a first AD would: sorted by place then set, spread evenly over the days.
    by_place = sorted(scenes[: SCENES - LEFT_IN_BIN], key=lambda s: (s.set.location_id, s.set_id))
    for index, scene in enumerate(by_place):
        scene.shoot_day = days[index * len(days) // len(by_place)]
        scene.board_position = index
    for index, scene in enumerate(scenes[SCENES - LEFT_IN_BIN :]):
        scene.board_position = index
    scenes = Scene.objects.bulk_create(scenes)
    Scene.cast.through.objects.bulk_create(
        Scene.cast.through(scene_id=scene.pk, castmember_id=member.pk)
        for n, scene in enumerate(scenes)
        # The leads are in most scenes, the rest come and go.
        for member in {cast[n % 2], *rng.sample(cast, rng.randint(1, 4))}
    )
    Scene.elements.through.objects.bulk_create(
        Scene.elements.through(scene_id=scene.pk, breakdownelement_id=element.pk)
        for scene in scenes
        for element in rng.sample(elements, rng.randint(0, 3))
    )
    _company_moves(production, by_place)


def _character(n: int) -> str:
    if n < len(CHARACTERS):
        return CHARACTERS[n]
    return f"PASSENGER {n - len(CHARACTERS) + 1}"


def _scene(production, n: int, rng: random.Random, sets: list[Set]) -> Scene:
    set_ = sets[rng.randrange(len(sets))]
    number = str(n + 1)
    return Scene(
        production=production,
        number=number,
        sort_key=scene_sort_key(number),
        set=set_,
        int_ext=IntExt.EXT if "BEACH" in set_.name or "QUAY" in set_.name else IntExt.INT,
        time_of_day=rng.choice(["DAY", "DAY", "NIGHT", "DUSK", "DAWN"]),
        eighths=rng.randint(2, 24),
        synopsis=f"{_character(n % 6)} {rng.choice(ACTIONS)} {_character((n + 1) % 6)}.",
        heading=f"{set_.name}",
    )


def _company_moves(production, scheduled: list[Scene]) -> None:
    """A company-move banner wherever a day's strips change location."""
    banners, last = [], {}
    for scene in scheduled:
        day_id, count, place = last.get(scene.shoot_day_id, (scene.shoot_day_id, 0, None))
        if place is not None and place != scene.set.location_id:
            banners.append(
                BoardBanner(
                    production=production,
                    shoot_day_id=day_id,
                    position=count,
                    kind=BannerKind.COMPANY_MOVE,
                    text=f"Company move to {scene.set.location.name}",
                )
            )
        last[scene.shoot_day_id] = (day_id, count + 1, scene.set.location_id)
    BoardBanner.objects.bulk_create(banners)
