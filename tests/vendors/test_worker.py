"""Against the production setup (.ci/run): the vendors tasks run in a real Celery worker."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile

from apps.core.models import SendStatus
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from apps.vendors import services
from apps.vendors.models import POStatus, PurchaseOrder, Reminder
from apps.vendors.tasks import daily_reminders
from tests.factories import ProductionFactory, member
from tests.productions.test_worker import wait_for
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = [pytest.mark.worker]


def test_the_worker_e_mails_the_po_with_its_pdf_to_the_vendor(celery_worker_process):
    production = ProductionFactory()
    producer = Membership.objects.get(user=member(production, Role.PRODUCER))
    po = services.po_submit(po=purchase_order(VendorFactory(production=production), "980.40"))
    po = services.po_approve(po=po, membership=producer)
    services.po_send(po=po)
    assert wait_for(lambda: PurchaseOrder.objects.get(pk=po.pk).send_status == SendStatus.SENT)
    assert PurchaseOrder.objects.get(pk=po.pk).status == POStatus.SENT
    assert wait_for(lambda: any(celery_worker_process.mail_dir.glob("*.log")))
    (mail_file,) = celery_worker_process.mail_dir.glob("*.log")
    text = mail_file.read_text()
    assert po.vendor.email in text and "$980.40" in text and "application/pdf" in text


def test_the_worker_runs_the_daily_reminders_once_a_day(celery_worker_process):
    production = ProductionFactory()
    member(production, Role.PRODUCER)
    vendor = VendorFactory(production=production)
    services.certificate_upload(
        vendor=vendor,
        upload=ContentFile(b"%PDF-1.4\n", name="c.pdf"),
        expires_on=production.today() + timedelta(days=2),
    )
    assert daily_reminders.delay().get(timeout=30) == 1
    assert daily_reminders.delay().get(timeout=30) == 0
    assert wait_for(lambda: Reminder.objects.get().send_status == SendStatus.SENT)
    assert len(list(celery_worker_process.mail_dir.glob("*.log"))) == 1
