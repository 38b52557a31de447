"""Deal memos: sent by e-mail as a single-use link the hire answers; accepting puts them on the
crew list; the link cannot be reused, forged, or used after it expires."""

from __future__ import annotations

import re
import smtplib
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.core.models import SendStatus
from apps.core.outbox import send_args, send_message
from apps.crew import services
from apps.crew.models import DealMemo, Engagement, MemoState, Stage
from apps.crew.services import LINK_EXPIRED, LINK_INVALID, NAME_MISMATCH
from tests.crew.factories import CandidateFactory, DealMemoFactory, PositionFactory
from tests.factories import member

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/deal-memos/([\w-]+)/")


def url(name: str, production, **kwargs) -> str:
    return reverse(f"crew:{name}", kwargs={"production_slug": production.slug, **kwargs})


def send(client, memo, capture) -> str:
    with capture(execute=True):
        response = client.post(url("memo_send", memo.production, pk=memo.pk))
    assert response.status_code == 302
    return LINK.search(mail.outbox[-1].body).group(1)


def accept_path(token: str) -> str:
    return reverse("deal_memo_accept", kwargs={"token": token})


@pytest.fixture
def memo(production):
    return DealMemoFactory(
        position=PositionFactory(department__production=production),
        person__name="Ada Lovelace",
        person__email="ada@example.test",
    )


def test_sending_e_mails_the_hire_a_link_and_keeps_only_its_hash(
    ap_client, memo, django_capture_on_commit_callbacks
):
    token = send(ap_client, memo, django_capture_on_commit_callbacks)
    memo.refresh_from_db()
    assert memo.state == MemoState.SENT
    assert memo.send_status == SendStatus.SENT and memo.sent_at is not None
    (message,) = mail.outbox
    assert message.to == ["ada@example.test"]
    assert memo.production.title in message.subject
    assert token not in memo.token_hash and memo.token_hash == services.hash_token(token)


def test_the_sending_task_sends_once_however_often_it_runs(
    ap_client, memo, django_capture_on_commit_callbacks
):
    send(ap_client, memo, django_capture_on_commit_callbacks)
    memo.refresh_from_db()
    result = send_message.delay(*send_args(memo)).get()
    assert result == "skipped: already sent"
    assert len(mail.outbox) == 1


