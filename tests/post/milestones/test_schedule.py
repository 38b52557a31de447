"""The post schedule (issue 20, point 1): milestones, the standard set from the wrap date, a
baseline and slips with their reasons in the audit log, the list and timeline, the export, the
calendar and its feed, the dashboard panel once wrapped, and who reaches the pages."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from apps.core.locking import StaleEdit
from apps.post.errors import PostError
from apps.post.milestones import services
from apps.post.milestones.models import Milestone, MilestoneKind
from apps.productions.audit import entries_for
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.schedules import calendar_days
from apps.schedules.ical import calendar_feed
from tests.factories import ProductionFactory, member
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = pytest.mark.django_db


def url(production, name, **kwargs) -> str:
    return reverse(f"post:{name}", kwargs={"production_slug": production.slug, **kwargs})


def make(production, title="Picture lock", days=30, **extra) -> Milestone:
    return services.milestone_create(
        production=production,
        kind=extra.pop("kind", MilestoneKind.PICTURE_LOCK),
        title=title,
        due_on=production.wrap_date + timedelta(days=days),
        **extra,
    )


def test_the_standard_set_counts_from_the_wrap_date_once(ap_client, production):
    response = ap_client.post(url(production, "milestone_standard"), follow=True)
    assert "12 standard milestone(s) added" in response.content.decode()
    rows = list(Milestone.objects.filter(production=production))
    assert len(rows) == 12
    kinds = {m.kind for m in rows}
    assert {MilestoneKind.EDITORS_CUT, MilestoneKind.PICTURE_LOCK, MilestoneKind.QC} <= kinds
    lock = next(m for m in rows if m.kind == MilestoneKind.PICTURE_LOCK)
    assert lock.due_on == production.wrap_date + timedelta(days=140)
    assert all(m.due_on > production.wrap_date for m in rows)
    again = ap_client.post(url(production, "milestone_standard"), follow=True)
    assert "every standard milestone already" in again.content.decode()
    assert Milestone.objects.filter(production=production).count() == 12


def test_the_standard_set_needs_a_wrap_date(ap_client):
    production = ProductionFactory(wrap_date=None)
    ap_client.force_login(member(production))
    response = ap_client.post(url(production, "milestone_standard"), follow=True)
    assert escape(services.NO_WRAP_DATE) in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_slip_from_the_baseline_needs_a_reason_and_is_audited_in_words(ap_client, production):
    milestone = make(production)
    ap_client.post(url(production, "milestone_baseline"))
    milestone.refresh_from_db()
    assert milestone.baseline_on == milestone.due_on
    later = milestone.due_on + timedelta(days=9)
    form = {
        "kind": milestone.kind,
        "title": milestone.title,
        "due_on": later.isoformat(),
        "version": milestone.version,
    }
    refused = ap_client.post(url(production, "milestone_edit", pk=milestone.pk), form)
    assert refused.status_code == 200
    assert "Say why the date moves from the baseline" in refused.content.decode()
    milestone.refresh_from_db()
    assert milestone.due_on == milestone.baseline_on  # nothing saved
    form["slip_reason"] = "Reshoot of the ferry scene"
    saved = ap_client.post(url(production, "milestone_edit", pk=milestone.pk), form)
    assert saved.status_code == 302
    milestone.refresh_from_db()
    assert milestone.due_on == later and milestone.slip_days == 9
    assert milestone.slip_reason == "Reshoot of the ferry scene"
    reasons = [e.reason for e in entries_for(production)]
    assert any("moved Picture lock" in r and "Reshoot of the ferry scene" in r for r in reasons)
    assert any(r.startswith("baseline set") for r in reasons)
    page = ap_client.get(url(production, "schedule")).content.decode()
    assert "+9 d" in page and "Reshoot of the ferry scene" in page
    assert 'data-testid="timeline"' in page and "1 milestone off the baseline" in page


def test_a_stale_edit_changes_nothing(production):
    milestone = make(production)
    services.milestone_update(
        milestone=Milestone.objects.get(pk=milestone.pk), expected_version=1, title="Lock v2"
    )
    with pytest.raises(StaleEdit):
        services.milestone_update(
            milestone=Milestone.objects.get(pk=milestone.pk), expected_version=1, title="Lock v3"
        )
    assert Milestone.objects.get(pk=milestone.pk).title == "Lock v2"


def test_a_milestone_ties_to_a_vendor_and_its_purchase_order(ap_client, production):
    vendor = VendorFactory(production=production, name="Ferry VFX", budget=False)
    po = purchase_order(vendor, "1000")
    milestone = make(production, "VFX delivery", kind=MilestoneKind.VFX_DELIVERY, purchase_order=po)
    assert milestone.vendor == vendor  # taken from the PO
    page = ap_client.get(url(production, "schedule")).content.decode()
    assert "Ferry VFX" in page and po.label in page
    other = purchase_order(VendorFactory(budget=False), "5")
    with pytest.raises(PostError, match="another production"):
        make(production, "Titles", purchase_order=other)
    stranger = VendorFactory(production=production, name="Other", budget=False)
    with pytest.raises(PostError, match="not to the milestone's vendor"):
        make(production, "Titles", vendor=stranger, purchase_order=po)


def test_the_owner_is_a_member_or_a_name(production, ap):
    from apps.productions.models import Membership

    membership = Membership.objects.get(production=production, user=ap)
    assert make(production, owner_member=membership).owner == str(ap)
    assert make(production, "Mix", owner_name="Tom Okoro (mixer)").owner == "Tom Okoro (mixer)"


def test_the_schedule_exports_as_csv_and_xlsx(ap_client, production):
    milestone = make(production, 'Titles "and" =credits')
    services.baseline_set(production=production)
    milestone.refresh_from_db()
    services.milestone_update(
        milestone=milestone,
        expected_version=milestone.version,
        due_on=milestone.due_on + timedelta(days=3),
        slip_reason="Font licence",
    )
    response = ap_client.get(url(production, "schedule_export", fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Milestone", "Kind", "Date", "Baseline", "Slip (days)"]
    assert rows[1][0].endswith('Titles "and" =credits') and rows[1][4] == "3"
    assert rows[1][5] == "Font licence"
    xlsx = ap_client.get(url(production, "schedule_export", fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "Milestone" and sheet.cell(2, 5).value == 3
    assert ap_client.get(url(production, "schedule_export", fmt="pdf")).status_code == 404


def test_milestones_are_on_the_calendar_of_those_who_see_post_and_off_its_feed(client, production):
    milestone = make(production, "Picture lock", days=3)
    day = milestone.due_on
    head_of_post = member(production, Role.DEPARTMENT_HEAD, department="Post")
    weeks = calendar_days.month(production, day.year, day.month, head_of_post.memberships.get())
    labels = [label for week in weeks for d in week if d.date == day for label in d.labels]
    assert ("post", "Post: Picture lock") in labels
    camera = member(production, Role.DEPARTMENT_HEAD, department="Camera")
    weeks = calendar_days.month(production, day.year, day.month, camera.memberships.get())
    assert all(kind != "post" for week in weeks for d in week for kind, _ in d.labels)
    client.force_login(head_of_post)
    page = client.get(
        reverse("schedules:calendar", kwargs={"production_slug": production.slug}),
        {"month": f"{day:%Y-%m}"},
    ).content.decode()
    assert "Post: Picture lock" in page
    # The feed's address is the production's one token, handed to the whole unit: no milestone.
    feed = calendar_feed(production).decode()
    assert "post-milestone" not in feed and "Picture lock" not in feed


def test_the_shared_feed_has_no_milestone_the_ap_s_calendar_has_and_crew_s_has_not(
    client, production, ap
):
    from apps.schedules.models import ScheduleSettings

    milestone = make(production, "Picture lock", days=3)
    ScheduleSettings.objects.update_or_create(
        production=production, defaults={"ical_token": "feed-token-" + "x" * 20}
    )
    feed = client.get(reverse("schedule_ical", kwargs={"token": "feed-token-" + "x" * 20}))
    assert feed.status_code == 200 and b"BEGIN:VCALENDAR" in feed.content
    assert b"post-milestone" not in feed.content and b"Picture lock" not in feed.content
    month = reverse("schedules:calendar", kwargs={"production_slug": production.slug})
    month_of = {"month": f"{milestone.due_on:%Y-%m}"}
    client.force_login(ap)
    assert "Post: Picture lock" in client.get(month, month_of).content.decode()
    client.force_login(member(production, Role.CREW))
    assert client.get(url(production, "schedule")).status_code == 403
    crew_page = client.get(month, month_of)
    assert crew_page.status_code == 200 and "Picture lock" not in crew_page.content.decode()


def test_the_dashboard_shows_the_next_milestones_once_the_shoot_has_wrapped(ap_client):
    production = ProductionFactory(
        first_shoot_day=date.today() - timedelta(days=60),
        wrap_date=date.today() - timedelta(days=2),
        prep_start=date.today() - timedelta(days=90),
    )
    ap_client.force_login(member(production))
    make(production, "Editor's cut", days=20)
    dashboard = reverse("productions:dashboard", kwargs={"production_slug": production.slug})
    page = ap_client.get(dashboard).content.decode()
    assert 'data-testid="post-panel"' in page and "Editor&#x27;s cut" in page
    shooting = ProductionFactory(
        first_shoot_day=date.today() - timedelta(days=20),
        wrap_date=date.today() + timedelta(days=2),
        prep_start=date.today() - timedelta(days=50),
    )
    ap_client.force_login(member(shooting))
    make(shooting, "Editor's cut", days=20)
    dashboard = reverse("productions:dashboard", kwargs={"production_slug": shooting.slug})
    assert 'data-testid="post-panel"' not in ap_client.get(dashboard).content.decode()


@pytest.mark.parametrize(
    ("role", "department", "status"),
    [
        (Role.DEPARTMENT_HEAD, "Post", 200),
        (Role.DEPARTMENT_HEAD, "Post-production", 200),
        (Role.DEPARTMENT_HEAD, "Sound", 403),
        (Role.COORDINATOR, None, 200),
        (Role.CREW, None, 403),
    ],
)
def test_who_reaches_the_post_schedule(client, production, role, department, status):
    client.force_login(member(production, role, department=department))
    assert client.get(url(production, "schedule")).status_code == status


def test_a_coordinator_sees_but_does_not_change_the_schedule(client, production):
    client.force_login(member(production, Role.COORDINATOR))
    assert client.post(url(production, "milestone_standard")).status_code == 403
    assert not Milestone.objects.exists()


def test_an_outsider_gets_404(client, production, outsider):
    client.force_login(outsider)
    assert client.get(url(production, "schedule")).status_code == 404


def test_the_timeline_places_each_bar_at_its_date_with_its_slip_from_the_baseline(
    ap_client, production
):
    lock = make(production, "Picture lock", days=100)
    mix = make(production, "Final mix", days=50, kind=MilestoneKind.MIX)
    cut = make(production, "Editor's cut", days=-100, kind=MilestoneKind.EDITORS_CUT)
    services.baseline_set(production=production)
    mix.refresh_from_db()
    services.milestone_update(
        milestone=mix, expected_version=mix.version,
        due_on=production.wrap_date + timedelta(days=75), slip_reason="Composer late",
    )  # fmt: skip
    from apps.post.milestones import queries

    milestones = list(queries.milestones_of(production))
    drawn = queries.timeline(milestones, production.today())
    first = production.wrap_date - timedelta(days=100)
    assert (drawn["first"], drawn["last"]) == (first, production.wrap_date + timedelta(days=100))
    # One line 200 days long: each bar in date order, at its share of it.
    bars = [(b.milestone.pk, b.at, b.baseline_at, b.slip_left, b.slip_width) for b in drawn["bars"]]
    assert bars == [
        (cut.pk, 0.0, 0.0, 0.0, 0.0),
        (mix.pk, 87.5, 75.0, 75.0, 12.5),  # moved from day 150 to day 175: the slip between
        (lock.pk, 100.0, 100.0, 100.0, 0.0),
    ]
    assert drawn["today_at"] == round(100 * (production.today() - first).days / 200, 2)
    assert queries.timeline([], production.today())["bars"] == []
    page = ap_client.get(url(production, "schedule")).content.decode()
    timeline = page[page.index('data-testid="timeline"') :]
    order = [timeline.index(f'data-milestone="{m.pk}"') for m in (cut, mix, lock)]
    assert order == sorted(order)
    assert "left: 75.0%; width: 12.5%;" in timeline
    assert "left: calc(87.5% - .35rem)" in timeline


def test_one_milestone_alone_sits_at_the_start_of_the_timeline(production):
    from apps.post.milestones import queries

    only = make(production, "Picture lock", days=10)
    drawn = queries.timeline([only], production.today())
    ((bar),) = drawn["bars"]
    assert (bar.at, bar.baseline_at, bar.slip_width) == (0.0, None, 0)
    assert drawn["first"] == drawn["last"] == only.due_on


def test_each_member_s_own_feed_holds_post_only_for_those_who_see_post(client, production, ap):
    """Issue 20: milestones are "on the production calendar and its iCal feed". The shared
    address leaves them out; each member's own feed (made on the calendar page) has them for
    those who reach post, and a new address or revoking ends the old one."""
    make(production, "Picture lock", days=3)
    calendar = reverse("schedules:calendar", kwargs={"production_slug": production.slug})
    mine = reverse("schedules:my_feed", kwargs={"production_slug": production.slug})

    def feed_of(user) -> tuple[str, bytes]:
        client.force_login(user)
        client.post(mine, {"action": "rotate"})
        page = client.get(calendar).content.decode()
        token = user.memberships.get(production=production).calendar_token
        assert token and f"/calendar/{token}.ics" in page
        return token, client.get(f"/calendar/{token}.ics").content

    token, ap_feed = feed_of(ap)
    assert b"BEGIN:VCALENDAR" in ap_feed and b"Picture lock" in ap_feed
    crew_token, crew_feed = feed_of(member(production, Role.CREW))
    assert b"BEGIN:VCALENDAR" in crew_feed and b"Picture lock" not in crew_feed
    assert crew_token != token
    client.force_login(ap)
    client.post(mine, {"action": "rotate"})
    assert client.get(f"/calendar/{token}.ics").status_code == 404  # the old address
    client.post(mine, {"action": "revoke"})
    assert ap.memberships.get(production=production).calendar_token == ""
    client.logout()
    assert client.get(f"/calendar/{crew_token}.ics").status_code == 200
    Membership.objects.filter(calendar_token=crew_token).delete()  # the member is removed
    assert client.get(f"/calendar/{crew_token}.ics").status_code == 404
