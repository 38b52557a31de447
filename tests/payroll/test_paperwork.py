"""Start paperwork: the production's pack, the hire's tokened link (fill, upload, sign), the
office's view of it, reminders, and the sensitive answers (encrypted at rest, masked, the
accountant's and the producer's only, never in exports, the audit trail or the logs)."""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.core.models import SendStatus
from apps.payroll.paperwork import crypto, services
from apps.payroll.paperwork.models import ItemKind, PackEntry, PackItem, PackState, StartPack
from apps.productions.capabilities import Role
from tests.crew.test_commitments import accept, offer
from tests.factories import member

pytestmark = pytest.mark.django_db

ACCOUNT = "12345678901"
ROUTING = "021000021"
TAX_ID = "987-65-4321"
PDF = b"%PDF-1.4\n% a tax form\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def slug_url(production, name, **kwargs):
    return reverse(name, kwargs={"production_slug": production.slug, **kwargs})


def hired(production, capture):
    """A hire who accepts their memo: the pack goes out with the acceptance; its link is read
    from the e-mail."""
    memo = offer(production, person__email="ada@example.test")
    with capture(execute=True):
        accept(memo)
    pack = StartPack.objects.get(engagement__deal_memo=memo)
    message = next(m for m in mail.outbox if "start paperwork" in m.subject)
    link = next(line for line in message.body.splitlines() if "/start-paperwork/" in line)
    return pack, urlsplit(link.strip()).path


@pytest.fixture
def pack_and_link(production, django_capture_on_commit_callbacks):
    return hired(production, django_capture_on_commit_callbacks)


def entry(pack, kind) -> PackEntry:
    return pack.entries.get(kind=kind)


def fill_bank(client, link, pack):
    e = entry(pack, ItemKind.BANK)
    return client.post(
        link,
        {
            "entry": e.pk,
            f"e{e.pk}-account_name": "Ada Lovelace",
            f"e{e.pk}-bank_routing": ROUTING,
            f"e{e.pk}-bank_account": ACCOUNT,
        },
    )


def fill_tax(client, link, pack, upload=None):
    e = entry(pack, ItemKind.TAX_FORM)
    upload = upload or SimpleUploadedFile("w4.pdf", PDF, content_type="application/pdf")
    return client.post(link, {"entry": e.pk, f"e{e.pk}-tax_id": TAX_ID, f"e{e.pk}-file": upload})


def fill_everything(client, link, pack):
    fill_bank(client, link, pack)
    fill_tax(client, link, pack)
    e = entry(pack, ItemKind.PERSONAL)
    client.post(
        link,
        {
            "entry": e.pk,
            f"e{e.pk}-legal_name": "Augusta Ada King",
            f"e{e.pk}-address": "12 St James's Square, London",
            f"e{e.pk}-phone": "+44 20 7946 0000",
        },
    )
    e = entry(pack, ItemKind.EMERGENCY)
    client.post(
        link,
        {"entry": e.pk, f"e{e.pk}-name": "Mary Somerville", f"e{e.pk}-phone": "+44 20 7946 0001"},
    )
    e = entry(pack, ItemKind.ELIGIBILITY)
    client.post(link, {"entry": e.pk, f"e{e.pk}-file": SimpleUploadedFile("passport.png", PNG)})
    e = entry(pack, ItemKind.POLICY)
    client.post(link, {"entry": e.pk, f"e{e.pk}-acknowledged": "on"})


# --- The production's pack ----------------------------------------------------------------------


def test_the_office_finds_a_default_pack_on_its_first_visit_and_adds_an_item(ap_client, production):
    url = slug_url(production, "paperwork:pack")
    page = ap_client.get(url).content.decode()
    assert "Bank details for payment" in page and "Tax form" in page
    kinds = set(PackItem.objects.filter(production=production).values_list("kind", flat=True))
    assert kinds == {"personal", "emergency", "tax_form", "eligibility", "bank", "policy"}
    response = ap_client.post(
        url, {"kind": "custom", "title": "T-shirt size", "text": "", "required": "on"}
    )
    assert response.status_code == 302
    assert PackItem.objects.filter(production=production, title="T-shirt size").exists()


