from __future__ import annotations

import smtplib
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from apps.core.models import SendStatus
from apps.core.outbox import send_args, send_message
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.models import POStatus, PurchaseOrder
from apps.vendors.services.purchasing import VENDOR_HAS_NO_EMAIL
from tests.factories import member
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(production):
    producer = Membership.objects.get(user=member(production, Role.PRODUCER))
    po = services.po_submit(po=purchase_order(VendorFactory(production=production), "2500"))
    return services.po_approve(po=po, membership=producer)


def send(client, po, django_capture_on_commit_callbacks):
    url = reverse("vendors:po_send", kwargs={"production_slug": po.production.slug, "pk": po.pk})
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, follow=True)


def test_sending_e_mails_the_vendor_the_po_with_its_pdf(
    ap_client, approved, django_capture_on_commit_callbacks
):
    page = send(ap_client, approved, django_capture_on_commit_callbacks).content.decode()
    (message,) = mail.outbox
    assert message.to == [approved.vendor.email]
    assert "PO 0001" in message.subject and "$2,500.00" in message.body
    (attachment,) = message.attachments
    assert attachment[2] == "application/pdf" and attachment[1].startswith(b"%PDF")
    po = PurchaseOrder.objects.get(pk=approved.pk)
    assert (po.status, po.send_status, po.send_attempts) == (POStatus.SENT, SendStatus.SENT, 1)
    assert 'id="send-state"' in page


def test_running_the_task_twice_sends_once(approved, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.po_send(po=approved)
    po = PurchaseOrder.objects.get(pk=approved.pk)
    assert send_message.delay(*send_args(po)).get() == "sent"
    assert send_message.delay(*send_args(po)).get() == "skipped: already sent"
    assert len(callbacks) == 1 and len(mail.outbox) == 1


def test_a_failing_mail_server_is_retried_and_the_failure_shown(
    ap_client, approved, django_capture_on_commit_callbacks
):
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=smtplib.SMTPException("busy")
    ):
        send(ap_client, approved, django_capture_on_commit_callbacks)
    po = PurchaseOrder.objects.get(pk=approved.pk)
    page = ap_client.get(po.get_absolute_url()).content.decode()
    assert (po.status, po.send_status, po.send_attempts) == (
        POStatus.APPROVED,
        SendStatus.FAILED,
        5,
    )
    assert "busy" in page and "Failed" in page
    send(ap_client, po, django_capture_on_commit_callbacks)  # "Send again"
    assert PurchaseOrder.objects.get(pk=po.pk).send_status == SendStatus.SENT


def test_a_vendor_without_an_e_mail_cannot_be_sent_to(approved):
    approved.vendor.email = ""
    approved.vendor.save()
    with pytest.raises(services.VendorError) as refused:
        services.po_send(po=approved)
    assert refused.value.message == VENDOR_HAS_NO_EMAIL.format(vendor=approved.vendor)


def test_a_draft_cannot_be_sent(production):
    po = purchase_order(VendorFactory(production=production), "10")
    with pytest.raises(services.VendorError):
        services.po_send(po=po)
    assert Decimal(po.lines.get().amount) == Decimal("10.00")
