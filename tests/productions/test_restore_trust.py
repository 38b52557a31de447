"""A restore trusts nothing it did not bring (issue: security round two, point 5).

Found on main: a crafted archive could point the logo at another production's file (a name that
is not in the archive was kept as given, so the restored production served the other's file), and
every person in an archive was matched to an account here by e-mail: whoever held that address
here became a member of the restored production and the author of its history.
"""

from __future__ import annotations

import json
import zipfile

import pytest
from django.core import mail
from django.core.files.base import ContentFile

from apps.accounts.models import User
from apps.productions.backup.archive import sha256
from apps.productions.models import Invitation, Membership, Production
from tests.factories import ProductionFactory, UserFactory, member
from tests.productions.test_backup import PNG, export, manifest_change, rewrite, run

pytestmark = pytest.mark.django_db

RECORDS = "records.json"


def change_records(path: str, change) -> str:
    """Rewrite records.json with `change(records)` and fix the manifest's checksum, as a crafted
    archive would."""
    with zipfile.ZipFile(path) as archive:
        records = json.loads(archive.read(RECORDS))
    change(records)
    body = json.dumps(records).encode()
    changed = rewrite(path, RECORDS, lambda _: body)
    with zipfile.ZipFile(changed) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    checksums = {**manifest["checksums"], RECORDS: sha256(body)}
    return rewrite(changed, "manifest.json", manifest_change(checksums=checksums))


def test_a_file_name_the_archive_does_not_hold_is_never_linked(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    victim = ProductionFactory(slug="victim-film")
    victim.logo.save("logo.png", ContentFile(PNG + b"secret"))
    source = ProductionFactory(slug="short-film")
    member(source)
    path = export(source, tmp_path)

    def point_at_victim(records):
        for row in records["models"]["productions.production"]:
            row["fields"]["logo"] = victim.logo.name

    crafted = change_records(path, point_at_victim)
    run("import_production", crafted, slug="restored-film", map_users=True)
    restored = Production.objects.get(slug="restored-film")
    assert restored.logo.name == ""
    assert Production.objects.get(slug="victim-film").logo.name == victim.logo.name


def test_by_default_no_account_here_becomes_a_member_or_an_actor(tmp_path):
    source = ProductionFactory(slug="short-film", title="Short Film")
    producer = member(source, "producer", user__email="boss@example.test")
    member(source, "crew", user__email="grip@example.test")
    source.title = "Short Film (final)"
    source._history_user = producer
    source.save()
    path = export(source, tmp_path)
    source.delete()
    # Another installation: the archive's people are not known here, and someone else already
    # holds the producer's address.
    User.objects.filter(email__in=["boss@example.test", "grip@example.test"]).delete()
    stranger = UserFactory(email="boss@example.test", full_name="Not The Producer")
    users_before = User.objects.count()

    out = run("import_production", path)
    restored = Production.objects.get(slug="short-film")
    assert "2 pending invitation(s), not sent" in out
    assert not Membership.objects.filter(production=restored).exists()
    assert not stranger.memberships.exists()
    assert User.objects.count() == users_before  # no account made either
    invitations = {i.email: i.role for i in Invitation.objects.filter(production=restored)}
    assert invitations == {"boss@example.test": "producer", "grip@example.test": "crew"}
    assert all(i.token_hash == "" for i in Invitation.objects.filter(production=restored))
    assert not restored.history.filter(history_user__isnull=False).exists()
    assert mail.outbox == []


def test_invitations_can_be_sent_by_the_restore_and_accepted(
    tmp_path, django_capture_on_commit_callbacks
):
    source = ProductionFactory(slug="short-film")
    member(source, "producer", user__email="boss@example.test")
    path = export(source, tmp_path)
    source.delete()
    with django_capture_on_commit_callbacks(execute=True):
        out = run("import_production", path, send_invitations=True)
    assert "1 invitation(s) e-mailed" in out
    (message,) = mail.outbox
    assert message.to == ["boss@example.test"]


def test_map_users_matches_by_e_mail_when_asked(tmp_path):
    source = ProductionFactory(slug="short-film")
    member(source, "producer", user__email="boss@example.test")
    path = export(source, tmp_path)
    source.delete()
    boss = User.objects.get(email="boss@example.test")
    run("import_production", path, map_users=True)
    restored = Production.objects.get(slug="short-film")
    assert Membership.objects.get(production=restored).user == boss
