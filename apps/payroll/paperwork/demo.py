"""The demo's start packs, in every state: for the hires engaged under a signed memo (up to 40),
in turn complete (every item filled in, the forms uploaded, signed by typed name), in progress
(personal details and emergency contact done), sent and not opened, and not sent yet. Through
the services, as a hire's link would fill them; the sending is marked done, as the demo's other
mail is (its people are made up: nothing is mailed). Idempotent: a hire with a pack is left alone.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from apps.crew.models import Engagement, MemoState
from apps.payroll.paperwork import services
from apps.payroll.paperwork.models import ItemKind, StartPack

LIMIT = 40
# A valid one-page PDF standing in for a scanned form (clearly the demo's).
FORM_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
COMPLETE, IN_PROGRESS, SENT, NOT_SENT = range(4)


def _answers(kind: str, name: str, n: int) -> dict:
    return {
        ItemKind.PERSONAL: {
            "legal_name": name,
            "address": f"{10 + n} Harbour Street\nPortland, ME 04101",
            "phone": f"+1 207 555 {1000 + n:04d}",
        },
        ItemKind.EMERGENCY: {
            "name": f"Next of kin of {name}",
            "relationship": "Partner",
            "phone": f"+1 207 555 {2000 + n:04d}",
        },
        ItemKind.TAX_FORM: {"tax_id": f"900-{n % 100:02d}-{1000 + n:04d}"},
        ItemKind.BANK: {
            "account_name": name,
            "bank_routing": f"0110{n:05d}",
            "bank_account": f"{40000000 + n * 7919}",
        },
        ItemKind.POLICY: {"acknowledged": True},
        ItemKind.CUSTOM: {"answer": "No dietary needs."},
    }.get(kind, {})


def _fill(pack: StartPack, n: int, kinds=None) -> None:
    name = pack.engagement.person.name
    for entry in pack.entries.all():
        if kinds is not None and entry.kind not in kinds:
            continue
        upload = None
        if entry.kind in (ItemKind.TAX_FORM, ItemKind.ELIGIBILITY):
            upload = ContentFile(FORM_PDF, name=f"{entry.get_kind_display()} - {name}.pdf")
        services.entry_fill(
            pack=pack, entry=entry, data=_answers(entry.kind, name, n), upload=upload
        )


def seed_start_packs(production, people, size: str) -> None:
    hires = (
        Engagement.objects.filter(
            production=production,
            deal_memo__state__in=(MemoState.ACCEPTED, MemoState.COUNTERSIGNED),
        )
        .exclude(person__email="")
        .select_related("person")
        .order_by("pk")[:LIMIT]
    )
    sent = set(
        StartPack.objects.filter(production=production).values_list("engagement_id", flat=True)
    )
    for n, engagement in enumerate(hires):
        state = n % 4  # by the hire's place, so seeding again picks the same ones
        if state == NOT_SENT or engagement.pk in sent:
            continue
        with transaction.atomic():
            pack = services.pack_send(engagement=engagement)
            StartPack.objects.filter(pk=pack.pk).update(send_status="sent", sent_at=timezone.now())
            if state == IN_PROGRESS:
                _fill(pack, n, kinds=(ItemKind.PERSONAL, ItemKind.EMERGENCY))
            elif state == COMPLETE:
                _fill(pack, n)
                services.pack_sign(pack=pack, typed_name=engagement.person.name, ip="192.0.2.10")
