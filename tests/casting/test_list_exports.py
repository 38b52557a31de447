"""Every casting list exports as CSV and XLSX (issue 19's audit: the actors, the agencies, the
audition sessions, a session's slots, a role's submissions and shortlist had no export).

Each file is read back (csv, openpyxl) with an actor whose name starts like a formula and holds a
quote and a newline: the text comes back whole and never as a live formula. Contacts (e-mails,
phones, the agent's) are columns only for a member who may see talent contacts, as on the pages;
crew are refused the exports as they are the pages."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import time, timedelta

import pytest
from openpyxl import load_workbook

from apps.casting import services
from apps.casting.auditions import services as auditions
from apps.casting.auditions.models import AuditionSession
from apps.casting.models import Actor, Agency, Representative, Role, SubmissionSource
from apps.core.exports import uninert
from apps.productions import capabilities
from apps.productions.capabilities import Capability as C
from apps.productions.capabilities import Role as MemberRole
from apps.productions.links import production_url
from tests.factories import member

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.test","Click") "Quoted"\nsecond line'
CONTACTS = ("hostile@actor.test", "+1 212 555 0142", "sam@agency.test", "+1 212 555 0177")


@dataclass
class World:
    role: Role
    actor: Actor
    session: AuditionSession


@pytest.fixture
def world(production, ap) -> World:
    agency = Agency.objects.create(
        production=production, name="Harbourlight Talent", email="desk@agency.test"
    )
    agent = Representative.objects.create(
        production=production,
        agency=agency,
        name="Sam Brightwater",
        email=CONTACTS[2],
        phone=CONTACTS[3],
    )
    actor = Actor.objects.create(
        production=production, name=HOSTILE, email=CONTACTS[0], phone=CONTACTS[1], agent=agent
    )
    role = Role.objects.create(production=production, name="Mara", description="The pilot")
    services.submission_add(
        role=role, actor=actor, via=SubmissionSource.AGENT, submitted_by=agent, note="=1+1"
    )
    entry = services.shortlist_add(role=role, actor=actor, user=ap)
    services.comment_add(entry=entry, author=ap, text='Strong read, "quiet"')
    session = auditions.session_create(
        production=production,
        title="First round",
        date=production.today() + timedelta(days=5),
        place="Studio 2",
    )
    auditions.slot_add(session=session, role=role, actor=actor, starts_at=time(10, 15))
    return World(role, actor, session)


# (url name, its arguments, the column holding the actor's name (None: no actor in the list))
def exports(world: World) -> dict[str, tuple[str, dict, str | None]]:
    return {
        "actors": ("casting:actors_export", {}, "Name"),
        "agencies": ("casting:agencies_export", {}, None),
        "auditions": ("casting:auditions_export", {}, None),
        "slots": ("casting:audition_export", {"pk": world.session.pk}, "Actor"),
        "submissions": ("casting:role_submissions_export", {"pk": world.role.pk}, "Actor"),
        "shortlist": ("casting:role_shortlist_export", {"pk": world.role.pk}, "Actor"),
    }


KINDS = ["actors", "agencies", "auditions", "slots", "submissions", "shortlist"]


def fetch(client, world, kind: str, fmt: str):
    name, kwargs, _ = exports(world)[kind]
    return client.get(production_url(world.role.production, name, fmt=fmt, **kwargs))


def read_csv(response) -> list[dict]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def read_xlsx(response) -> tuple[list[dict], list]:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]], cells


@pytest.mark.parametrize("kind", KINDS)
def test_each_list_exports_as_csv_and_xlsx_and_reads_back_inert(client, world, ap, kind):
    client.force_login(ap)
    column = exports(world)[kind][2]
    rows = read_csv(fetch(client, world, kind, "csv"))
    sheet, cells = read_xlsx(fetch(client, world, kind, "xlsx"))
    assert rows and len(rows) == len(sheet)
    assert all(cell.data_type != "f" for cell in cells)  # no live formula anywhere
    if column is not None:
        (row,) = rows
        assert row[column] == "'" + HOSTILE  # the apostrophe keeps a spreadsheet off it
        assert uninert(row[column]) == HOSTILE  # and the app reads the name back whole
        (line,) = sheet
        assert line[column] == HOSTILE  # a string cell holds it as it is


def test_the_exports_hold_what_their_pages_show(client, world, ap):
    client.force_login(ap)
    (actor,) = read_csv(fetch(client, world, "actors", "csv"))
    assert (actor["Agent"], actor["Agency"], actor["Submissions"]) == (
        "Sam Brightwater",
        "Harbourlight Talent",
        "1",
    )
    (agency,) = read_csv(fetch(client, world, "agencies", "csv"))
    assert (agency["Agency"], agency["Agent or manager"]) == (
        "Harbourlight Talent",
        "Sam Brightwater",
    )
    (session,) = read_csv(fetch(client, world, "auditions", "csv"))
    assert (session["Session"], session["Where"]) == ("First round", "Studio 2")
    assert (session["Slots"], session["Not invited yet"]) == ("1", "1")
    (slot,) = read_csv(fetch(client, world, "slots", "csv"))
    assert (slot["Starts"], slot["Ends"], slot["Role"], slot["State"]) == (
        "10:15",
        "10:30",
        "Mara",
        "Not invited yet",
    )
    (submission,) = read_csv(fetch(client, world, "submissions", "csv"))
    assert submission["Submitted by"] == "Sam Brightwater" and submission["Note"] == "'=1+1"
    assert submission["State"] == "Shortlisted"
    (entry,) = read_csv(fetch(client, world, "shortlist", "csv"))
    assert entry["Rank"] == "1" and 'Strong read, "quiet"' in entry["Comments"]


@pytest.mark.parametrize("kind", ["actors", "agencies", "slots", "submissions", "shortlist"])
def test_the_casting_roles_get_the_contacts(client, world, production, kind):
    client.force_login(member(production, MemberRole.CASTING))
    text = fetch(client, world, kind, "csv").content.decode()
    sheet, _ = read_xlsx(fetch(client, world, kind, "xlsx"))
    values = {str(value) for row in sheet for value in row.values()}
    expected = {CONTACTS[2], CONTACTS[3]} | (set() if kind == "agencies" else set(CONTACTS[:2]))
    assert all(contact in text for contact in expected), kind
    assert expected <= values, kind


@pytest.fixture
def sees_casting_not_contacts(monkeypatch):
    """A role that may see casting but not talent contacts (none is so today; the exports must
    hold as the pages do): the coordinator, given VIEW_CASTING."""
    roles = dict(capabilities.CAPABILITY_ROLES)
    roles[C.VIEW_CASTING] = roles[C.VIEW_CASTING] | {MemberRole.COORDINATOR}
    monkeypatch.setattr(capabilities, "CAPABILITY_ROLES", roles)
    return MemberRole.COORDINATOR


@pytest.mark.parametrize("kind", KINDS)
def test_without_the_talent_contacts_capability_an_export_has_no_contacts(
    client, world, production, sees_casting_not_contacts, kind
):
    client.force_login(member(production, sees_casting_not_contacts))
    for fmt in ("csv", "xlsx"):
        response = fetch(client, world, kind, fmt)
        assert response.status_code == 200, (kind, fmt)
        body = response.content.decode() if fmt == "csv" else ""
        sheet, _ = read_xlsx(response) if fmt == "xlsx" else (read_csv(response), None)
        assert sheet, (kind, fmt)
        columns = set(sheet[0])
        assert not {c for c in columns if "mail" in c or "phone" in c.lower() or "ddress" in c}
        values = " ".join(str(v) for row in sheet for v in row.values()) + body
        for contact in (*CONTACTS, "desk@agency.test"):
            assert contact not in values, (kind, fmt, contact)


@pytest.mark.parametrize("role", [MemberRole.CREW, MemberRole.COORDINATOR])
@pytest.mark.parametrize("kind", KINDS)
def test_roles_that_may_not_see_casting_are_refused_the_exports(
    client, world, production, role, kind
):
    client.force_login(member(production, role))
    for fmt in ("csv", "xlsx"):
        response = fetch(client, world, kind, fmt)
        assert response.status_code == 403, (kind, fmt)
        assert b"actor.test" not in response.content


def test_an_export_of_another_productions_role_or_session_is_not_found(client, world, ap):
    from tests.casting.factories import RoleFactory

    other = RoleFactory()
    client.force_login(ap)
    production = world.role.production
    for name in ("casting:role_submissions_export", "casting:role_shortlist_export"):
        url = production_url(production, name, pk=other.pk, fmt="csv")
        assert client.get(url).status_code == 404


def test_an_unknown_format_is_not_found(client, world, ap):
    client.force_login(ap)
    assert fetch(client, world, "actors", "pdf").status_code == 404


def test_the_actors_export_follows_the_pages_search(client, world, ap, production):
    Actor.objects.create(production=production, name="Bea Quill")
    client.force_login(ap)
    url = production_url(production, "casting:actors_export", fmt="csv")
    assert [r["Name"] for r in read_csv(client.get(url + "?q=quill"))] == ["Bea Quill"]
    assert len(read_csv(client.get(url))) == 2


@pytest.mark.parametrize(
    ("page", "kwargs", "export"),
    [
        ("casting:actors", {}, "casting:actors_export"),
        ("casting:agencies", {}, "casting:agencies_export"),
        ("casting:auditions", {}, "casting:auditions_export"),
        ("casting:audition", {"pk": "session"}, "casting:audition_export"),
        ("casting:role", {"pk": "role"}, "casting:role_submissions_export"),
        ("casting:role", {"pk": "role"}, "casting:role_shortlist_export"),
    ],
)
def test_each_page_links_its_exports(client, world, ap, page, kwargs, export):
    client.force_login(ap)
    production = world.role.production
    kwargs = {k: getattr(world, v).pk for k, v in kwargs.items()}
    html = client.get(production_url(production, page, **kwargs)).content.decode()
    for fmt in ("csv", "xlsx"):
        assert f'href="{production_url(production, export, fmt=fmt, **kwargs)}' in html