# --- Sending on acceptance ----------------------------------------------------------------------


def test_accepting_a_deal_memo_sends_the_hire_their_pack_through_the_outbox(pack_and_link):
    pack, link = pack_and_link
    assert pack.state == PackState.SENT and pack.send_status == SendStatus.SENT
    assert pack.token_hash and link.startswith("/start-paperwork/")
    assert pack.entries.count() == 6


def test_the_demo_s_acceptance_sends_no_pack(production, django_capture_on_commit_callbacks):
    from apps.crew import services as crew

    memo = offer(production)
    with django_capture_on_commit_callbacks(execute=True):
        crew.memo_accept(token=memo.token, typed_name=memo.person.name, ip=None, notify=False)
    assert not StartPack.objects.exists()


# --- The hire's link ----------------------------------------------------------------------------


def test_a_wrong_token_is_404(client, pack_and_link):
    assert client.get("/start-paperwork/not-the-token/").status_code == 404
    assert client.post("/start-paperwork/not-the-token/", {}).status_code == 404


def test_the_hire_fills_in_uploads_comes_back_and_signs(client, pack_and_link):
    pack, link = pack_and_link
    assert "Your start paperwork" in client.get(link).content.decode()
    assert fill_bank(client, link, pack).status_code == 302
    pack.refresh_from_db()
    assert pack.state == PackState.IN_PROGRESS
    # Signing before every required item is done is refused.
    response = client.post(link, {"action": "sign", "typed_name": "Ada Lovelace"})
    assert services.PACK_NOT_DONE in response.content.decode()
    fill_everything(client, link, pack)
    assert not pack.entries.filter(required=True, done_at__isnull=True).exists()
    response = client.post(
        link, {"action": "sign", "typed_name": "ada  lovelace"}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 302
    pack.refresh_from_db()
    assert pack.state == PackState.COMPLETE
    assert (pack.signed_name, pack.signed_ip) == ("ada lovelace", "203.0.113.9")
    assert pack.signed_at is not None


def test_a_completed_pack_is_read_only_for_the_hire(client, pack_and_link):
    pack, link = pack_and_link
    fill_everything(client, link, pack)
    client.post(link, {"action": "sign", "typed_name": "Ada Lovelace"})
    page = client.get(link).content.decode()
    assert "Complete: signed by" in page and 'name="entry"' not in page
    e = entry(pack, ItemKind.BANK)
    before = e.secret
    response = fill_bank(client, link, pack)
    assert response.status_code == 403
    e.refresh_from_db()
    assert e.secret == before
    with pytest.raises(services.PaperworkError):
        services.entry_fill(pack=pack, entry=e, data={"bank_account": "1"})


def test_hostile_uploads_are_refused_and_names_never_reach_the_disk(
    client, pack_and_link, settings
):
    pack, link = pack_and_link
    exe = SimpleUploadedFile("w4.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    assert "Upload a PDF, JPG or PNG" in fill_tax(client, link, pack, exe).content.decode()
    settings.PAPERWORK_UPLOAD_MAX_BYTES = 100
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 200)
    assert "the limit is" in fill_tax(client, link, pack, big).content.decode()
    settings.PAPERWORK_UPLOAD_MAX_BYTES = 10_000
    hostile = SimpleUploadedFile("../../etc/<script>passwd\x00.pdf", PDF)
    assert fill_tax(client, link, pack, hostile).status_code == 302
    e = entry(pack, ItemKind.TAX_FORM)
    assert e.file.name.startswith(f"payroll/{pack.production_id}/paperwork/")
    assert ".." not in e.file.name and "passwd" not in e.file.name
    assert "/" not in e.file_name and "<" not in e.file_name and "\x00" not in e.file_name


# --- Sensitive answers ----------------------------------------------------------------------------


def test_the_database_column_holds_no_plaintext(client, pack_and_link):
    pack, link = pack_and_link
    fill_bank(client, link, pack)
    fill_tax(client, link, pack)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret, answers FROM payroll_packentry")
        raw = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert ACCOUNT not in raw and ROUTING not in raw and TAX_ID not in raw
    e = entry(pack, ItemKind.BANK)
    assert crypto.decrypt(e.secret) == {"bank_routing": ROUTING, "bank_account": ACCOUNT}


def test_a_configured_key_is_used_and_a_bad_one_is_refused(settings):
    from cryptography.fernet import Fernet
    from django.core.exceptions import ImproperlyConfigured

    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    token = crypto.encrypt({"bank_account": ACCOUNT})
    assert crypto.decrypt(token) == {"bank_account": ACCOUNT}
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    assert crypto.decrypt(token) is None  # another key cannot read it
    settings.FIELD_ENCRYPTION_KEY = "not-a-key"
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt({"bank_account": ACCOUNT})


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (Role.ACCOUNTANT, True),
        (Role.PRODUCER, True),
        (Role.ASSOCIATE_PRODUCER, False),
        (Role.PRODUCTION_MANAGER, False),
    ],
)
def test_bank_details_are_shown_masked_to_the_accountant_and_producer_only(
    client, production, pack_and_link, role, sees
):
    pack, link = pack_and_link
    fill_bank(client, link, pack)
    fill_tax(client, link, pack)
    client.force_login(member(production, role))
    page = client.get(slug_url(production, "paperwork:detail", pk=pack.engagement_id))
    text = page.content.decode()
    assert page.status_code == 200
    assert ACCOUNT not in text and ROUTING not in text and TAX_ID not in text
    assert ("•••• 8901" in text and "•••• 4321" in text) is sees
    # The answers read as the form asked them, not as stored keys.
    assert ("Routing number or sort code" in text) is sees and "bank_routing" not in text
    assert "Bank_routing" not in text and "Account_name" not in text
    file_url = slug_url(production, "paperwork:file", pk=entry(pack, ItemKind.TAX_FORM).pk)
    response = client.get(file_url)
    assert response.status_code == (200 if sees else 403)


