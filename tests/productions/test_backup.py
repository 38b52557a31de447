"""export_production / import_production: a production survives the round trip exactly."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.productions.backup.discovery import CLEARED_FIELDS, production_parts
from apps.productions.models import Membership, Production
from tests.productions.backup_canonical import canonical

pytestmark = pytest.mark.django_db

SLUG = "night-ferry"
PNG = b"\x89PNG\r\n\x1a\n" + b"logo" * 50


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def rich_production() -> Production:
    """The demo, plus uploaded files, tokens, a reminder and the history of a deleted row."""
    from apps.budgets.models import Commitment
    from apps.callsheets.models import Revision
    from apps.crew.models import Candidate, DealMemo, Person
    from apps.productions.models import Invitation
    from apps.schedules.models import ScheduleSettings
    from apps.vendors.models import Certificate, Reminder, ReminderKind, Vendor

    run("seed_demo")
    production = Production.objects.get(slug=SLUG)
    production.logo.save("first.png", ContentFile(PNG + b"1"))
    production.logo.save("second.png", ContentFile(PNG + b"2"))  # history names both files
    candidate = Candidate.objects.filter(production=production).first()
    candidate.cv.save("cv.pdf", ContentFile(b"%PDF-1.4 a CV"))
    vendor = Vendor.objects.filter(production=production).first()
    certificate = Certificate.objects.create(
        production=production,
        vendor=vendor,
        file=ContentFile(b"%PDF-1.4 insured", name="coi.pdf"),
        expires_on=production.first_shoot_day,
    )
    Reminder.objects.create(
        production=production,
        kind=ReminderKind.CERTIFICATE_EXPIRING,
        object_id=certificate.pk,
        recipient=Membership.objects.filter(production=production).first().user,
        date=production.first_shoot_day,
        text="Certificate expiring",
    )
    gone = Person.objects.create(production=production, name="Left Early", email="l@e.test")
    gone.delete()  # its history stays, naming an id no row has any more
    Invitation.objects.create(
        production=production,
        email="new@example.test",
        role="crew",
        token_hash="a" * 64,
        expires_at=production.created_at,
    )
    DealMemo.objects.filter(production=production).update(token_hash="b" * 64)
    ScheduleSettings.objects.filter(production=production).update(ical_token="feed-token")
    if not production.cost_periods.exists():  # until the demo seeder closes its two
        from apps.budgets.demo_periods import close_demo_periods

        close_demo_periods(production, 2)
    # What the round trip must carry, present in the demo rather than assumed:
    assert Commitment.objects.filter(production=production, source_type__isnull=False).exists()
    assert Revision.objects.filter(production=production).exists()
    return production


def export(production: Production, tmp_path) -> str:
    path = str(tmp_path / f"{production.slug}.zip")
    run("export_production", production.slug, path)
    return path


def live_ids(production: Production) -> dict[str, set]:
    return {
        p.label: set(p.rows(production).values_list("pk", flat=True))
        for p in production_parts()
        if p.history_of is None
    }


def delete_production(production: Production) -> None:
    """Delete every live row of the production (its history stays, as after a real deletion).

    Through the ORM, PROTECT keys (a vendor's purchase orders) refuse; within one transaction the
    constraints are deferred, so raw deletes in any order are fine."""
    live = [p for p in production_parts() if p.history_of is None]
    doomed = {p.model: list(p.rows(production).values_list("pk", flat=True)) for p in live}
    for model, pks in doomed.items():
        model._base_manager.filter(pk__in=pks)._raw_delete(connection.alias)
    connection.check_constraints()


def reuse_ids(old_ids: dict[str, set]) -> None:
    """Make each table hand out the deleted production's ids again, as another installation would
    (sequences are not rolled back between tests on PostgreSQL, so they are set explicitly)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for part in production_parts():
            if not old_ids.get(part.label):
                continue
            table, first = part.model._meta.db_table, min(old_ids[part.label])
            if connection.vendor == "sqlite":
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [first - 1, table]
                )
            else:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)",
                    [quote(table), first],
                )


def test_the_archive_holds_every_record_and_every_file(tmp_path):
    production = rich_production()
    path = export(production, tmp_path)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        records = json.loads(archive.read("records.json"))
        stored = {name for name in archive.namelist() if name.startswith("files/")}
        logo = archive.read("files/" + production.logo.name)
    assert manifest["format"] == "producer-desk-production" and manifest["format_version"] == 1
    assert ["productions", "0001_initial"] in manifest["migrations"]
    for part in production_parts():
        assert manifest["counts"][part.label] == part.rows(production).count(), part.label
    assert set(manifest["files"].values()) == stored and manifest["missing_files"] == []
    assert logo == PNG + b"2"
    # Both logos: the history still names the first one.
    assert sum(1 for name in stored if name.startswith(f"files/productions/{SLUG}/logo")) == 2
    # No credential leaves the installation: no token and no password hash.
    for label, fields in CLEARED_FIELDS.items():
        assert all(row["fields"][f] == "" for row in records["models"][label] for f in fields)
    assert all(set(user) == {"id", "email", "full_name"} for user in records["users"])