def test_a_failed_delivery_is_retried_and_its_state_shown(
    ap_client, memo, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("the server hung up")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        ap_client.post(url("memo_send", memo.production, pk=memo.pk))
    memo.refresh_from_db()
    assert memo.send_status == SendStatus.FAILED
    assert memo.send_attempts == 5  # eager Celery runs every retry at once
    assert "hung up" in memo.send_error
    assert memo.token_hash == ""  # no working link was delivered
    page = ap_client.get(url("memo", memo.production, pk=memo.pk)).content.decode()
    assert "delivery failed" in page


def test_the_hire_accepts_by_typing_their_name_and_joins_the_crew_list(
    client, ap_client, memo, django_capture_on_commit_callbacks
):
    token = send(ap_client, memo, django_capture_on_commit_callbacks)
    review = client.get(accept_path(token))
    assert review.status_code == 200 and b"Ada Lovelace" in review.content
    response = client.post(
        accept_path(token),
        {"typed_name": "  ada   lovelace ", "action": "accept"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 200 and b"Welcome to" in response.content
    memo.refresh_from_db()
    assert memo.state == MemoState.ACCEPTED
    assert memo.accepted_name == "ada lovelace"
    assert memo.accepted_ip == "203.0.113.7"
    assert timezone.now() - memo.accepted_at < timedelta(minutes=1)
    engagement = Engagement.objects.get(deal_memo=memo)
    assert (engagement.person, engagement.position) == (memo.person, memo.position)
    assert engagement.department == memo.position.department
    assert (engagement.start_date, engagement.end_date) == (memo.start_date, memo.end_date)
    crew = ap_client.get(url("list", memo.production)).content.decode()
    assert "Ada Lovelace" in crew


def test_a_wrong_name_does_not_accept(client, ap_client, memo, django_capture_on_commit_callbacks):
    token = send(ap_client, memo, django_capture_on_commit_callbacks)
    response = client.post(accept_path(token), {"typed_name": "Someone Else"})
    assert NAME_MISMATCH.format(name="Ada Lovelace") in response.content.decode()
    memo.refresh_from_db()
    assert memo.state == MemoState.SENT and not Engagement.objects.exists()


def test_an_accept_link_cannot_be_reused(
    client, ap_client, memo, django_capture_on_commit_callbacks
):
    token = send(ap_client, memo, django_capture_on_commit_callbacks)
    client.post(accept_path(token), {"typed_name": "Ada Lovelace"})
    again = client.post(accept_path(token), {"typed_name": "Ada Lovelace"})
    assert again.status_code == 404
    assert LINK_INVALID in again.content.decode()
    assert Engagement.objects.count() == 1
    with pytest.raises(services.CrewError, match=LINK_INVALID):
        services.memo_accept(token=token, typed_name="Ada Lovelace", ip=None)


def test_a_forged_link_is_refused(client, ap_client, memo, django_capture_on_commit_callbacks):
    send(ap_client, memo, django_capture_on_commit_callbacks)
    response = client.post(accept_path("forged-token-" + "x" * 30), {"typed_name": "Ada Lovelace"})
    assert response.status_code == 404 and LINK_INVALID in response.content.decode()
    memo.refresh_from_db()
    assert memo.state == MemoState.SENT


def test_an_expired_link_is_refused(client, ap_client, memo, django_capture_on_commit_callbacks):
    token = send(ap_client, memo, django_capture_on_commit_callbacks)
    DealMemo.objects.filter(pk=memo.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(accept_path(token), {"typed_name": "Ada Lovelace"})
    assert response.status_code == 404 and LINK_EXPIRED in response.content.decode()
    assert not Engagement.objects.exists()


def test_sending_again_replaces_the_link(
    client, ap_client, memo, django_capture_on_commit_callbacks
):
    first = send(ap_client, memo, django_capture_on_commit_callbacks)
    second = send(ap_client, memo, django_capture_on_commit_callbacks)
    assert client.get(accept_path(first)).status_code == 404
    assert client.get(accept_path(second)).status_code == 200


def test_editing_a_sent_memo_returns_it_to_draft_and_kills_its_link(
    client, ap_client, memo, django_capture_on_commit_callbacks
):
    token = send(ap_client, memo, django_capture_on_commit_callbacks)
    memo.refresh_from_db()
    services.memo_update(memo=memo, expected_version=memo.version, rate=Decimal("550"))
    memo.refresh_from_db()
    assert memo.state == MemoState.DRAFT and memo.rate == Decimal("550")
    assert client.get(accept_path(token)).status_code == 404


def test_the_hire_can_decline_and_the_candidate_is_marked_declined(
    client, ap_client, production, django_capture_on_commit_callbacks
):
    candidate = CandidateFactory(opening__position__department__production=production)
    memo = DealMemoFactory(
        position=candidate.opening.position, person=candidate.person, candidate=candidate
    )
    token = send(ap_client, memo, django_capture_on_commit_callbacks)
    response = client.post(accept_path(token), {"action": "decline"})
    assert b"Offer declined" in response.content
    memo.refresh_from_db()
    candidate.refresh_from_db()
    assert memo.state == MemoState.VOID and memo.declined_at is not None
    assert candidate.stage == Stage.DECLINED
    assert not Engagement.objects.exists()
    assert client.post(accept_path(token), {"typed_name": "x"}).status_code == 404


def test_a_memo_made_from_the_board_moves_the_candidate_to_offer_and_accepting_hires(
    client, ap_client, production, django_capture_on_commit_callbacks
):
    candidate = CandidateFactory(
        opening__position__department__production=production, stage=Stage.INTERVIEW
    )
    response = ap_client.post(
        url("memo_new", production) + f"?candidate={candidate.pk}",
        {
            "person": candidate.person.pk,
            "position": candidate.opening.position.pk,
            "rate": "480",
            "unit": "day",
            "guarantee": "15",
            "overtime_after": "10",
            "double_time_after": "12",
            "kit_rental": "0",
            "per_diem": "0",
            "start_date": candidate.opening.start_date.isoformat(),
            "end_date": candidate.opening.end_date.isoformat(),
            "union_status": "non_union",
            "notes": "",
        },
    )
    memo = DealMemo.objects.get()
    assert response.status_code == 302 and memo.candidate == candidate
    candidate.refresh_from_db()
    assert candidate.stage == Stage.OFFER
    token = send(ap_client, memo, django_capture_on_commit_callbacks)
    client.post(accept_path(token), {"typed_name": candidate.person.name})
    candidate.refresh_from_db()
    candidate.opening.refresh_from_db()
    assert candidate.stage == Stage.HIRED
    assert candidate.opening.status == "filled"


def test_countersigning_and_voiding(client, ap_client, memo, django_capture_on_commit_callbacks):
    token = send(ap_client, memo, django_capture_on_commit_callbacks)
    client.post(accept_path(token), {"typed_name": "Ada Lovelace"})
    ap_client.post(url("memo_countersign", memo.production, pk=memo.pk))
    memo.refresh_from_db()
    assert memo.state == MemoState.COUNTERSIGNED and memo.countersigned_by is not None
    ap_client.post(url("memo_void", memo.production, pk=memo.pk))
    memo.refresh_from_db()
    assert memo.state == MemoState.VOID
    assert not Engagement.objects.exists()  # a void memo takes its hire off the crew list


def test_the_memo_pdf_shows_the_terms(ap_client, memo, tmp_path):
    DealMemo.objects.filter(pk=memo.pk).update(overtime_after=10, double_time_after=12)
    response = ap_client.get(url("memo_pdf", memo.production, pk=memo.pk))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Ada Lovelace" in text and "$500.00 per day" in text
    assert "1.5× after 10 hours; 2× after 12 hours" in text


def test_an_accountant_reads_memos_but_cannot_send_them(client, memo):
    from apps.productions.capabilities import Role

    client.force_login(member(memo.production, Role.ACCOUNTANT))
    assert client.get(url("memo", memo.production, pk=memo.pk)).status_code == 200
    assert client.post(url("memo_send", memo.production, pk=memo.pk)).status_code == 403


def test_an_edit_loaded_before_the_hire_accepted_is_refused(
    client, ap_client, memo, django_capture_on_commit_callbacks
):
    token = send(ap_client, memo, django_capture_on_commit_callbacks)
    memo.refresh_from_db()
    loaded_at = memo.version
    form = ap_client.get(url("memo_edit", memo.production, pk=memo.pk)).context["form"]
    client.post(accept_path(token), {"typed_name": "Ada Lovelace"})
    data = {k: v for k, v in form.initial.items() if v is not None and k != "version"}
    data.update(rate="999", version=loaded_at, start_date=memo.start_date.isoformat())
    data.update(end_date=memo.end_date.isoformat(), position=memo.position_id)
    response = ap_client.post(url("memo_edit", memo.production, pk=memo.pk), data, follow=True)
    assert "its terms change only by an amendment" in response.content.decode()
    memo.refresh_from_db()
    assert memo.state == MemoState.ACCEPTED and memo.rate == Decimal("500.00")


def test_a_countersigned_memo_is_not_edited_by_the_service_or_the_edit_page(
    client, ap_client, ap, memo, django_capture_on_commit_callbacks
):
    """Found on main: the rate went 550 -> 450 on a countersigned memo, which still read
    "countersigned", and the hire was never asked."""
    DealMemo.objects.filter(pk=memo.pk).update(rate=Decimal("550"))
    token = send(ap_client, memo, django_capture_on_commit_callbacks)
    client.post(accept_path(token), {"typed_name": "Ada Lovelace"})
    services.memo_countersign(memo=memo, user=ap)
    memo.refresh_from_db()
    with pytest.raises(services.CrewError):
        services.memo_update(memo=memo, expected_version=memo.version, rate=Decimal("450"))
    data = {
        "position": memo.position_id,
        "rate": "450",
        "unit": memo.unit,
        "guarantee": "20",
        "kit_rental": "100",
        "per_diem": "0",
        "start_date": memo.start_date.isoformat(),
        "end_date": memo.end_date.isoformat(),
        "union_status": memo.union_status,
        "version": memo.version,
    }
    ap_client.post(url("memo_edit", memo.production, pk=memo.pk), data)
    memo.refresh_from_db()
    assert memo.rate == Decimal("550.00") and memo.state == MemoState.COUNTERSIGNED
