"""Every PDF a producer would forward (issue 16), read back as its reader reads it: on the
production's paper, each page headed by the production, what the document is, its version or
revision and status, who prepared it and when (in the production's time zone), and numbered
"page N of M" (templates/documents/base.html, apps/productions/documents.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import dateformat

from apps.callsheets import services as callsheets
from apps.callsheets.models import CallSheet
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from tests import pdfs
from tests.budgets.factories import budget_from_template
from tests.callsheets.factories import shoot_day_with_crew
from tests.crew.factories import DealMemoFactory
from tests.factories import member
from tests.schedules.factories import SceneFactory
from tests.vendors.factories import VendorFactory, purchase_order

pytestmark = pytest.mark.django_db


@dataclass
class Document:
    url: str
    words: list[str]  # what the letterhead says the document is: name, version, status
    template: str  # the PDF template it is printed from (each extends documents/base.html)


def budget_documents(production) -> dict[str, Document]:
    version = budget_from_template(production)
    head = ["Production budget, version", version.name, "Working"]
    args = [production.slug, version.id]
    return {
        "top sheet": Document(
            reverse("budgets:top_sheet_export", args=args) + "?format=pdf",
            ["Top sheet", *head],
            "budgets/top_sheet_pdf.html",
        ),
        "budget detail": Document(
            reverse("budgets:detail_export", args=args) + "?format=pdf",
            ["Budget detail", *head],
            "budgets/detail_pdf.html",
        ),
        "cost report": Document(
            reverse("budgets:cost_report_export", args=args[:1]) + "?format=pdf",
            ["Cost report", *head],
            "budgets/cost_report_pdf.html",
        ),
    }


def call_sheet_documents(production) -> dict[str, Document]:
    call_sheet = callsheets.callsheet_start(shoot_day=shoot_day_with_crew(production))
    draft = reverse("callsheets:pdf", args=[production.slug, call_sheet.pk])
    sheet = "callsheets/document.html"
    documents = {"call sheet draft": Document(draft, ["Call sheet, day 1 of 2", "Draft"], sheet)}
    revision = callsheets.callsheet_publish(call_sheet=call_sheet)
    published = dateformat.format(revision.published_at.astimezone(production.tz), "j M Y")
    url = reverse("callsheets:revision_pdf", args=[production.slug, call_sheet.pk, 1])
    documents["call sheet revision"] = Document(
        url, ["Call sheet, day 1 of 2", "Revision 1", f"Published {published}"], sheet
    )
    return documents


# The schedule's other reports, printed from the same template: (name, key, title).
REPORTS = [
    ("one-liner", "one-liner", "One-liner"),
    ("element report", "elements", "Element report"),
    ("location summary", "locations", "Location summary"),
]


def schedule_documents(production) -> dict[str, Document]:
    day = shoot_day_with_crew(production)
    scene = day.scenes.order_by("number").first()
    head = ["No script imported", "Active board"]
    report = "schedules:report"
    return {
        "stripboard": Document(
            reverse("schedules:strips_pdf", args=[production.slug]),
            ["Stripboard", *head],
            "schedules/strips_pdf.html",
        ),
        "DOOD": Document(
            reverse(report, args=[production.slug, "dood"]) + "?format=pdf",
            ["Day Out of Days", *head],
            "schedules/report_pdf.html",
        ),
        "shooting schedule": Document(
            reverse(report, args=[production.slug, "shooting-schedule"]) + "?format=pdf",
            ["Shooting schedule", *head],
            "schedules/report_pdf.html",
        ),
        **{
            name: Document(
                reverse(report, args=[production.slug, key]) + "?format=pdf",
                [title, *head],
                "schedules/report_pdf.html",
            )
            for name, key, title in REPORTS
        },
        "breakdown sheet": Document(
            reverse("schedules:breakdown", args=[production.slug, scene.pk]) + "?format=pdf",
            [f"Breakdown sheet, scene {scene.number}", *head],
            "schedules/breakdown_sheet.html",
        ),
        "breakdown sheets": Document(
            reverse("schedules:breakdown_sheets", args=[production.slug]),
            ["Breakdown sheets", *head],
            "schedules/breakdown_sheets.html",
        ),
    }


def crew_documents(production) -> dict[str, Document]:
    memo = DealMemoFactory(position__department__production=production)
    po = purchase_order(VendorFactory(production=production), "2500")
    return {
        "deal memo": Document(
            reverse("crew:memo_pdf", args=[production.slug, memo.pk]),
            [f"Deal memo: {memo.person.name}, {memo.position.title}", "Original terms", "Draft"],
            "crew/memo_document.html",
        ),
        "crew contact sheet": Document(
            reverse("crew:list", args=[production.slug]) + "?format=pdf",
            ["Crew contact sheet", "All departments", "Confidential"],
            "crew/contact_sheet.html",
        ),
        "purchase order": Document(
            reverse("vendors:po_pdf", args=[production.slug, po.pk]),
            ["Purchase order PO 0001", "Original", "Draft"],
            "vendors/po_document.html",
        ),
    }


def daily_report_documents(production) -> dict[str, Document]:
    from apps.daily_reports import services as daily_reports

    report = daily_reports.report_start(shoot_day=shoot_day_with_crew(production))
    return {
        "daily production report": Document(
            reverse("daily_reports:pdf", args=[production.slug, report.pk]),
            ["Daily production report, day 1 of 2", "Draft", "Not signed off"],
            "daily_reports/document.html",
        ),
    }


def payroll_documents(production) -> dict[str, Document]:
    url = reverse("payroll:export", args=[production.slug, "pdf"]) + "?week=2030-03-04"
    words = ["Payroll summary", "week of 4 Mar 2030 to 10 Mar 2030", "Approved timecards"]
    return {"payroll summary": Document(url, words, "payroll/week_pdf.html")}


def cost_period_documents(production) -> dict[str, Document]:
    from apps.budgets.services import period_close

    budget_from_template(production)
    period = period_close(production=production, week_ending=date(2026, 1, 11))
    url = reverse("budgets:cost_period_export", args=[production.slug, period.pk])
    words = ["Cost report, week ending 11 Jan 2026", period.version_name, "Closed"]
    return {"cost period": Document(url + "?format=pdf", words, "budgets/cost_period_pdf.html")}


def casting_documents(production) -> dict[str, Document]:
    from apps.casting.auditions import services as auditions
    from apps.casting.models import Actor
    from apps.casting.models import Role as CastingRole
    from apps.casting.offers import services as offers

    CastingRole.objects.create(
        production=production, name="Mara", description="The ferry's captain."
    )
    role = CastingRole.objects.create(production=production, name='Deckhand "Ned"')
    scene = SceneFactory(production=production, number="12", text="NED\nRopes off!")
    session = auditions.session_create(
        production=production, title="First round", date=date(2030, 3, 4), place="Studio 2"
    )
    auditions.sides_save(session=session, role=role, scenes=[scene])
    offer = offers.offer_create(
        role=role, actor=Actor.objects.create(production=production, name="Ada"), rate="900"
    )
    return {
        "casting offer": Document(
            reverse("casting:offer_pdf", args=[production.slug, offer.pk]),
            ["Offer", "Ada", "Draft"],
            "casting/offers/offer_pdf.html",
        ),
        "casting breakdown": Document(
            reverse("casting:roles_export", args=[production.slug, "pdf"]),
            ["Casting breakdown", "2 role(s)"],
            "casting/breakdown_pdf.html",
        ),
        "sides": Document(
            reverse("casting:audition_sides_pdf", args=[production.slug, session.pk, role.pk]),
            ["Sides", 'Deckhand "Ned"', "First round"],
            "casting/auditions/sides_pdf.html",
        ),
    }


def post_documents(production) -> dict[str, Document]:
    from apps.post.deliverables import services as deliverables

    checklist = deliverables.checklist_create(
        production=production, name="UK delivery", kind="theatrical", recipient="Harbour Light"
    )
    url = reverse("post:deliverables_export", args=[production.slug, checklist.pk, "pdf"])
    words = ["Deliverables", "UK delivery", "0 of 14 accepted"]
    return {"deliverables": Document(url, words, "post/deliverables/pdf.html")}


def pitch_documents(production) -> dict[str, Document]:
    from apps.development.models import Project

    Project.objects.create(production=production, logline="A ferry's last crossing.")
    return {
        "pitch package": Document(
            reverse("development:pitch_pdf", args=[production.slug]),
            ["Pitch package", production.get_phase_display()],
            "development/pitch/pitch_pdf.html",
        )
    }


BUILDERS = {
    **dict.fromkeys(["top sheet", "budget detail", "cost report"], budget_documents),
    **dict.fromkeys(["call sheet draft", "call sheet revision"], call_sheet_documents),
    **dict.fromkeys(
        [
            "stripboard",
            "DOOD",
            "shooting schedule",
            *(name for name, _, _ in REPORTS),
            "breakdown sheet",
            "breakdown sheets",
        ],
        schedule_documents,
    ),
    **dict.fromkeys(["deal memo", "crew contact sheet", "purchase order"], crew_documents),
    "daily production report": daily_report_documents,
    "payroll summary": payroll_documents,
    "cost period": cost_period_documents,
    **dict.fromkeys(["casting breakdown", "sides", "casting offer"], casting_documents),
    "deliverables": post_documents,
    "pitch package": pitch_documents,
}


@pytest.fixture
def production(production):
    production.title = 'Night Ferry "Director\'s Cut"'
    production.company_name = "Harbour Light Pictures"
    production.save()
    return production


def pdf_of(client, url: str) -> bytes:
    return pdfs.of(client.get(url))


@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_page_carries_the_letterhead_and_its_number(name, production, ap, client):
    document = BUILDERS[name](production)[name]
    client.force_login(ap)
    response = client.get(document.url)
    pdf = pdfs.of(response)
    assert document.template in _printed_from(response), _printed_from(response)
    total = pdfs.page_count(pdf)
    today = dateformat.format(production.today(), "j M Y")
    for number, page in enumerate(pdfs.pages(pdf, layout=False), start=1):
        left, centre, right = head = pdfs.letterhead(pdf, number)
        header = " ".join(head)
        wanted = {
            "the production and its company": left == f"{production.title} Harbour Light Pictures",
            **{f"{words!r}": words in header for words in document.words},
            "who prepared it": f"Prepared by {ap.display_name}" in right,
            f"the date, {today}": today in right,
            f"page {number} of {total}": f"page {number} of {total}" in pdfs.words(page),
        }
        missing = [what for what, found in wanted.items() if not found]
        assert not missing, f"{name}, page {number} lacks {', '.join(missing)}: {head}"
        assert centre == document.words[0], "the document's name, on its own"


def _printed_from(response) -> set[str]:
    return {t.name for t in response.templates if t.name and t.name.endswith(".html")}


def _extends_the_document_base(name: str) -> bool:
    """`name` extends templates/documents/base.html, itself or through its parents."""
    from django.template.loader import get_template
    from django.template.loader_tags import ExtendsNode

    while True:
        nodes = get_template(name).template.nodelist.get_nodes_by_type(ExtendsNode)
        if not nodes:
            return False
        name = nodes[0].parent_name.resolve({})
        if name == "documents/base.html":
            return True


def test_every_pdf_template_is_read_back_above_and_extends_the_document_base():
    """A PDF template nobody reads back here could drop the letterhead unnoticed: every template
    under templates/ that extends the document base is one of the documents above, and every
    document above is printed from a template that extends it."""
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR) / "templates"
    printed = {
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if "documents/base.html" in path.read_text() or "budgets/_pdf_base.html" in path.read_text()
    } - {"budgets/_pdf_base.html", "documents/base.html"}
    assert printed
    assert all(_extends_the_document_base(name) for name in printed)
    named = {
        "budgets/top_sheet_pdf.html", "budgets/detail_pdf.html", "budgets/cost_report_pdf.html",
        "budgets/cost_period_pdf.html", "callsheets/document.html", "schedules/strips_pdf.html",
        "schedules/report_pdf.html", "schedules/breakdown_sheet.html",
        "schedules/breakdown_sheets.html", "crew/memo_document.html", "crew/contact_sheet.html",
        "vendors/po_document.html", "daily_reports/document.html", "payroll/week_pdf.html",
        "casting/breakdown_pdf.html", "casting/auditions/sides_pdf.html",
        "casting/offers/offer_pdf.html",
        "post/deliverables/pdf.html",
        "development/pitch/pitch_pdf.html",
    }  # fmt: skip
    assert printed == named, "a PDF template with no letterhead test: add it to BUILDERS"


@pytest.mark.parametrize("name", ["top sheet", "call sheet revision", "purchase order"])
def test_a_us_production_prints_on_letter_and_a_european_one_on_a4(name, production, ap, client):
    document = BUILDERS[name](production)[name]
    client.force_login(ap)
    assert (production.currency, production.time_zone) == ("USD", "America/New_York")
    assert pdfs.paper(pdf_of(client, document.url)) == pdfs.LETTER
    production.time_zone, production.currency = "Europe/Paris", "EUR"
    production.save()
    assert pdfs.paper(pdf_of(client, document.url)) == pdfs.A4


def test_a_revision_says_when_a_later_one_replaced_it(production, ap, client):
    call_sheet = callsheets.callsheet_start(shoot_day=shoot_day_with_crew(production))
    callsheets.callsheet_publish(call_sheet=call_sheet)
    CallSheet.objects.filter(pk=call_sheet.pk).update(notes="Rain cover at the pier")
    callsheets.callsheet_publish(call_sheet=CallSheet.objects.get(pk=call_sheet.pk))
    client.force_login(ap)
    first = reverse("callsheets:revision_pdf", args=[production.slug, call_sheet.pk, 1])
    latest = reverse("callsheets:revision_pdf", args=[production.slug, call_sheet.pk, 2])
    assert "replaced by revision 2" in pdfs.words(pdfs.text(pdf_of(client, first), layout=False))
    assert "replaced by" not in pdfs.text(pdf_of(client, latest))


def test_the_po_e_mailed_to_the_vendor_is_prepared_by_whoever_approved_it(
    production, django_capture_on_commit_callbacks
):
    from apps.vendors import services

    producer = Membership.objects.get(user=member(production, Role.PRODUCER))
    po = services.po_submit(po=purchase_order(VendorFactory(production=production), "2500"))
    po = services.po_approve(po=po, membership=producer)
    with django_capture_on_commit_callbacks(execute=True):
        services.po_send(po=po)
    (message,) = mail.outbox
    (attachment,) = message.attachments
    _, document, prepared = pdfs.letterhead(attachment[1])
    assert document == "Purchase order PO 0001" and "Approved" in prepared
    assert f"Prepared by {producer.user.display_name}" in prepared
    assert "page 1 of 1" in pdfs.text(attachment[1])


def test_a_title_written_like_css_or_html_prints_as_written(production, ap, client):
    production.title = 'Sea "Fever" </style><b>x</b> \\A ; } @page { size: A3 }'
    production.company_name = "Tide\nPictures & Co."
    production.save()
    client.force_login(ap)
    pdf = pdf_of(client, reverse("crew:list", args=[production.slug]) + "?format=pdf")
    left, _, _ = pdfs.letterhead(pdf)
    assert left == f"{production.title} Tide Pictures & Co."
    assert pdfs.paper(pdf) == pdfs.LETTER
