"""Offers through the pages: the office makes and sends one, the actor accepts through the link
(their name typed loosely), the office sees the cost; crew never see offers, outsiders get 404.
Holds (expiry, promotion) and the amendment path."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from apps.budgets.models import Commitment
from apps.casting.errors import CastingError
from apps.casting.models import Actor
from apps.casting.offers import amendments, holds
from apps.casting.offers import services as offers
from apps.casting.offers.models import Hold, HoldState, Offer, OfferState
from apps.productions.capabilities import Role as MemberRole
from apps.productions.links import production_url
from tests.casting.offer_fixtures import TERMS, board, budget, role_and_actor, sent_token
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_an_offer_made_on_the_page_and_accepted_through_its_link_books_the_actor(
    ap_client, production, django_capture_on_commit_callbacks
):
    ana, _, _ = board(production)
    budget(production)
    role, actor = role_and_actor(production, ana, name="Ada  Lovelace-Byron")
    response = ap_client.post(
        production_url(production, "casting:offer_new"),
        {"role": role.pk, "actor": actor.pk, **{k: v or "" for k, v in TERMS.items()}},
    )
    offer = Offer.objects.get()
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        ap_client.post(production_url(production, "casting:offer_send", pk=offer.pk))
    path = re.search(r"https?://[^/\s]+(/casting-offers/[^/\s]+/)", mail.outbox[-1].body).group(1)
    ap_client.logout()
    page = ap_client.get(path)
    assert page.status_code == 200 and "Ana" in page.text
    ap_client.post(path, {"action": "accept", "typed_name": "ada lovelace-byron "})
    offer.refresh_from_db()
    assert offer.state == OfferState.ACCEPTED and offer.accepted_name == "ada lovelace-byron"
    assert Commitment.objects.get().amount == Decimal("4150.02")
    assert ap_client.get(path).status_code == 404  # the link works once


def test_crew_never_see_offers_and_outsiders_get_404(client, production, outsider):
    ana, _, _ = board(production)
    role, actor = role_and_actor(production, ana)
    offer = offers.offer_create(role=role, actor=actor, **TERMS)
    client.force_login(member(production, MemberRole.CREW))
    for url in (
        production_url(production, "casting:offers"),
        production_url(production, "casting:offer", pk=offer.pk),
    ):
        assert client.get(url).status_code == 403
    client.force_login(outsider)
    assert client.get(production_url(production, "casting:offers")).status_code == 404


def test_the_office_sees_the_offer_and_its_cost(ap_client, production):
    ana, _, _ = board(production)
    role, actor = role_and_actor(production, ana)
    offer = offers.offer_create(role=role, actor=actor, **TERMS)
    page = ap_client.get(production_url(production, "casting:offer", pk=offer.pk))
    assert "3 work, 1 hold, 1 travel" in page.text and "$3,900.02" in page.text


def test_a_hold_lapses_after_its_day_and_the_second_is_promoted(production):
    ana, _, _ = board(production)
    role, first = role_and_actor(production, ana)
    second = Actor.objects.create(production=production, name="Bea")
    today = date(2027, 1, 10)
    held = holds.hold_place(
        role=role, actor=first, position=1, expires_on=today + timedelta(2), today=today
    )
    with pytest.raises(CastingError, match="already has a first position hold"):
        holds.hold_place(role=role, actor=second, position=1, expires_on=today, today=today)
    backup = holds.hold_place(role=role, actor=second, position=2, expires_on=today, today=today)
    assert holds.holds_lapse(production, today=today + timedelta(1)) == 1  # the second's day
    backup.refresh_from_db()
    assert backup.state == HoldState.LAPSED
    assert holds.holds_lapse(production, today=today + timedelta(3)) == 1
    held.refresh_from_db()
    assert held.state == HoldState.LAPSED


def test_releasing_the_first_hold_promotes_the_second(production):
    ana, _, _ = board(production)
    role, first = role_and_actor(production, ana)
    second = Actor.objects.create(production=production, name="Bea")
    today = date(2027, 1, 10)
    held = holds.hold_place(role=role, actor=first, position=1, expires_on=today, today=today)
    holds.hold_place(role=role, actor=second, position=2, expires_on=today, today=today)
    holds.hold_release(hold=held)
    assert Hold.objects.get(actor=second, state=HoldState.ACTIVE).position == 1


def test_a_signed_offer_changes_only_by_an_amendment_the_actor_accepts(
    production, django_capture_on_commit_callbacks
):
    ana, _, _ = board(production)
    budget(production)
    role, actor = role_and_actor(production, ana)
    offer = offers.offer_create(role=role, actor=actor, **TERMS)
    offers.offer_accept(
        token=sent_token(offer, django_capture_on_commit_callbacks), typed_name=actor.name, ip=None
    )
    offer.refresh_from_db()
    with pytest.raises(CastingError, match="amendment"):
        offers.offer_update(offer=offer, expected_version=offer.version, rate=Decimal("1"))
    amendment = amendments.amendment_draft(
        offer=offer, reason="Two more hold days' pay", hold_rate=Decimal("600.00")
    )
    assert Commitment.objects.get().amount == Decimal("4150.02")  # unchanged until accepted
    with django_capture_on_commit_callbacks(execute=True):
        amendments.amendment_send(offer=offer)
    link = re.search(r"/casting-offer-amendments/([^/\s]+)/", mail.outbox[-1].body).group(1)
    amendments.amendment_accept(token=link, typed_name="ADA LOVELACE", ip=None)
    amendment.refresh_from_db()
    offer.refresh_from_db()
    assert amendment.state == "accepted" and offer.hold_rate == Decimal("600.00")
    assert Commitment.objects.get().amount == Decimal("4250.02")  # one hold day, +100.00


def test_the_offer_pdf_for_the_actor_reads_back_the_terms_days_and_signature(
    client, ap_client, production, django_capture_on_commit_callbacks
):
    from tests import pdfs

    ana, _, _ = board(production)
    budget(production)
    role, actor = role_and_actor(production, ana)
    offer = offers.offer_create(role=role, actor=actor, billing="Main titles, 2nd", **TERMS)
    token = sent_token(offer, django_capture_on_commit_callbacks)
    offers.offer_accept(token=token, typed_name="Ada Lovelace", ip=None)
    url = production_url(production, "casting:offer_pdf", pk=offer.pk)
    text = pdfs.words(pdfs.text(pdfs.of(ap_client.get(url))))
    assert "Offer: Ada Lovelace as Ana" in text
    assert "$5,000.03 per week" in text and "$500.00" in text and "$400.00" in text
    assert "3 work, 1 hold, 1 travel" in text and "Main titles, 2nd" in text
    assert "Accepted by typed name “Ada Lovelace”" in text
    assert "1401" not in text  # the budget account is the office's, not the actor's
    client.force_login(member(production, MemberRole.CREW))
    assert client.get(url).status_code == 403


def test_beat_lapses_expired_holds_every_night(production, settings):
    from celery import current_app

    from apps.casting.offers.tasks import holds_lapse_all

    (entry,) = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if "holds" in e["task"]]
    assert entry["task"] == "casting.holds_lapse" == holds_lapse_all.name
    assert entry["task"] in current_app.tasks
    ana, _, _ = board(production)
    role, actor = role_and_actor(production, ana)
    yesterday = production.today() - timedelta(1)
    hold = holds.hold_place(
        role=role, actor=actor, position=1, expires_on=yesterday, today=yesterday
    )
    assert holds_lapse_all() == 1
    hold.refresh_from_db()
    assert hold.state == HoldState.LAPSED
    assert holds_lapse_all() == 0


def test_the_offers_list_exports_without_contacts(ap_client, client, production):
    import csv
    import io

    from openpyxl import load_workbook

    ana, _, _ = board(production)
    role, actor = role_and_actor(production, ana)
    Actor.objects.filter(pk=actor.pk).update(phone="+1 212 555 0199")
    offers.offer_create(role=role, actor=actor, billing="=HYPERLINK()", **TERMS)
    response = ap_client.get(production_url(production, "casting:offers_export", fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Role", "Actor", "State", "Rate"]
    assert rows[1][:3] == ["Ana", "Ada Lovelace", "Draft"]
    assert Decimal(rows[1][3]) == Decimal("5000.03") and rows[1][4].startswith("per week")
    assert rows[1][6] != "=HYPERLINK()"  # made inert
    assert b"ada@example.test" not in response.content and b"555 0199" not in response.content
    response = ap_client.get(production_url(production, "casting:offers_export", fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Ada Lovelace" in values and Decimal("5000.03") in [
        Decimal(str(v)) for v in values if isinstance(v, int | float)
    ]
    client.force_login(member(production, MemberRole.CREW))
    url = production_url(production, "casting:offers_export", fmt="csv")
    assert client.get(url).status_code == 403
