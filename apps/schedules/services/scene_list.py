"""The scene list import: the scene list export (scenes, cast, elements, breakdown) read back.

Every row of every table is checked first, against the file and the production; if any is wrong
nothing is written and each problem is reported with its table and line. Then, in one
transaction: parts are matched by cast ID (made, or renamed and updated), elements by category and
name in any case, sets and locations by name, scenes by number. Nothing absent from the file is
deleted. A scene in the file gets exactly the cast of its ``cast`` column and, when the file has a
breakdown table, exactly the elements that table lists for it. Its place on the board is kept
(an omitted scene leaves the board, as omitting one by hand does); a new scene waits in the bin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from apps.core.tables import ImportFailed, RowError, table_rows, upload_tables
from apps.productions.models import Production
from apps.schedules.categories import Category
from apps.schedules.importers.fountain import light_of
from apps.schedules.models import (
    BreakdownElement,
    CastMember,
    DayNight,
    IntExt,
    Location,
    Scene,
    Set,
)
from apps.schedules.scene_tables import TABLES
from apps.schedules.services.common import lock_board
from apps.schedules.services.sets import set_name

REQUIRED = {
    "scenes": ["number", "set"],
    "cast": ["id", "character"],
    "elements": ["category", "name"],
    "breakdown": ["scene", "category", "name"],
}
EMPTY = "{column} is empty."
TWICE = "{what} {value!r} appears twice."
NOT_WHOLE = "{column} {value!r} is not a whole number of {least} or more."
NOT_ONE_OF = "{column} {value!r} is not one of {choices}."
NOT_YES_NO = "{column} {value!r} is not yes or no."
TOO_LONG = "{column} is longer than {most} characters."
CAST_NAME_ELSEWHERE = "{character} is cast ID {number} in this production."
NO_SUCH_CAST = "Cast ID {number} is neither in the cast table nor in the production."
NO_SUCH_SCENE = "Scene {number} is not in the scenes table."
NO_SUCH_ELEMENT = "{category} {name!r} is neither in the elements table nor in the production."
CAST_IS_NOT_AN_ELEMENT = "Cast members are parts, not elements: list them in the scenes' cast."
SET_ELSEWHERE = "Set {name} is at {first!r} on an earlier row."

_CATEGORIES = {c.value: c.value for c in Category} | {c.label.lower(): c.value for c in Category}


@dataclass
class SceneListPlan:
    """A checked import, ready to write, and what it will do."""

    cast: dict[int, dict] = field(default_factory=dict)
    elements: dict[tuple[str, str], dict] = field(default_factory=dict)
    scenes: dict[str, dict] = field(default_factory=dict)
    breakdown: dict[str, list[tuple[str, str]]] | None = None  # None: the file has no breakdown
    locations: dict[str, str] = field(default_factory=dict)  # set name -> location name

    @property
    def counts(self) -> dict[str, int]:
        return {
            "scenes": len(self.scenes),
            "cast": len(self.cast),
            "elements": len(self.elements),
            "breakdown": sum(len(v) for v in (self.breakdown or {}).values()),
        }


def _whole(row: dict, column: str, least: int, default: int | None = None) -> int:
    text = row.get(column, "")
    if not text and default is not None:
        return default
    try:
        number = float(text)  # an XLSX holds 3 as 3.0
        whole = number == int(number)
    except (ValueError, OverflowError):
        number, whole = -1, False
    if not whole or number < least:
        raise ValueError(NOT_WHOLE.format(column=column, value=text, least=least))
    return int(number)


def _yes(row: dict, column: str, default: bool) -> bool:
    text = row.get(column, "").lower()
    if not text:
        return default
    if text in ("yes", "y", "true", "1", "x"):
        return True
    if text in ("no", "n", "false", "0"):
        return False
    raise ValueError(NOT_YES_NO.format(column=column, value=row[column]))


def _text(row: dict, column: str, most: int) -> str:
    text = row.get(column, "")
    if len(text) > most:
        raise ValueError(TOO_LONG.format(column=column, most=most))
    return text


def _category(text: str) -> str:
    category = _CATEGORIES.get(text.lower())
    if category is None:
        choices = ", ".join(Category.labels)
        raise ValueError(NOT_ONE_OF.format(column="category", value=text, choices=choices))
    if category == Category.CAST:
        raise ValueError(CAST_IS_NOT_AN_ELEMENT)
    return category


class _Checker:
    def __init__(self, production: Production) -> None:
        self.production = production
        self.plan = SceneListPlan()
        self.errors: list[RowError] = []
        self.numbers: set[str] = set()  # the scene numbers of the file
        self.cast_ids = {
            m.character.lower(): m.id_number
            for m in CastMember.objects.filter(production=production)
        }
        self.elements = {
            (e.category, e.name.lower())
            for e in BreakdownElement.objects.filter(production=production)
        }

    def each(self, tables: dict, name: str, check) -> None:
        if name not in tables:
            return
        for line, row in table_rows(tables[name], name, REQUIRED[name]):
            try:
                check(row)
            except ValueError as error:
                self.errors.append(RowError(name, line, str(error)))

    def cast(self, row: dict) -> None:
        number = _whole(row, "id", 1)
        character = _text(row, "character", 200)
        if not character:
            raise ValueError(EMPTY.format(column="character"))
        if number in self.plan.cast:
            raise ValueError(TWICE.format(what="Cast ID", value=number))
        if any(c["character"].lower() == character.lower() for c in self.plan.cast.values()):
            raise ValueError(TWICE.format(what="Character", value=character))
        holder = self.cast_ids.get(character.lower())
        if holder is not None and holder != number:
            raise ValueError(CAST_NAME_ELSEWHERE.format(character=character, number=holder))
        self.plan.cast[number] = {
            "character": character,
            "actor": _text(row, "actor", 200),
            "speaking": _yes(row, "speaking", True),
        }

    def element(self, row: dict) -> None:
        category, name = _category(row["category"]), _text(row, "name", 200)
        if not name:
            raise ValueError(EMPTY.format(column="name"))
        key = (category, name.lower())
        if key in self.plan.elements:
            raise ValueError(TWICE.format(what="Element", value=name))
        self.plan.elements[key] = {"name": name, "quantity": _whole(row, "quantity", 1, 1)}

    def scene(self, row: dict) -> None:
        number = _text(row, "number", 20).upper()
        if not number:
            raise ValueError(EMPTY.format(column="number"))
        if number in self.numbers:
            raise ValueError(TWICE.format(what="Scene", value=number))
        self.numbers.add(number)  # named, even if a cell below is wrong: its breakdown is checked
        place = set_name(row["set"])
        if not place:
            raise ValueError(EMPTY.format(column="set"))
        int_ext, light = row.get("int_ext", "").upper(), row.get("day_night", "").upper()
        if int_ext and int_ext not in IntExt.values:
            choices = ", ".join(IntExt.values)
            raise ValueError(NOT_ONE_OF.format(column="int_ext", value=int_ext, choices=choices))
        if light and light not in DayNight.values:
            choices = ", ".join(DayNight.values)
            raise ValueError(NOT_ONE_OF.format(column="day_night", value=light, choices=choices))
        location = _text(row, "location", 200)
        if location:
            first = self.plan.locations.setdefault(place, location)
            if first != location:
                raise ValueError(SET_ELSEWHERE.format(name=place, first=first))
        cast = None
        if "cast" in row:
            cast = [_whole({"cast": c.strip()}, "cast", 1) for c in row["cast"].split(";") if c]
            known = set(self.plan.cast) | set(self.cast_ids.values())
            for cast_id in cast:
                if cast_id not in known:
                    raise ValueError(NO_SUCH_CAST.format(number=cast_id))
        time_of_day = _text(row, "time_of_day", 30).upper()
        self.plan.scenes[number] = {
            "set": place,
            "int_ext": int_ext,
            "time_of_day": time_of_day,
            # The file's own column as it is (blank: no light chosen); without one, the light
            # its time of day names.
            "day_night": light if "day_night" in row else light_of(time_of_day),
            "eighths": _whole(row, "eighths", 0, 0),
            "synopsis": _text(row, "synopsis", 300),
            "notes": row.get("notes", ""),
            "omitted": _yes(row, "omitted", False),
            "cast": cast,
        }

    def breakdown(self, row: dict) -> None:
        number, category = row["scene"].upper(), _category(row["category"])
        if number not in self.numbers:
            raise ValueError(NO_SUCH_SCENE.format(number=number))
        key = (category, row["name"].lower())
        if key not in self.plan.elements and key not in self.elements:
            label = Category(category).label
            raise ValueError(NO_SUCH_ELEMENT.format(category=label, name=row["name"]))
        if key in self.plan.breakdown[number]:
            raise ValueError(TWICE.format(what="Element", value=row["name"]))
        self.plan.breakdown[number].append(key)


def scene_list_validate(*, production: Production, upload) -> SceneListPlan:
    tables = upload_tables(upload, "scenes", tuple(TABLES))
    checker = _Checker(production)
    checker.each(tables, "cast", checker.cast)
    checker.each(tables, "elements", checker.element)
    checker.each(tables, "scenes", checker.scene)
    if "breakdown" in tables:
        checker.plan.breakdown = {number: [] for number in checker.numbers}
        checker.each(tables, "breakdown", checker.breakdown)
    if checker.errors:
        raise ImportFailed(checker.errors)
    return checker.plan


@transaction.atomic
def scene_list_write(*, production: Production, plan: SceneListPlan) -> SceneListPlan:
    lock_board(production)
    cast = {m.id_number: m for m in CastMember.objects.filter(production=production)}
    for number, values in plan.cast.items():
        member = cast.get(number) or CastMember(production=production, id_number=number)
        for name, value in values.items():
            setattr(member, name, value)
        member.save()
        cast[number] = member
    elements = {
        (e.category, e.name.lower()): e
        for e in BreakdownElement.objects.filter(production=production)
    }
    for (category, key), values in plan.elements.items():
        element = elements.get((category, key)) or BreakdownElement(
            production=production, category=category
        )
        element.name, element.quantity = values["name"], values["quantity"]
        element.save()
        elements[category, key] = element
    sets = _sets(production, plan)
    scenes = {s.number: s for s in Scene.objects.filter(production=production)}
    for number, values in plan.scenes.items():
        scene = scenes.get(number) or Scene(production=production, number=number)
        scene.set = sets[values["set"]]
        for name in ("int_ext", "time_of_day", "day_night", "eighths", "synopsis", "notes"):
            setattr(scene, name, values[name])
        scene.omitted = values["omitted"]
        if scene.omitted:
            scene.shoot_day = None
        scene.save()
        if values["cast"] is not None:
            scene.cast.set([cast[i] for i in values["cast"]])
        if plan.breakdown is not None:
            scene.elements.set([elements[key] for key in plan.breakdown[number]])
    return plan


def _sets(production: Production, plan: SceneListPlan) -> dict[str, Set]:
    """The sets the scenes name, made when new, each at the location the file puts it."""
    sets = {s.name: s for s in Set.objects.filter(production=production)}
    locations = {loc.name.lower(): loc for loc in Location.objects.filter(production=production)}
    for name in {values["set"] for values in plan.scenes.values()}:
        place = sets.get(name) or Set.objects.create(production=production, name=name)
        where = plan.locations.get(name)
        if where:
            location = locations.get(where.lower())
            if location is None:
                location = locations[where.lower()] = Location.objects.create(
                    production=production, name=where
                )
            if place.location_id != location.pk:
                place.location = location
                place.save()
        sets[name] = place
    return sets


def scene_list_import(*, production: Production, upload) -> SceneListPlan:
    """Check everything, then write everything: raises ImportFailed listing every bad row."""
    plan = scene_list_validate(production=production, upload=upload)
    return scene_list_write(production=production, plan=plan)
