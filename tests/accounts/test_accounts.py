from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_people_sign_in_with_their_e_mail_in_any_case(client):
    UserFactory(email="ap@example.test")
    response = client.post(
        reverse("accounts:login"), {"username": "AP@Example.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("productions:list")


def test_e_mail_addresses_are_unique_whatever_their_case():
    User.objects.create_user("Dana@Example.test", PASSWORD)
    assert User.objects.get().email == "dana@example.test"
    with pytest.raises(Exception):  # noqa: B017  (IntegrityError from either database)
        User.objects.create_user("DANA@example.test", PASSWORD)


def test_repeated_failed_sign_ins_are_locked_out(client, settings):
    UserFactory(email="ap@example.test")
    login = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "ap@example.test", "password": "wrong"})
    response = client.post(login, {"username": "ap@example.test", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()


def test_a_password_reset_e_mails_a_working_link(client):
    user = UserFactory(email="ap@example.test")
    client.post(reverse("accounts:password_reset"), {"email": "ap@example.test"})
    (message,) = mail.outbox
    path = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", message.body).group(1)
    form_page = client.get(path, follow=True)
    new = "another-long-password-7"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_change_needs_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "nope",
            "new_password1": "brand-new-pass-99",
            "new_password2": "brand-new-pass-99",
        },
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_pages_need_a_signed_in_user(client):
    response = client.get(reverse("productions:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_behind_the_proxy_a_lockout_holds_the_attackers_address_not_everyones(client, settings):
    """Found on main: with BEHIND_PROXY=true every client was the proxy's address to django-axes,
    so five wrong passwords typed by anyone locked the producer out everywhere."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    UserFactory(email="producer@example.test")
    login = reverse("accounts:login")
    proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_PROTO": "https"}
    attacker = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    producer = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "producer@example.test", "password": "wrong"}, **attacker)
    locked = client.post(
        login, {"username": "producer@example.test", "password": PASSWORD}, **attacker
    )
    assert locked.status_code == 429
    signed_in = client.post(
        login, {"username": "producer@example.test", "password": PASSWORD}, **producer
    )
    assert signed_in.status_code == 302
