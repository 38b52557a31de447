"""Publishing numbers a revision, freezes it, and shows what changed since the last."""

from __future__ import annotations

from datetime import time

import pytest

from apps.callsheets import queries, services
from apps.callsheets.models import CallSheet, CrewCallTime, Revision
from apps.core.locking import StaleEdit
from apps.schedules.models import Scene

pytestmark = pytest.mark.django_db


def publish(call_sheet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.callsheet_publish(call_sheet=call_sheet)


def test_each_publish_is_the_next_numbered_revision(day, django_capture_on_commit_callbacks):
    call_sheet = services.callsheet_start(shoot_day=day)
    first = publish(call_sheet, django_capture_on_commit_callbacks)
    CallSheet.objects.filter(pk=call_sheet.pk).update(weather="Rain from noon")  # a revision
    second = publish(call_sheet, django_capture_on_commit_callbacks)
    assert (first.number, second.number) == (1, 2)
    assert first.data["scenes"][0]["number"] == "1"


def test_a_published_revision_keeps_its_content_when_the_schedule_changes(
    day, django_capture_on_commit_callbacks
):
    call_sheet = services.callsheet_start(shoot_day=day)
    revision = publish(call_sheet, django_capture_on_commit_callbacks)
    Scene.objects.filter(number="2").update(shoot_day=None)
    revision.refresh_from_db()
    assert [s["number"] for s in revision.data["scenes"]] == ["1", "2"]
    assert [s.number for s in queries.sheet_data(call_sheet).scenes] == ["1"]


def test_a_published_revision_cannot_be_saved_again(day, django_capture_on_commit_callbacks):
    revision = publish(services.callsheet_start(shoot_day=day), django_capture_on_commit_callbacks)
    revision.data = {}
    with pytest.raises(ValueError):
        revision.save()
    assert Revision.objects.get(pk=revision.pk).data["day_number"] == 1


def test_a_later_revision_shows_scenes_added_removed_and_calls_changed(
    day, django_capture_on_commit_callbacks
):
    call_sheet = services.callsheet_start(shoot_day=day)
    first = publish(call_sheet, django_capture_on_commit_callbacks)
    Scene.objects.filter(number="2").update(shoot_day=None)
    Scene.objects.filter(number="3").update(shoot_day=day)
    operator = day.extra["engagements"][0].person
    CrewCallTime.objects.create(call_sheet=call_sheet, person=operator, call_time=time(6, 15))
    services.callsheet_update(
        call_sheet=call_sheet, expected_version=call_sheet.version,
        fields={"general_call": time(6, 30)},
    )  # fmt: skip
    second = publish(call_sheet, django_capture_on_commit_callbacks)
    changes = queries.diff(first.sheet, second.sheet)
    changes = {(c["kind"], c["what"], c["old"], c["new"]) for c in changes}
    assert ("added", "Scene 3", "", "added") in changes
    assert ("removed", "Scene 2", "", "removed") in changes
    assert ("changed", "General crew call", "07:00", "06:30") in changes
    assert ("changed", f"{operator.name} call", "07:00", "06:15") in changes
    assert ("changed", "Ada First call", "07:00", "06:30") in changes


def test_the_revision_page_lists_the_changes(day, ap_client, production,
                                             django_capture_on_commit_callbacks):  # fmt: skip
    call_sheet = services.callsheet_start(shoot_day=day)
    publish(call_sheet, django_capture_on_commit_callbacks)
    Scene.objects.filter(number="2").update(shoot_day=None)
    publish(call_sheet, django_capture_on_commit_callbacks)
    response = ap_client.get(f"/p/{production.slug}/callsheets/{call_sheet.pk}/revisions/2/")
    assert response.status_code == 200
    assert "Changed since revision 1" in response.content.decode()
    assert "Scene 2" in response.content.decode()


def test_a_stale_edit_is_refused(day):
    call_sheet = services.callsheet_start(shoot_day=day)
    loaded = call_sheet.version
    services.callsheet_update(call_sheet=call_sheet, expected_version=loaded,
                              fields={"weather": "Rain"})  # fmt: skip
    other = CallSheet.objects.get(pk=call_sheet.pk)
    with pytest.raises(StaleEdit):
        services.callsheet_update(call_sheet=other, expected_version=loaded,
                                  fields={"weather": "Sun"})  # fmt: skip
    assert CallSheet.objects.get(pk=call_sheet.pk).weather == "Rain"


def test_the_edit_page_saves_times_and_per_person_calls(day, ap_client, production):
    call_sheet = services.callsheet_start(shoot_day=day)
    lead = day.extra["cast"][0]
    operator = day.extra["engagements"][0].person
    url = f"/p/{production.slug}/callsheets/{call_sheet.pk}/edit/"
    assert ap_client.get(url).status_code == 200
    response = ap_client.post(url, {
        "version": call_sheet.version, "general_call": "06:45", "shooting_call": "08:00",
        "breakfast": "06:00", "lunch": "13:00", "weather": "Fog", "background": "12 drivers",
        "safety_notes": "Life jackets", "notes": "", f"cast-{lead.pk}-pickup": "05:30",
        f"crew-{operator.pk}": "06:00",
    })  # fmt: skip
    assert response.status_code == 302
    sheet = queries.sheet_data(CallSheet.objects.get(pk=call_sheet.pk))
    assert (sheet.general_call, sheet.weather, sheet.background) == (
        "06:45", "Fog", ["12 drivers"],
    )  # fmt: skip
    assert sheet.cast[0].pickup == "05:30"
    calls = {r.name: r.call for d in sheet.crew for r in d.people}
    assert calls[operator.name] == "06:00"
    assert calls["Ada First"] == "06:45"


def test_publishing_is_possible_only_when_something_changed(
    day, django_capture_on_commit_callbacks, ap_client, production
):
    from django.urls import reverse

    from apps.callsheets.models import Recipient

    call_sheet = services.callsheet_start(shoot_day=day)
    first = publish(call_sheet, django_capture_on_commit_callbacks)
    Recipient.objects.filter(revision=first).update(confirmed_at=first.published_at)
    with pytest.raises(services.CallSheetError) as refused:
        publish(call_sheet, django_capture_on_commit_callbacks)
    assert refused.value.message == services.NOTHING_CHANGED.format(number=1)
    assert call_sheet.revisions.count() == 1
    # Nobody was sent it again, nobody's confirmation was reset.
    assert not Recipient.objects.filter(revision=first, confirmed_at__isnull=True).exists()
    url = reverse("callsheets:publish", args=[production.slug, call_sheet.pk])
    page = ap_client.post(url, follow=True).content.decode()
    assert "Nothing has changed since revision 1" in page
    assert call_sheet.revisions.count() == 1

    call_sheet.refresh_from_db()
    call_sheet.weather = "Rain from noon"
    call_sheet.save()
    second = publish(call_sheet, django_capture_on_commit_callbacks)
    assert second.number == 2
