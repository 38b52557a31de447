"""The offer's and the amendment's e-mails (their outbox builders) and the holds' nightly lapse."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from apps.casting.offers.models import AmendmentState, Offer, OfferAmendment, OfferState


def offer_message(offer: Offer) -> EmailMultiAlternatives | None:
    """The offer with a fresh link (Offer.outbox_builder); None once it is no longer out."""
    from apps.casting.offers.services import offer_issue_token, recipient

    if offer.state != OfferState.SENT:
        return None
    token = offer_issue_token(offer)
    link = settings.SITE_URL + reverse("casting_offer_accept", kwargs={"token": token})
    context = {"offer": offer, "link": link, "production": offer.production}
    subject = f"An offer for {offer.production.title}: {offer.role.name}"
    body = render_to_string("casting/offers/email/offer.txt", context)
    return EmailMultiAlternatives(subject, body, to=[recipient(offer)])


def amendment_message(amendment: OfferAmendment) -> EmailMultiAlternatives | None:
    from apps.casting.offers.amendments import amendment_issue_token
    from apps.casting.offers.services import recipient

    if amendment.state != AmendmentState.SENT:
        return None
    offer = amendment.offer
    token = amendment_issue_token(amendment)
    link = settings.SITE_URL + reverse("casting_offer_amendment_accept", kwargs={"token": token})
    context = {"offer": offer, "amendment": amendment, "link": link, "production": offer.production}
    subject = f"Amendment {amendment.number} to your offer for {offer.production.title}"
    body = render_to_string("casting/offers/email/amendment.txt", context)
    return EmailMultiAlternatives(subject, body, to=[recipient(offer)])


@shared_task(name="casting.holds_lapse")
def holds_lapse_all() -> int:
    """Lapse expired holds in every production (idempotent: a lapsed hold is left alone)."""
    from apps.casting.offers.holds import holds_lapse
    from apps.productions.models import Production

    return sum(holds_lapse(p, today=p.today()) for p in Production.objects.all())
