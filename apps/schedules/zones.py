"""The time zone a place is in, from its coordinates (timezonefinder: the zone boundaries of the
IANA database, shipped with the package, looked up offline)."""

from __future__ import annotations

import zoneinfo
from decimal import Decimal
from functools import cache


@cache
def _finder():
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


@cache
def zone_at(latitude: Decimal | None, longitude: Decimal | None) -> str:
    """The IANA zone at a point ("America/Los_Angeles"), or "" without coordinates, at sea, or
    for a zone this machine's zoneinfo does not know."""
    if latitude is None or longitude is None:
        return ""
    name = _finder().timezone_at(lat=float(latitude), lng=float(longitude)) or ""
    return name if name in zoneinfo.available_timezones() else ""
