from __future__ import annotations

import re
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.core.models import SendStatus
from apps.core.outbox import send_args, send_message
from apps.productions.capabilities import Role
from apps.productions.models import Invitation, Membership
from apps.productions.services import (
    ALREADY_INVITED,
    ALREADY_MEMBER,
    INVITATION_INVALID,
)
from tests.factories import PASSWORD, UserFactory, member

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/invitations/([\w-]+)/")


def invite(client, production, django_capture_on_commit_callbacks, **data):
    payload = {"email": "new.person@example.test", "role": "coordinator", "department": "", **data}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("productions:members", kwargs={"production_slug": production.slug}), payload
        )


def link_path(message) -> str:
    token = LINK.search(message.body).group(1)
    return reverse("invitation_accept", kwargs={"token": token})


def test_an_invitation_e_mails_a_single_use_link(
    ap_client, production, django_capture_on_commit_callbacks
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    assert invitation.send_status == SendStatus.SENT
    (message,) = mail.outbox
    assert message.to == ["new.person@example.test"]
    assert production.title in message.subject
    assert "Coordinator" in message.body
    token = LINK.search(message.body).group(1)
    assert token not in invitation.token_hash  # only a hash is kept


def test_accepting_creates_the_account_and_the_membership(
    client, ap_client, production, django_capture_on_commit_callbacks
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    path = link_path(mail.outbox[0])
    client.logout()
    response = client.post(
        path, {"full_name": "Nia Cole", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.test")
    assert Membership.objects.get(user=user, production=production).role == Role.COORDINATOR
    assert client.get(production.get_absolute_url()).status_code == 200


def test_an_existing_account_signs_in_then_accepts(
    client, ap_client, production, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="new.person@example.test")
    invite(ap_client, production, django_capture_on_commit_callbacks)
    path = link_path(mail.outbox[0])
    client.logout()
    response = client.get(path)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(existing)
    assert client.post(path).status_code == 302
    assert Membership.objects.filter(user=existing, production=production).exists()


def test_a_link_cannot_be_used_twice(
    client, ap_client, production, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="new.person@example.test")
    invite(ap_client, production, django_capture_on_commit_callbacks)
    path = link_path(mail.outbox[0])
    client.force_login(existing)
    client.post(path)
    again = client.post(path)
    assert again.status_code == 404
    assert INVITATION_INVALID in again.content.decode()
    assert Membership.objects.filter(user=existing).count() == 1


def test_a_forged_link_changes_nothing(client, production):
    response = client.get(reverse("invitation_accept", kwargs={"token": "forged-token-123"}))
    assert response.status_code == 404
    assert INVITATION_INVALID in response.content.decode()


def test_an_expired_link_is_refused(
    client, ap_client, production, django_capture_on_commit_callbacks
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.logout()
    response = client.post(
        link_path(mail.outbox[0]), {"full_name": "X", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 404
    assert "expired" in response.content.decode()
    assert not User.objects.filter(email="new.person@example.test").exists()


def test_a_link_for_someone_else_does_not_join_the_signed_in_user(
    client, ap_client, production, outsider, django_capture_on_commit_callbacks
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    client.force_login(outsider)
    response = client.post(link_path(mail.outbox[0]))
    assert response.status_code == 400
    assert not Membership.objects.filter(user=outsider, production=production).exists()


def test_a_resend_kills_the_old_link(
    client, ap_client, production, django_capture_on_commit_callbacks
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    old = link_path(mail.outbox[0])
    invitation = Invitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        ap_client.post(
            reverse(
                "productions:invitation_resend",
                kwargs={"production_slug": production.slug, "pk": invitation.pk},
            )
        )
    assert len(mail.outbox) == 2
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(link_path(mail.outbox[1])).status_code == 200


def test_a_withdrawn_invitation_cannot_be_accepted(
    client, ap_client, production, django_capture_on_commit_callbacks
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    ap_client.post(
        reverse(
            "productions:invitation_revoke",
            kwargs={"production_slug": production.slug, "pk": invitation.pk},
        )
    )
    client.logout()
    assert client.get(link_path(mail.outbox[0])).status_code == 404


def test_inviting_a_member_or_an_invited_address_is_refused(
    ap_client, production, django_capture_on_commit_callbacks
):
    existing = member(production, Role.CREW)
    response = invite(
        ap_client, production, django_capture_on_commit_callbacks, email=existing.email.upper()
    )
    assert ALREADY_MEMBER.format(email=existing.email) in response.content.decode()
    invite(ap_client, production, django_capture_on_commit_callbacks)
    response = invite(ap_client, production, django_capture_on_commit_callbacks)
    assert ALREADY_INVITED.format(email="new.person@example.test") in response.content.decode()
    assert Invitation.objects.count() == 1


def test_a_failed_e_mail_is_retried_then_shown_as_failed(
    ap_client, production, monkeypatch, django_capture_on_commit_callbacks
):
    attempts = []

    def refuse(self, *args, **kwargs):
        attempts.append(1)
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    invite(ap_client, production, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    assert len(attempts) == 5
    assert invitation.send_status == SendStatus.FAILED
    assert "Connection unexpectedly closed" in invitation.send_error
    page = ap_client.get(
        reverse("productions:members", kwargs={"production_slug": production.slug})
    ).content.decode()
    assert "Failed" in page and "Connection unexpectedly closed" in page


def test_a_failure_then_success_delivers_once(
    ap_client, production, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionRefusedError("SMTP server down")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", flaky)
    invite(ap_client, production, django_capture_on_commit_callbacks)
    assert len(calls) == 2 and len(mail.outbox) == 1
    assert Invitation.objects.get().send_status == SendStatus.SENT


def test_running_the_send_task_twice_sends_one_e_mail(
    ap_client, production, django_capture_on_commit_callbacks
):
    invite(ap_client, production, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    result = send_message.delay(*send_args(invitation))
    assert result.get() == "skipped: already sent"
    assert len(mail.outbox) == 1


def test_a_department_head_s_invitation_carries_the_department_to_the_membership(
    client, ap_client, production, django_capture_on_commit_callbacks
):
    from tests.crew.factories import DepartmentFactory

    grip = DepartmentFactory(production=production, name="Grip")
    invite(
        ap_client,
        production,
        django_capture_on_commit_callbacks,
        role="department_head",
        department=grip.pk,
    )
    assert Invitation.objects.get().department == grip
    assert "Department Head (Grip)" in mail.outbox[0].body
    path = link_path(mail.outbox[0])
    client.logout()
    client.post(path, {"full_name": "New Person", "password1": PASSWORD, "password2": PASSWORD})
    membership = Membership.objects.get(user__email="new.person@example.test")
    assert (membership.role, membership.department) == (Role.DEPARTMENT_HEAD, grip)