@pytest.mark.parametrize("role", [Role.CREW, Role.DEPARTMENT_HEAD, Role.COORDINATOR])
def test_crew_heads_and_the_coordinator_see_no_paperwork(client, production, pack_and_link, role):
    pack, _ = pack_and_link
    client.force_login(
        member(
            production, role, **({"department": "Camera"} if role == Role.DEPARTMENT_HEAD else {})
        )
    )
    assert (
        client.get(slug_url(production, "paperwork:detail", pk=pack.engagement_id)).status_code
        == 403
    )


def test_sensitive_answers_are_never_in_exports_the_audit_trail_or_the_logs(
    client, production, pack_and_link, caplog
):
    pack, link = pack_and_link
    with caplog.at_level(logging.DEBUG):
        fill_bank(client, link, pack)
        fill_tax(client, link, pack)
    assert not any(
        secret in record.getMessage()
        for record in caplog.records
        for secret in (ACCOUNT, ROUTING, TAX_ID)
    )
    client.force_login(member(production, Role.PRODUCER))
    texts = []
    for query in ("", "?format=csv"):
        texts.append(client.get(slug_url(production, "productions:audit") + query).content)
    for fmt in ("csv", "xlsx"):
        texts.append(client.get(slug_url(production, "crew:list") + f"?format={fmt}").content)
    texts.append(client.get(slug_url(production, "crew:list")).content)
    for text in texts:
        for secret in (ACCOUNT, ROUTING, TAX_ID):
            assert secret.encode() not in text
    for history in entry(pack, ItemKind.BANK).history.all():
        assert not hasattr(history, "secret")


