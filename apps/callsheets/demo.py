"""Night Ferry's call sheet: the first shoot day's, filled in and published to the crew working
that day. Idempotent: a day that already has a call sheet is left alone."""

from __future__ import annotations

from datetime import time

from apps.callsheets import services
from apps.callsheets.models import CallSheet, CastCall
from apps.schedules.models import DayKind, ShootDay


def seed_callsheets(production, people, size: str) -> None:
    if size == "large":
        from apps.callsheets.demo_large import seed_large_callsheets

        return seed_large_callsheets(production, people)
    day = (
        ShootDay.objects.filter(production=production, kind=DayKind.SHOOT)
        .order_by("position")
        .first()
    )
    if day is None or CallSheet.objects.filter(shoot_day=day).exists():
        return
    call_sheet = services.callsheet_start(shoot_day=day)
    services.callsheet_update(
        call_sheet=call_sheet,
        expected_version=call_sheet.version,
        fields={
            "shooting_call": time(8, 0),
            "breakfast": time(6, 30),
            "lunch": time(13, 0),
            "weather": "Overcast, 9 °C, light rain after 16:00 (forecast checked by the 2nd AD).",
            "background": "12 drivers in the ferry queue — 07:00\n4 deckhands — 07:30",
            "safety_notes": (
                "Working on a moving vessel: life jackets on the open deck at all times. "
                "Rain effects: cables off the car deck drains."
            ),
        },
    )
    first_scene_cast = {m.pk for s in day.scenes.all() for m in s.cast.all()}
    for index, cast_member_id in enumerate(sorted(first_scene_cast)):
        CastCall.objects.create(
            call_sheet=call_sheet,
            cast_member_id=cast_member_id,
            pickup=time(6, index * 10 % 60),
            hair_makeup=time(6, 30),
            on_set=time(8, 0),
        )
    services.callsheet_publish(call_sheet=call_sheet, user=people.get("associate_producer"))
