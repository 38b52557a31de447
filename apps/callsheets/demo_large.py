"""The large demo's call sheets: one for each of the 60 shoot days, filled in and published
through the services (so each is a real numbered revision addressed to the day's crew and cast);
every tenth day was revised after publishing and has a second revision.

A demo has no inboxes: once published, the recipients are marked as delivered (and, for the days
already shot, most as confirmed), so the tracking pages look like a production's and the
distribution task finds nothing left to send.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from apps.callsheets import services
from apps.callsheets.models import CallSheet, Recipient, RecipientStatus, Revision
from apps.productions.capabilities import Role
from apps.schedules.models import DayKind, ShootDay

WEATHER = [
    "Overcast, 9 °C, light rain after 16:00.",
    "Clear, 14 °C, wind 10 kn from the south-west.",
    "Fog until 10:00, then sunny, 12 °C.",
    "Showers, 8 °C, gusts to 25 kn on the water.",
]


def seed_large_callsheets(production, people) -> None:
    days = list(
        ShootDay.objects.filter(production=production, kind=DayKind.SHOOT)
        .exclude(call_sheet__isnull=False)
        .order_by("position")
        .prefetch_related("scenes__cast")
    )
    if not days or CallSheet.objects.filter(production=production).exists():
        return
    # Seeded on purpose: the demo is the same on every machine (no security use).
    rng = random.Random(8_500)  # nosec B311
    publisher = people.get(Role.ASSOCIATE_PRODUCER)
    with transaction.atomic():
        for day in days:
            call_sheet = services.callsheet_start(shoot_day=day)
            cast = sorted({m.pk for s in day.scenes.all() for m in s.cast.all()})
            call_sheet = services.callsheet_update(
                call_sheet=call_sheet,
                expected_version=call_sheet.version,
                fields={
                    "shooting_call": time(8, 0),
                    "breakfast": time(6, 30),
                    "lunch": time(13, 0),
                    "weather": rng.choice(WEATHER),
                    "background": f"{rng.randint(4, 30)} passengers — 07:30",
                    "safety_notes": "Life jackets on the open deck at all times.",
                },
                cast_times={
                    member: {
                        "pickup": time(6, (index * 10) % 60),
                        "hair_makeup": time(6, 30),
                        "on_set": time(8, 0),
                    }
                    for index, member in enumerate(cast)
                },
            )
            services.callsheet_publish(call_sheet=call_sheet, user=publisher)
            if day.day_number and day.day_number % 10 == 0:
                call_sheet.refresh_from_db()
                services.callsheet_update(
                    call_sheet=call_sheet,
                    expected_version=call_sheet.version,
                    fields={"lunch": time(13, 30), "notes": "Lunch moved: tide change at 13:00."},
                )
                services.callsheet_publish(call_sheet=call_sheet, user=publisher)
        _delivered(production, rng)


def _delivered(production, rng: random.Random) -> None:
    """Backdate the sheets of days already shot to the evening before (when they went out), mark
    every recipient as sent, and most recipients of those days as confirmed."""
    now = timezone.now()
    tz = production.tz
    revisions = list(
        Revision.objects.filter(production=production).select_related("call_sheet__shoot_day")
    )
    for revision in revisions:
        day = revision.call_sheet.shoot_day.date
        evening = datetime.combine(day - timedelta(days=1), time(17 + revision.number), tzinfo=tz)
        revision.published_at = min(evening, revision.published_at)
    Revision.objects.bulk_update(revisions, ["published_at"])
    # One UPDATE per revision (and one for its unconfirmed few), not one per recipient.
    for revision in revisions:
        sent_at = revision.published_at + timedelta(minutes=2)
        rows = Recipient.objects.filter(revision=revision)
        if revision.published_at < now - timedelta(hours=1):
            rows.update(
                send_status=RecipientStatus.SENT,
                sent_at=sent_at,
                confirmed_at=sent_at + timedelta(minutes=rng.randint(3, 50)),
            )
            ids = sorted(rows.values_list("pk", flat=True))
            # About one in ten has not confirmed (yet): the tracking page's chase list.
            unconfirmed = rng.sample(ids, len(ids) // 10)
            Recipient.objects.filter(pk__in=unconfirmed).update(confirmed_at=None)
        else:
            rows.update(send_status=RecipientStatus.SENT, sent_at=sent_at)