def test_the_backup_keeps_the_sensitive_answers_encrypted_and_clears_the_link(
    client, production, pack_and_link, tmp_path
):
    import json
    import zipfile

    from apps.productions.backup.archive import export_production

    pack, link = pack_and_link
    fill_bank(client, link, pack)
    path = tmp_path / "backup.zip"
    export_production(production, path)
    with zipfile.ZipFile(path) as archive:
        text = " ".join(
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith(".json")
        )
    assert ACCOUNT not in text and ROUTING not in text
    records = json.loads(
        next(
            zipfile.ZipFile(path).read(n)
            for n in zipfile.ZipFile(path).namelist()
            if "records" in n
        )
    )
    packs = records["models"]["payroll.startpack"]
    assert packs and all(row["fields"]["token_hash"] == "" for row in packs)


# --- The office -------------------------------------------------------------------------------


def test_the_crew_list_shows_each_hire_s_paperwork_state(client, production, pack_and_link):
    pack, link = pack_and_link
    client.force_login(member(production, Role.PRODUCTION_MANAGER))
    page = client.get(slug_url(production, "crew:list")).content.decode()
    assert "Paperwork sent" in page
    fill_bank(client, link, pack)
    page = client.get(slug_url(production, "crew:list")).content.decode()
    assert "Paperwork in progress" in page
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Camera"))
    assert "Paperwork" not in client.get(slug_url(production, "crew:list")).content.decode()


def test_the_office_sends_a_pack_to_a_hire_who_has_none(
    ap_client, production, django_capture_on_commit_callbacks
):
    from tests.crew.factories import EngagementFactory

    engagement = EngagementFactory(production=production, person__email="bo@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        response = ap_client.post(slug_url(production, "paperwork:send", pk=engagement.pk))
    assert response.status_code == 302
    assert StartPack.objects.get(engagement=engagement).send_status == SendStatus.SENT
    assert [m.to for m in mail.outbox] == [["bo@example.test"]]
    page = ap_client.get(slug_url(production, "paperwork:list")).content.decode()
    assert engagement.person.name in page and "Sent" in page


def test_a_reminder_goes_out_for_an_incomplete_pack_once_it_is_due(
    client, production, pack_and_link, django_capture_on_commit_callbacks
):
    from apps.payroll.paperwork.tasks import paperwork_reminders

    pack, link = pack_and_link
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert paperwork_reminders() == 0  # just sent
    StartPack.objects.filter(pk=pack.pk).update(sent_at=timezone.now() - timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert paperwork_reminders() == 1
    assert [m.subject.startswith("Reminder") for m in mail.outbox] == [True]
    pack.refresh_from_db()
    assert pack.reminders == 1
    assert client.get(link).status_code == 404  # the reminder's link replaces the first one
    StartPack.objects.filter(pk=pack.pk).update(
        sent_at=timezone.now() - timedelta(days=3), state=PackState.COMPLETE
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert paperwork_reminders() == 0  # complete: no more reminders


def test_the_link_never_shows_the_saved_bank_details_back_nor_the_production_s_menu(
    client, pack_and_link
):
    pack, link = pack_and_link
    fill_bank(client, link, pack)
    page = client.get(link).content.decode()
    assert ACCOUNT not in page and ROUTING not in page
    assert "Saved" in page and "Timecards" not in page


def test_a_form_uploaded_again_replaces_the_file_on_disk(client, pack_and_link):
    pack, link = pack_and_link
    fill_tax(client, link, pack)
    first = entry(pack, ItemKind.TAX_FORM).file
    storage, name = first.storage, first.name
    fill_tax(client, link, pack)
    assert not storage.exists(name)
    assert entry(pack, ItemKind.TAX_FORM).file.storage.exists(
        entry(pack, ItemKind.TAX_FORM).file.name
    )
