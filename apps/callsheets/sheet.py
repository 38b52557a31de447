"""The call sheet's content as one typed structure: what the builder (queries.builder) makes from
the schedule and the crew, what a revision freezes (`Revision.data`, with `Revision.schema_version`
beside it), and what the pages, the PDF, the diff, the e-mail and the recipients read.

Times are the sheet's printed "HH:MM" strings ("" when none) and dates ISO strings: the sheet is
what was printed and sent, not a live view of the rows it came from.

Versions of the stored layout (`SCHEMA_VERSION`):
1. The layout as stored before the version was (revisions published before it have no version
   written and are read as 1). Fields added later get a default, so an older payload that lacks
   one still opens.
A change to the layout that an older payload cannot be read as gets the next version and an entry
in `UPGRADES` that turns a payload of the version before into it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Self

SCHEMA_VERSION = 1

# version n -> function turning a payload of version n into one of version n + 1.
UPGRADES: dict[int, Callable[[dict], dict]] = {}

NEWER_THAN_THIS_CODE = "This call sheet was stored by a newer version (schema {version})."


def _flat(cls, data: dict):
    """`cls` from the keys of `data` it knows; a missing key takes the field's default."""
    return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


@dataclass(frozen=True)
class SceneRow:
    number: str = ""
    int_ext: str = ""
    set: str = ""
    synopsis: str = ""
    time_of_day: str = ""
    day_night: str = ""
    pages: str = ""
    eighths: int = 0
    cast: list[int] = field(default_factory=list)  # the cast members' id numbers
    location: str = ""

    @classmethod
    def from_json(cls, data: dict) -> Self:
        return _flat(cls, data)


@dataclass(frozen=True)
class CastRow:
    id: int = 0  # the cast member's id number on the schedule
    cast_member: int | None = None  # the CastMember's pk
    role: str = ""
    name: str = ""
    status: str = ""  # the day's DOOD code
    pickup: str = ""
    hair_makeup: str = ""
    on_set: str = ""

    @property
    def first_call(self) -> str:
        """Where the actor must be first, as the sheet shows it: pick-up if they are collected,
        else hair and makeup, else on set ("" when the sheet gives them no time)."""
        return self.pickup or self.hair_makeup or self.on_set

    @classmethod
    def from_json(cls, data: dict) -> Self:
        return _flat(cls, data)


@dataclass(frozen=True)
class CrewRow:
    person: int | None = None  # the Person's pk
    name: str = ""
    position: str = ""
    phone: str = ""
    email: str = ""
    call: str = ""
    own_call: bool = False
    day_player: bool = False

    @classmethod
    def from_json(cls, data: dict) -> Self:
        return _flat(cls, data)


@dataclass(frozen=True)
class CrewDepartment:
    department: str = ""
    people: list[CrewRow] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict) -> Self:
        return cls(
            department=data.get("department", ""),
            people=[CrewRow.from_json(row) for row in data.get("people", [])],
        )


@dataclass(frozen=True)
class LocationRow:
    name: str = ""
    address: str = ""
    map: str = ""
    parking: str = ""
    contact: str = ""
    hospital_name: str = ""
    hospital_address: str = ""
    hospital_phone: str = ""
    sunrise: str = ""
    sunset: str = ""

    @classmethod
    def from_json(cls, data: dict) -> Self:
        return _flat(cls, data)


@dataclass(frozen=True)
class Contact:
    role: str = ""
    name: str = ""
    phone: str = ""
    email: str = ""

    @classmethod
    def from_json(cls, data: dict) -> Self:
        return _flat(cls, data)


@dataclass(frozen=True)
class Advance:
    """The next shoot day's scenes, printed at the foot of the sheet."""

    day_number: int = 0
    date: str = ""
    date_label: str = ""
    call: str = ""
    scenes: list[SceneRow] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict) -> Self:
        return cls(
            **{f.name: data[f.name] for f in fields(cls) if f.name in data and f.name != "scenes"},
            scenes=[SceneRow.from_json(row) for row in data.get("scenes", [])],
        )


@dataclass(frozen=True)
class Sheet:
    production: str = ""
    company: str = ""
    time_zone: str = ""
    day_number: int = 0
    total_days: int = 0
    date: str = ""
    date_label: str = ""
    unit: str = ""
    general_call: str = ""
    shooting_call: str = ""
    breakfast: str = ""
    lunch: str = ""
    wrap: str = ""
    weather: str = ""
    sunrise: str = ""
    sunset: str = ""
    scenes: list[SceneRow] = field(default_factory=list)
    pages: str = ""
    cast: list[CastRow] = field(default_factory=list)
    background: list[str] = field(default_factory=list)
    crew: list[CrewDepartment] = field(default_factory=list)
    locations: list[LocationRow] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    safety_notes: str = ""
    notes: str = ""
    advance: Advance | None = None

    @property
    def crew_rows(self) -> list[CrewRow]:
        return [row for department in self.crew for row in department.people]

    def cast_row(self, cast_member_id: int | None) -> CastRow | None:
        if cast_member_id is None:
            return None
        return next((row for row in self.cast if row.cast_member == cast_member_id), None)

    def to_json(self) -> dict[str, Any]:
        """The payload a revision stores (layout `SCHEMA_VERSION`)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict, schema_version: int = SCHEMA_VERSION) -> Self:
        """A stored payload of layout `schema_version`, brought up to this code's layout."""
        if schema_version > SCHEMA_VERSION:
            raise ValueError(NEWER_THAN_THIS_CODE.format(version=schema_version))
        for version in range(schema_version, SCHEMA_VERSION):
            data = UPGRADES[version](data)
        nested = {
            "scenes": [SceneRow.from_json(row) for row in data.get("scenes", [])],
            "cast": [CastRow.from_json(row) for row in data.get("cast", [])],
            "crew": [CrewDepartment.from_json(row) for row in data.get("crew", [])],
            "locations": [LocationRow.from_json(row) for row in data.get("locations", [])],
            "contacts": [Contact.from_json(row) for row in data.get("contacts", [])],
            "advance": Advance.from_json(data["advance"]) if data.get("advance") else None,
        }
        flat = {f.name: data[f.name] for f in fields(cls) if f.name in data}
        return cls(**{**flat, **nested})
