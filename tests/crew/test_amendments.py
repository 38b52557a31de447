"""A signed deal memo is amended, not edited: its terms are frozen once accepted; an amendment
(what changes, and why) goes to the hire through a link of its own, and only their acceptance
changes the memo, the engagement and the budget's commitment. The memo page shows the history;
the hire gets a copy of what they signed and the office hears of each answer."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from apps.budgets.models import Commitment
from apps.crew import services
from apps.crew.models import (
    AmendmentState,
    DealMemo,
    Engagement,
    MemoAmendment,
    MemoNotice,
    MemoState,
    NoticeKind,
)
from apps.crew.services import (
    AMENDMENT_NO_CHANGE,
    AMENDMENT_NO_REASON,
    AMENDMENT_OPEN,
    MEMO_SIGNED,
    CrewError,
)
from tests import pdfs
from tests.budgets.factories import budget_from_template
from tests.crew.factories import DealMemoFactory, PositionFactory
from tests.factories import member

pytestmark = pytest.mark.django_db

MEMO_LINK = re.compile(r"https?://\S+/deal-memos/([\w-]+)/")
AMENDMENT_LINK = re.compile(r"https?://\S+/memo-amendments/([\w-]+)/")


def url(name: str, memo: DealMemo) -> str:
    return reverse(f"crew:{name}", kwargs={"production_slug": memo.production.slug, "pk": memo.pk})


def answer_path(token: str) -> str:
    return reverse("memo_amendment_accept", kwargs={"token": token})


@pytest.fixture
def signed(production, ap, ap_client, client, django_capture_on_commit_callbacks):
    """Ada's memo at $550 a day, sent by the AP, accepted through its link and countersigned."""
    budget_from_template(production)  # 3301 is Director of Photography
    memo = DealMemoFactory(
        position=PositionFactory(department__production=production, account_number="3301"),
        person__name="Ada Lovelace",
        person__email="ada@example.test",
        rate=Decimal("550.00"),
        guarantee=Decimal("20"),
        kit_rental=Decimal("100.00"),
        created_by=ap,
    )
    with django_capture_on_commit_callbacks(execute=True):
        ap_client.post(url("memo_send", memo))
    token = MEMO_LINK.search(mail.outbox[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("deal_memo_accept", kwargs={"token": token}), {"typed_name": "Ada Lovelace"}
        )
    services.memo_countersign(memo=memo, user=ap)
    memo.refresh_from_db()
    assert memo.state == MemoState.COUNTERSIGNED
    mail.outbox.clear()
    return memo


def terms_of(memo: DealMemo, **changes) -> dict:
    data = {
        "position": memo.position_id,
        "rate": str(memo.rate),
        "unit": memo.unit,
        "guarantee": str(memo.guarantee),
        "kit_rental": str(memo.kit_rental),
        "per_diem": str(memo.per_diem),
        "start_date": memo.start_date.isoformat(),
        "end_date": memo.end_date.isoformat(),
        "union_status": memo.union_status,
        "notes": memo.notes,
    }
    return {**data, **changes}


def committed() -> list[Decimal]:
    return list(
        Commitment.objects.filter(status=Commitment.Status.OPEN).values_list("amount", flat=True)
    )


# --- Frozen once signed (the defect found on main) ---------------------------------------------


def test_a_countersigned_memo_cannot_be_edited_through_the_service(signed):
    with pytest.raises(CrewError) as refused:
        services.memo_update(memo=signed, expected_version=signed.version, rate=Decimal("450"))
    assert refused.value.message == MEMO_SIGNED
    signed.refresh_from_db()
    assert signed.rate == Decimal("550.00") and signed.state == MemoState.COUNTERSIGNED
    assert committed() == [Decimal("11100.00")]  # 550 × 20 + 100 kit


def test_the_edit_page_of_a_signed_memo_is_not_offered(ap_client, signed):
    page = ap_client.get(url("memo", signed)).content.decode()
    assert url("memo_edit", signed) not in page and url("memo_amend", signed) in page
    response = ap_client.post(url("memo_edit", signed), terms_of(signed, rate="450"))
    assert response.status_code == 302 and response["Location"] == url("memo_amend", signed)
    signed.refresh_from_db()
    assert signed.rate == Decimal("550.00")


# --- The amendment, from draft to the hire's answer --------------------------------------------


def test_an_amendment_changes_nothing_until_the_hire_accepts_it_through_its_link(
    client, ap_client, signed, django_capture_on_commit_callbacks
):
    later = signed.end_date + timedelta(days=7)
    data = terms_of(
        signed, rate="450", end_date=later.isoformat(), reason="Budget cut by the studio"
    )
    assert ap_client.post(url("memo_amend", signed), data).status_code == 302
    amendment = MemoAmendment.objects.get()
    assert (amendment.number, amendment.state) == (1, AmendmentState.DRAFT)
    assert set(amendment.changes) == {"rate", "end_date"}

    with django_capture_on_commit_callbacks(execute=True):
        ap_client.post(url("memo_amendment_send", signed))
    (message,) = mail.outbox
    assert message.to == ["ada@example.test"]
    assert "Rate: $550.00 -> $450.00" in message.body
    assert "Budget cut by the studio" in message.body
    token = AMENDMENT_LINK.search(message.body).group(1)
    amendment.refresh_from_db()
    assert amendment.state == AmendmentState.SENT and token not in amendment.token_hash

    # Sent, not accepted: the memo, the engagement and the commitment are as signed.
    signed.refresh_from_db()
    assert signed.rate == Decimal("550.00") and committed() == [Decimal("11100.00")]

    review = client.get(answer_path(token)).content.decode()
    assert "$550.00" in review and "$450.00" in review and "Budget cut by the studio" in review
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(answer_path(token), {"typed_name": "ada  lovelace"})
    assert "Amendment accepted" in answered.content.decode()

    signed.refresh_from_db()
    assert signed.rate == Decimal("450.00") and signed.end_date == later
    assert signed.state == MemoState.COUNTERSIGNED
    assert Engagement.objects.get().end_date == later
    assert committed() == [Decimal("9100.00")]  # 450 × 20 + 100 kit
    reason = signed.history.latest().history_change_reason
    assert reason.startswith("amended memo: rate $550.00 -> $450.00; end ")
    amendment.refresh_from_db()
    assert amendment.state == AmendmentState.ACCEPTED
    assert (amendment.accepted_name, amendment.accepted_ip) == ("ada lovelace", "127.0.0.1")
    assert client.get(answer_path(token)).status_code == 404  # the link worked once


def test_the_hire_gets_a_copy_and_the_office_is_told_of_an_accepted_amendment(
    client, ap, signed, django_capture_on_commit_callbacks
):
    services.amendment_draft(memo=signed, reason="Rate agreed", rate=Decimal("600"))
    with django_capture_on_commit_callbacks(execute=True):
        services.amendment_send(memo=signed)
    token = AMENDMENT_LINK.search(mail.outbox[-1].body).group(1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_path(token), {"typed_name": "Ada Lovelace"})
    copy = next(m for m in mail.outbox if m.to == ["ada@example.test"])
    assert "amendment 1" in copy.subject and "Rate: $550.00 -> $600.00" in copy.body
    assert "Rate: $600.00 per day" in copy.body
    assert [a[2] for a in copy.attachments] == ["application/pdf"]
    pdf = copy.attachments[0][1]  # the memo under the letterhead, as amended
    _, document, right = pdfs.letterhead(pdf)
    assert document == "Deal memo: Ada Lovelace, " + signed.position.title
    assert "As amended by amendment 1" in right and "page 1 of" in pdfs.text(pdf)
    office = [m for m in mail.outbox if m.to == [ap.email]]
    assert len(office) == 1 and "accepted amendment 1" in office[0].subject
    notices = MemoNotice.objects.filter(amendment__isnull=False)
    assert {n.send_status for n in notices} == {"sent"}


def test_a_declined_amendment_leaves_the_memo_as_signed_and_tells_the_office(
    client, ap, signed, django_capture_on_commit_callbacks
):
    services.amendment_draft(memo=signed, reason="Shorter shoot", rate=Decimal("450"))
    with django_capture_on_commit_callbacks(execute=True):
        services.amendment_send(memo=signed)
    token = AMENDMENT_LINK.search(mail.outbox[-1].body).group(1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_path(token), {"action": "decline"})
    signed.refresh_from_db()
    assert signed.rate == Decimal("550.00") and committed() == [Decimal("11100.00")]
    assert MemoAmendment.objects.get().state == AmendmentState.DECLINED
    assert [m.to for m in mail.outbox] == [[ap.email]]
    assert "declined amendment 1" in mail.outbox[0].subject


def test_one_amendment_is_open_at_a_time_and_the_office_may_withdraw_it(
    client, ap_client, signed, django_capture_on_commit_callbacks
):
    services.amendment_draft(memo=signed, reason="One", rate=Decimal("500"))
    with pytest.raises(CrewError) as refused:
        services.amendment_draft(memo=signed, reason="Two", rate=Decimal("520"))
    assert refused.value.message == AMENDMENT_OPEN.format(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.amendment_send(memo=signed)
    token = AMENDMENT_LINK.search(mail.outbox[-1].body).group(1)
    ap_client.post(url("memo_amendment_withdraw", signed))
    assert MemoAmendment.objects.get().state == AmendmentState.WITHDRAWN
    assert client.get(answer_path(token)).status_code == 404
    second = services.amendment_draft(memo=signed, reason="Two", rate=Decimal("520"))
    assert second.number == 2


def test_an_amendment_says_why_and_changes_something(signed):
    with pytest.raises(CrewError) as no_reason:
        services.amendment_draft(memo=signed, reason="  ", rate=Decimal("450"))
    assert no_reason.value.message == AMENDMENT_NO_REASON
    with pytest.raises(CrewError) as no_change:
        services.amendment_draft(memo=signed, reason="Why not", rate=Decimal("550.000"))
    assert no_change.value.message == AMENDMENT_NO_CHANGE


def test_a_draft_or_sent_memo_is_edited_not_amended(production):
    memo = DealMemoFactory(position__department__production=production)
    with pytest.raises(CrewError):
        services.amendment_draft(memo=memo, reason="x", rate=Decimal("1"))


def test_the_memo_page_shows_the_signed_terms_and_each_amendment(
    client, ap_client, signed, django_capture_on_commit_callbacks
):
    services.amendment_draft(memo=signed, reason="Budget cut", rate=Decimal("450"))
    with django_capture_on_commit_callbacks(execute=True):
        services.amendment_send(memo=signed)
    token = AMENDMENT_LINK.search(mail.outbox[-1].body).group(1)
    client.post(answer_path(token), {"typed_name": "Ada Lovelace"})
    services.amendment_draft(memo=signed, reason="Longer prep", guarantee=Decimal("22"))
    page = ap_client.get(url("memo", signed)).content.decode()
    history = page[page.index('data-testid="memo-history"') :]
    assert "Signed</strong> by “Ada Lovelace”" in history and "from 127.0.0.1" in history
    assert "$550.00 per day" in history  # the terms as signed
    assert "Amendment 1" in history and "Budget cut" in history and "Accepted" in history
    assert "Amendment 2" in history and "Draft" in history
    assert '<s class="text-muted">20</s> → <strong>22</strong>' in history


# --- Copies and notices of the memo itself ------------------------------------------------------


def test_accepting_a_memo_sends_the_hire_a_copy_and_tells_the_office(
    client, ap, ap_client, production, django_capture_on_commit_callbacks
):
    producer = member(production, "producer")
    member(production, "department_head")  # hires, but sees no rates: not told
    memo = DealMemoFactory(
        position=PositionFactory(department__production=production),
        person__name="Ada Lovelace",
        person__email="ada@example.test",
        created_by=ap,
    )
    with django_capture_on_commit_callbacks(execute=True):
        ap_client.post(url("memo_send", memo))
    token = MEMO_LINK.search(mail.outbox[-1].body).group(1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("deal_memo_accept", kwargs={"token": token}), {"typed_name": "Ada Lovelace"}
        )
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"ada@example.test", ap.email, producer.email}
    # The hire also gets their start paperwork's link (payroll), in a message of its own.
    copy = next(m for m in mail.outbox if m.subject.startswith("Your signed deal memo"))
    assert copy.to == ["ada@example.test"]
    assert "Rate: $500.00 per day" in copy.body and copy.attachments
    assert "accepted the deal memo" in by_recipient[ap.email].subject
    kinds = sorted(MemoNotice.objects.values_list("kind", flat=True))
    assert kinds == [NoticeKind.COPY, NoticeKind.OFFICE, NoticeKind.OFFICE]
    MemoNotice.objects.filter(email=producer.email).update(
        send_status="failed", send_error="SMTPServerDisconnected: gone"
    )
    page = ap_client.get(url("memo", memo)).content.decode()
    notices = page[page.index('data-testid="memo-notices"') :]
    assert "Copy of the signed terms to ada@example.test: e-mailed" in notices
    assert f'Notice to {producer.email}: <span class="text-danger">delivery failed' in notices


# --- The audit trail speaks the domain ----------------------------------------------------------


def test_the_audit_trail_names_each_memo_action(
    client, ap_client, signed, django_capture_on_commit_callbacks
):
    reasons = list(
        signed.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert "sent deal memo to ada@example.test" in reasons
    assert "accepted by typed name “Ada Lovelace”" in reasons
    assert any(r and r.startswith("countersigned by ") for r in reasons)
    services.amendment_draft(memo=signed, reason="Kit", kit_rental=Decimal("1250"))
    with django_capture_on_commit_callbacks(execute=True):
        services.amendment_send(memo=signed)
    token = AMENDMENT_LINK.search(mail.outbox[-1].body).group(1)
    client.post(answer_path(token), {"typed_name": "Ada Lovelace"})
    latest = signed.history.latest().history_change_reason
    assert latest == "amended memo: kit rental $100.00 -> $1,250.00"
    services.memo_void(memo=signed)
    latest = signed.history.latest().history_change_reason
    assert latest == "voided deal memo: the hire leaves the crew list"


def test_editing_a_draft_says_what_changed_in_the_audit_trail(ap_client, production):
    memo = DealMemoFactory(position__department__production=production, rate=Decimal("500"))
    ap_client.post(url("memo_edit", memo), {**terms_of(memo, rate="520"), "version": memo.version})
    memo.refresh_from_db()
    assert memo.rate == Decimal("520.00")
    assert (
        memo.history.latest().history_change_reason == "edited deal memo: rate $500.00 -> $520.00"
    )