def test_a_production_restored_elsewhere_and_as_a_copy_is_identical(tmp_path):
    production = rich_production()
    before = canonical(production)
    old_ids = live_ids(production)
    path = export(production, tmp_path)

    # Another installation: the original gone, a different production holding its ids, one of
    # its people known under another name, another not known at all. The demo's slate projects
    # (productions of their own, made after it) go too: SQLite hands out ids above the largest
    # one in a table, whatever its sequence says.
    for each in Production.objects.all():
        delete_production(each)
    reuse_ids(old_ids)
    run("seed_demo")
    other = Production.objects.get(slug=SLUG)
    Production.objects.filter(pk=other.pk).update(slug="other-film", title="Other film")
    other.refresh_from_db()
    assert old_ids["productions.production"] == live_ids(other)["productions.production"]
    assert old_ids["callsheets.revision"] & live_ids(other)["callsheets.revision"]
    assert old_ids["crew.person"] & live_ids(other)["crew.person"]
    User.objects.filter(email="producer@demo.producerdesk.test").update(full_name="Kept As Is")
    User.objects.filter(email="crew@demo.producerdesk.test").delete()
    other_before = canonical(other)

    assert "Restored Night Ferry" in run("import_production", path, map_users=True)
    restored = Production.objects.get(slug=SLUG)
    assert canonical(restored) == before
    assert canonical(other) == other_before
    assert User.objects.get(email="producer@demo.producerdesk.test").full_name == "Kept As Is"
    created = User.objects.get(email="crew@demo.producerdesk.test")
    assert not created.has_usable_password() and created.full_name == "Lee Moreau"
    assert Membership.objects.filter(production=restored, user=created).exists()
    for part in production_parts():
        for name in CLEARED_FIELDS.get(part.label, ()):
            assert set(part.rows(restored).values_list(name, flat=True)) <= {""}

    # The same installation once more, under another address.
    run("import_production", path, slug="night-ferry-copy", map_users=True)
    copy = Production.objects.get(slug="night-ferry-copy")
    expected = canonical(restored)
    expected["productions.production"][0]["slug"] = "night-ferry-copy"
    for row in expected["productions.historicalproduction"]:
        row["slug"] = "night-ferry-copy"
    assert canonical(copy) == expected
    assert copy.logo.name != restored.logo.name  # its own file, not a shared one
    assert copy.logo.name.startswith("productions/night-ferry-copy/")

    # and the restored productions work: their members open them
    client = Client()
    client.force_login(User.objects.get(email="ap@demo.producerdesk.test"))
    for restored_production in (restored, copy):
        assert client.get(restored_production.get_absolute_url()).status_code == 200
        budget = reverse("budgets:index", kwargs={"production_slug": restored_production.slug})
        assert client.get(budget, follow=True).status_code == 200  # its own version page
    assert canonical(restored) == before


# --- Refusals -----------------------------------------------------------------------------------


@pytest.fixture
def small_archive(tmp_path):
    """A small production with a file, exported: the refusals need no demo."""
    from tests.factories import ProductionFactory, member

    production = ProductionFactory(slug="short-film")
    production.logo.save("logo.png", ContentFile(PNG))
    member(production)
    return production, export(production, tmp_path)


def rewrite(path: str, target: str, change) -> str:
    """Copy the archive with one member changed by `change(bytes) -> bytes`."""
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members[target] = change(members[target])
    copy = path.replace(".zip", "-changed.zip")
    with zipfile.ZipFile(copy, "w") as out:
        for name, content in members.items():
            out.writestr(name, content)
    return copy


def manifest_change(**changes):
    def change(content: bytes) -> bytes:
        return json.dumps({**json.loads(content), **changes}).encode()

    return change


def assert_refused(path: str, message: str, **options) -> None:
    users, productions = User.objects.count(), Production.objects.count()
    with pytest.raises(CommandError, match=message):
        run("import_production", path, **options)
    assert (User.objects.count(), Production.objects.count()) == (users, productions)


def test_an_address_already_taken_is_refused_unless_another_is_given(small_archive):
    production, path = small_archive
    assert_refused(path, "already exists here; choose another with --slug")
    run("import_production", path, slug="short-film-2")
    assert Production.objects.filter(slug="short-film-2").exists()


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    path = tmp_path / "notes.zip"
    path.write_text("not a zip")
    assert_refused(str(path), "is not a Producer Desk production archive")


