"""Drill: Redis is down while people invite, send a deal memo, send a PO and publish a call sheet.

Every page still answers at once; each send is saved and shown as waiting for the mail worker.
Redis comes back (empty, as a Redis without persistence does), a worker and beat start, and the
sweeper queues the waiting sends again: each person gets exactly one e-mail, and more sweeps
change nothing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from django.urls import reverse

from apps.callsheets import services as callsheets
from apps.callsheets.models import Recipient, RecipientStatus
from apps.core.models import SendStatus
from apps.crew.models import DealMemo
from apps.productions.capabilities import Role
from apps.productions.models import Invitation, Membership
from apps.vendors import services as vendors
from apps.vendors.models import PurchaseOrder
from tests.callsheets.factories import shoot_day_with_crew
from tests.crew.factories import DealMemoFactory, PositionFactory
from tests.factories import member
from tests.processes import start_worker, wait_for
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = [pytest.mark.drill, pytest.mark.django_db(transaction=True)]

WAITING = "waiting for the mail worker"
# Without the dispatch helper a publish to a dead Redis took ~20 s (retries); one quick try now.
PROMPT = 3.0


def timed_post(client, url: str, data: dict | None = None):
    started = time.monotonic()
    response = client.post(url, data or {})
    return response, time.monotonic() - started


def start_beat(tmp_path, queue: str) -> subprocess.Popen:
    env = {**os.environ, "CELERY_QUEUE": queue, "OUTBOX_SWEEP_SECONDS": "1"}
    command = [sys.executable, "-m", "celery", "-A", "producer_desk", "beat", "-l", "INFO",
               "-s", str(tmp_path / "beat-schedule")]  # fmt: skip
    with (tmp_path / "beat.log").open("w") as log:
        return subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def test_with_redis_down_sends_wait_visibly_and_go_out_once_when_it_is_back(
    production, ap_client, celery_on_redis, redis, queue, smtp, tmp_path
):
    slug = production.slug
    day = shoot_day_with_crew(production, crew=2)
    sheet = callsheets.callsheet_start(shoot_day=day)
    memo = DealMemoFactory(
        position=PositionFactory(department__production=production), person__email="ada@x.test"
    )
    producer = Membership.objects.get(user=member(production, Role.PRODUCER))
    po = vendors.po_approve(
        po=vendors.po_submit(po=purchase_order(VendorFactory(production=production), "900")),
        membership=producer,
    )
    redis.stop()

    asked = [
        (reverse("productions:members", kwargs={"production_slug": slug}),
         {"email": "new.person@example.test", "role": "coordinator", "department": ""}),
        (reverse("crew:memo_send", kwargs={"production_slug": slug, "pk": memo.pk}), None),
        (reverse("vendors:po_send", kwargs={"production_slug": slug, "pk": po.pk}), None),
        (reverse("callsheets:publish", kwargs={"production_slug": slug, "pk": sheet.pk}), None),
    ]  # fmt: skip
    pages = []
    for url, data in asked:
        response, seconds = timed_post(ap_client, url, data)
        assert response.status_code == 302, (url, response.status_code)
        assert seconds < PROMPT, f"{url} took {seconds:.1f} s with Redis down"
        pages.append(response.url)
    pages[0] = reverse("productions:members", kwargs={"production_slug": slug})
    pages[1] = reverse("crew:memo", kwargs={"production_slug": slug, "pk": memo.pk})
    for page in pages:
        response = ap_client.get(page)
        assert response.status_code == 200
        assert WAITING in response.content.decode().lower(), page

    invitation = Invitation.objects.get()
    recipients = list(Recipient.objects.filter(revision__call_sheet=sheet))
    rows = [invitation, DealMemo.objects.get(pk=memo.pk), PurchaseOrder.objects.get(pk=po.pk)]
    assert [row.send_status for row in rows] == [SendStatus.QUEUED] * 3
    assert {r.send_status for r in recipients} == {RecipientStatus.QUEUED}
    expected = sorted(
        ["new.person@example.test", "ada@x.test", po.vendor.email, *(r.email for r in recipients)]
    )

    redis.start()  # back, and empty: nothing that was asked for is in it
    worker = start_worker(
        tmp_path, queue=queue, env={**smtp.worker_env(), "OUTBOX_REDISPATCH_AFTER_SECONDS": "1"}
    )
    beat = start_beat(tmp_path, queue)
    try:
        wait_for(
            lambda: sorted(smtp.recipients()) == expected,
            60,
            f"everyone was sent their e-mail (so far {sorted(smtp.recipients())})",
        )
        time.sleep(4)  # four more sweeps: nothing goes out twice
    finally:
        os.killpg(beat.pid, signal.SIGTERM)
        beat.wait(timeout=20)
        worker.stop()

    assert sorted(smtp.recipients()) == expected
    for row in rows:
        row.refresh_from_db()
        assert row.send_status == SendStatus.SENT, row
    assert set(
        Recipient.objects.filter(revision__call_sheet=sheet).values_list("send_status", flat=True)
    ) == {RecipientStatus.SENT}
    for page in pages:
        assert WAITING not in ap_client.get(page).content.decode().lower(), page