def test_a_zip_without_a_manifest_is_refused(tmp_path):
    path = str(tmp_path / "other.zip")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert_refused(path, "is not a Producer Desk production archive: no readable manifest")


def test_a_changed_record_fails_its_checksum(small_archive):
    production, path = small_archive
    changed = rewrite(path, "records.json", lambda b: b.replace(b"short-film", b"short-fi1m"))
    production.delete()
    assert_refused(changed, "damaged: checksum mismatch on records.json")


def test_a_changed_file_fails_its_checksum(small_archive):
    production, path = small_archive
    changed = rewrite(path, f"files/{production.logo.name}", lambda b: b + b"!")
    production.delete()
    assert_refused(changed, f"damaged: checksum mismatch on files/{production.logo.name}")


def test_a_truncated_archive_is_refused(small_archive):
    production, path = small_archive
    with open(path, "rb") as handle:
        content = handle.read()
    with open(path, "wb") as handle:
        handle.write(content[: len(content) // 2])
    production.delete()
    assert_refused(path, "is not a Producer Desk production archive")


def test_a_newer_format_is_refused(small_archive):
    production, path = small_archive
    newer = rewrite(path, "manifest.json", manifest_change(format_version=2))
    production.delete()
    assert_refused(newer, "archive format 2; this installation reads up to format 1")


def test_an_archive_from_a_newer_schema_is_refused(small_archive):
    production, path = small_archive
    with zipfile.ZipFile(path) as archive:
        migrations = json.loads(archive.read("manifest.json"))["migrations"]
    newer = rewrite(
        path,
        "manifest.json",
        manifest_change(migrations=[*migrations, ["crew", "9999_from_the_future"]]),
    )
    production.delete()
    assert_refused(newer, "newer Producer Desk .*crew.9999_from_the_future")


def test_a_failed_restore_leaves_no_rows_and_no_files(small_archive, monkeypatch, settings):
    from pathlib import Path

    from apps.productions.backup import restore

    production, path = small_archive
    production.delete()
    files_before = sorted(Path(settings.MEDIA_ROOT).rglob("*"))

    def broken(*args, **kwargs):
        raise restore.BackupError("the disk is full")

    monkeypatch.setattr(restore.connection, "check_constraints", broken)
    assert_refused(path, "the disk is full")
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == files_before
    assert not Production.objects.filter(slug="short-film").exists()


def test_export_refuses_an_unknown_production(tmp_path):
    with pytest.raises(CommandError, match="No production with the address 'nope'"):
        run("export_production", "nope", str(tmp_path / "x.zip"))


def test_an_archive_from_before_departments_had_keys_restores_with_them(tmp_path):
    """Written when crew held departments and members named theirs as text."""
    from apps.budgets.models import DepartmentGrant
    from apps.productions.backup.archive import RECORDS, sha256
    from apps.productions.models import Department, Invitation
    from tests.factories import ProductionFactory, department_named, member

    production = ProductionFactory(slug="old-short")
    camera = department_named(production, "Camera")
    drones = department_named(production, "Drones")
    member(production, "department_head", department="Camera")
    Invitation.objects.create(
        production=production,
        email="grip@example.test",
        role="department_head",
        department=drones,
        expires_at=production.created_at,
    )
    DepartmentGrant.objects.create(
        production=production, department=camera, kind="account", number="3307"
    )
    path = export(production, tmp_path)

    def as_before(content: bytes) -> bytes:
        records = json.loads(content)
        models = records["models"]
        rows = models.pop("productions.department")
        names = {row["pk"]: row["fields"]["name"] for row in rows}
        models["crew.department"] = [r for r in rows if r["fields"]["name"] != "Drones"]
        for label in (
            "productions.membership",
            "productions.historicalmembership",
            "productions.invitation",
            "budgets.departmentgrant",
        ):
            for row in models[label]:
                old = row["fields"].pop("department_id")
                row["fields"]["department"] = f" {names[old].lower()}" if old else ""
        return json.dumps(records).encode()

    old = rewrite(path, RECORDS, as_before)
    with zipfile.ZipFile(old) as archive:
        records = archive.read(RECORDS)
        manifest = json.loads(archive.read("manifest.json"))
    counts = {label: len(rows) for label, rows in json.loads(records)["models"].items()}
    checksums = {**manifest["checksums"], RECORDS: sha256(records)}
    old = rewrite(old, "manifest.json", manifest_change(counts=counts, checksums=checksums))

    run("import_production", old, slug="old-short-copy", map_users=True)
    copy = Production.objects.get(slug="old-short-copy")
    head = Membership.objects.get(production=copy, role="department_head")
    assert head.department.name == "Camera"
    assert Invitation.objects.get(production=copy).department.name == "drones"
    grant = DepartmentGrant.objects.get(production=copy)
    assert grant.department == head.department
    assert Department.objects.filter(production=copy).count() == 2
