"""No page of a production runs more than a fixed number of queries, at a real production's size.

The large demo (`seed_demo --size large`: ~3,000 budget lines, 300 scenes, 200 crew, 80 vendors,
500 purchase orders, 60 published call sheets) is built once for the module, inside a transaction
rolled back at the end, so the rest of the suite never sees it. Then every GET page under
/p/<slug>/ (and every REST API endpoint under /api/p/<slug>/) is visited as the associate
producer, found the way tests/test_access_matrix.py finds them (so a page added later is visited
too), its URL filled with real ids from the large demo, exports (CSV, XLSX, PDF, ICS) included.
A page that answers with the wrong status, or runs more than QUERY_BUDGET queries, fails: a count
that grows with rows is an N+1 to fix in the view, not a budget to raise.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.productions.access import roles_for
from apps.productions.capabilities import Role
from tests.test_access_matrix import Route, production_routes

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 40

# Pages whose budget is not QUERY_BUDGET. Above it: each with the reason its count is fixed, not
# per row. Below it: long pages made to read a fixed few queries (issue 15), held there.
OVERRIDES: dict[str, int] = {
    # session, user, membership, nav; settings, days, banners, scenes, sets, cast, cast links,
    # what the days done recorded (once shooting is recorded); the filter's choices (sets,
    # locations, cast, elements)
    "schedules:board": 16,
    # session, user, membership, nav; the count, the total, the page (exports: the rows)
    "vendors:po_list": 8,
    "vendors:invoices": 8,
    # session, user, membership, nav, the members (the filter); the entries' keys (one UNION of
    # every audited history); per audited model with entries (the exports read them all): its
    # rows and the versions before them; per model a changed key names, its names. It grows with
    # the kinds of record audited (the cost periods and the timecards joined them, then casting's
    # fourteen: roles, actors, agencies, agents, submissions, shortlists, comments, sessions, slots,
    # sides, offers, amendments, holds, re-prices; 2 queries each in the exports; then post's
    # checklists, deliverables, deals and instalments, screenings, their costs, guests and
    # feedback, milestones and festivals; development's research notes, drafts, options,
    # extensions and chain-of-title documents, finance sources, incentives, spread rules and the
    # pitch package's rows), never with the entries.
    "productions:audit": 124,
    # session, user, membership; the report; its eight tables; the shoot days, departments and
    # people its rows choose from
    "daily_reports:edit": 15,
    # session, user, membership; the report; its lines; the signed days to date; the forecast's
    # labour and days (exports: the same)
    "hot_costs:day": 8,
    # session, user, membership; the periods; the two periods' lines
    "budgets:cost_period_compare": 6,
    # session, user, membership; the period (with its previous one); its lines (exports: the same)
    "budgets:cost_period": 5,
    "budgets:cost_period_export": 5,
}

# GET on an action that only accepts POST answers 405: the method guard is the page's answer.
POST_ONLY = {
    "casting:offer_send",
    "casting:offer_countersign",
    "casting:offer_void",
    "casting:offer_commit",
    "casting:offer_amendment_send",
    "casting:offer_amendment_withdraw",
    "casting:hold_new",
    "casting:hold_release",
    "casting:reprice_confirm",
    "budgets:version_copy",
    "budgets:version_submit",
    "budgets:version_approve",
    "budgets:version_return",
    "budgets:version_make_current",
    "budgets:global_link",
    "budgets:link_notices_read",
    "budgets:account_move",
    "budgets:line_delete",
    "budgets:line_move",
    "budgets:global_save",
    "budgets:fringe_save",
    "budgets:markup_save",
    "budgets:estimate_save",
    "budgets:commitment_release",
    "budgets:grant_delete",
    "budgets:budget_new",
    "budgets:category_edit",
    "budgets:account_new",
    "budgets:account_edit",
    "budgets:line_new",
    "budgets:actual_new",
    "budgets:commitment_new",
    "callsheets:start",
    "callsheets:publish",
    "callsheets:resend",
    "daily_reports:start",
    "crew:day_remove",
    "crew:department_delete",
    "crew:candidate_add",
    "crew:candidate_move",
    "crew:memo_send",
    "crew:memo_countersign",
    "crew:memo_void",
    "crew:memo_commit",
    "crew:memo_amendment_send",
    "crew:memo_amendment_withdraw",
    "productions:member_change",
    "productions:member_remove",
    "productions:invitation_resend",
    "productions:invitation_revoke",
    "schedules:move",
    "schedules:day_insert",
    "schedules:element_add",
    "schedules:day_remove",
    "schedules:scene_omit",
    "schedules:element_remove",
    "schedules:element_merge",
    "schedules:cast_remove",
    "schedules:ical_rotate",
    "schedules:my_feed",
    "schedules:move_many",
    "schedules:sort",
    "schedules:fill",
    "schedules:banner_add",
    "schedules:banner_edit",
    "schedules:banner_move",
    "schedules:banner_remove",
    "schedules:scenario_delete",
    "schedules:sets_merge",
    "vendors:contact_add",
    "vendors:certificate_upload",
    "vendors:quote_choose",
    "vendors:po_line_add",
    "vendors:po_receive",
    "vendors:po_line_delete",
    "vendors:po_submit",
    "vendors:po_approve",
    "vendors:po_send",
    "vendors:po_close",
    "vendors:po_void",
    "vendors:co_start",
    "vendors:co_details",
    "vendors:co_line_add",
    "vendors:co_line_change",
    "vendors:co_line_remove",
    "vendors:co_change_undo",
    "vendors:co_discard",
    "vendors:co_submit",
    "vendors:co_approve",
    "vendors:co_reject",
    "vendors:invoice_line_add",
    "vendors:invoice_approve",
    "vendors:invoice_reject",
    "api:board_moves",
    "hot_costs:refresh",
    "payroll:start",
    "payroll:submit",
    "payroll:approve_department",
    "payroll:return_department",
    "payroll:approve",
    "payroll:return",
    "payroll:adjust",
    "payroll:link_send",
    "payroll:link_revoke",
    "paperwork:send",
    "paperwork:pack_item_delete",
    "casting:roles_from_cast",
    "casting:submission_link_issue",
    "casting:submission_link_revoke",
    "casting:submission_add",
    "casting:shortlist_add",
    "casting:shortlist_order",
    "casting:submission_pass",
    "casting:shortlist_remove",
    "casting:shortlist_move",
    "casting:comment_add",
    "casting:unavailability_add",
    "casting:unavailability_remove",
    "casting:audition_invite",
    "casting:audition_slot_cancel",
    "casting:audition_slot_invite",
    "post:deliverables_delete",
    "development:green_light",
    "development:draft_to_schedule",
    "post:screening_cost_add",
    "post:screening_guest_add",
    "post:screening_guests_group",
    "post:screening_invite",
    "post:screening_cost_po",
    "post:screening_cost_remove",
    "post:screening_guest_remove",
    "post:milestone_standard",
    "post:milestone_baseline",
    "post:milestone_delete",
    "development:finance_source_delete",
    "development:pitch_sections",
    "development:pitch_item_delete",
}
# A GET that legitimately redirects: the budget's index opens the current version's top sheet; a
# signed memo or offer (the one measured) is not edited but amended, so its edit page sends to the
# amendment.
REDIRECTS = {"budgets:index", "crew:memo_edit", "casting:offer_edit"}

# Export variants of a page, as query strings ("" is the page itself).
VARIANTS = {
    "productions:audit": [
        "",
        "?kind=Purchase+order&page=3&per_page=25",
        "?format=csv",
        "?format=xlsx",
    ],
    "budgets:top_sheet_export": ["?format=csv", "?format=xlsx", "?format=pdf"],
    "budgets:detail_export": ["?format=csv", "?format=xlsx", "?format=pdf"],
    "budgets:cost_report_export": ["?format=csv", "?format=xlsx", "?format=pdf"],
    "budgets:cost_period_export": ["?format=csv", "?format=xlsx", "?format=pdf"],
    "crew:list": ["", "?q=a&page=2", "?format=csv", "?format=xlsx", "?format=pdf"],
    "schedules:board": ["", "?number=1-40&int_ext=INT&hide=on"],
    "vendors:po_list": ["", "?status=approved&q=light&page=2", "?format=csv", "?format=xlsx"],
    "vendors:invoices": ["", "?status=entered&page=2", "?format=csv", "?format=xlsx"],
    "schedules:scenes": ["", "?format=csv", "?format=xlsx"],
    "schedules:breakdown": ["", "?format=pdf"],
    "schedules:report": ["", "?format=csv", "?format=xlsx", "?format=pdf"],
    "schedules:strips_pdf": ["", "?format=html"],
    "vendors:report_export": ["?format=csv", "?format=xlsx"],
    "vendors:po_detail": ["", "?print=1"],
    "hot_costs:summary": ["", "?format=csv", "?format=xlsx"],
    "hot_costs:day": ["", "?format=csv", "?format=xlsx"],
    # The week the large demo's timecards are in ({...}: filled from `objects`).
    "payroll:list": ["", "?week={week}"],
    "payroll:export": ["?week={week}"],
}

# Which object a `pk` stands for, by URL name; other kwargs by their own name (see `objects`).
PK_OF = {
    "crew:release": "engagement",
    "crew:day_remove": "day_assignment",
    "crew:department_edit": "department",
    "crew:department_delete": "department",
    "crew:position_edit": "position",
    "crew:person_edit": "person",
    "crew:board": "opening",
    "crew:opening_edit": "opening",
    "crew:candidate_add": "opening",
    "crew:candidate": "candidate",
    "crew:candidate_move": "candidate",
    "crew:candidate_cv": "candidate",
    "productions:member_change": "membership",
    "productions:member_remove": "membership",
    "productions:invitation_resend": "invitation",
    "productions:invitation_revoke": "invitation",
    "schedules:day_edit": "shoot_day",
    "schedules:day_remove": "shoot_day",
    "schedules:cast_edit": "cast_member",
    "schedules:cast_merge": "cast_member",
    "schedules:cast_delete": "cast_member",
    "schedules:element_edit": "element_pk",
    "schedules:element_delete": "element_pk",
    "schedules:location_edit": "location",
    "schedules:set_edit": "set",
    "schedules:banner_edit": "banner",
    "schedules:banner_move": "banner",
    "schedules:banner_remove": "banner",
    "schedules:draft": "script",
    "schedules:scenario": "scenario",
    "schedules:scenario_activate": "scenario",
    "schedules:scenario_delete": "scenario",
    "vendors:certificate_file": "certificate",
    "vendors:quote_request": "quote_request",
    "vendors:quote_choose": "quote",
    "vendors:po_line_delete": "po_line",
    "vendors:rental": "rental",
    "api:scene": "scene",
    "api:day": "shoot_day",
    "api:person": "person",
    "api:engagement": "engagement",
    "api:memo": "memo",
    "api:vendor": "vendor",
    "api:purchase_order": "po",
    "api:invoice": "invoice",
    "api:callsheet": "call_sheet",
    "api:callsheet_revision": "call_sheet",
    "api:daily_report": "daily_report",
    "daily_reports:edit": "draft_report",
    "daily_reports:sign": "draft_report",
    "hot_costs:day": "daily_report",
    "hot_costs:refresh": "daily_report",
    "payroll:start": "engagement",
    "paperwork:detail": "engagement",
    "paperwork:send": "engagement",
    "paperwork:pack_item_delete": "engagement",  # POST only: any id is answered 405
    "paperwork:file": "pack_entry",
    "casting:submission_pass": "submission",
    "casting:shortlist_remove": "shortlist_entry",
    "casting:shortlist_move": "shortlist_entry",
    "casting:comment_add": "shortlist_entry",
    "casting:actor": "actor",
    "casting:actor_headshot": "actor",
    "casting:actor_resume": "actor",
    "casting:unavailability_add": "actor",
    "casting:unavailability_remove": "unavailability",
    "casting:agency": "agency",
    "casting:audition_slot_new": "audition_session",  # a session's page, not a slot's
    "development:research_edit": "research_note",
    "development:research_file": "research_note",
    "development:draft_file": "draft",
    "development:document_file": "chain_document",
    "post:screening_cost_po": "screening_cost",  # POST only: any id is answered 405
    "post:screening_cost_remove": "screening_cost",
    "post:screening_guest_remove": "screening_guest",
    "development:finance_source_edit": "finance_source",
    "development:finance_source_delete": "finance_source",
    "development:pitch_item_edit": "comparable",
    "development:pitch_item_delete": "comparable",
    "development:pitch_look_image": "look",
    "development:pitch_letter": "letter_person",
}
PK_BY_APP = {
    "crew:memo": "memo",
    "casting:offer": "offer",
    "casting:hold": "offer",  # holds' and re-prices' pages are POST only: any id is answered 405
    "casting:reprice": "offer",
    "schedules:": "scene",
    "vendors:po_": "po",
    "vendors:invoice": "invoice",
    "vendors:": "vendor",
    "callsheets:": "call_sheet",
    "daily_reports:": "daily_report",
    "payroll:": "timecard",
    "casting:audition_slot": "audition_slot",
    "casting:audition": "audition_session",
    "casting:": "casting_role",
    "post:deliverables_item_new": "deliverables_checklist",  # the checklist it adds to
    "post:deliverables_item": "deliverable_item",
    "post:deliverables_evidence": "deliverable_item",
    "post:deliverables": "deliverables_checklist",
    "post:distribution": "deal",
    "development:": "option",
    "post:screening": "screening",
    "post:milestone": "milestone",
    "post:festival": "festival",
}


def _pk_key(name: str) -> str:
    if name in PK_OF:
        return PK_OF[name]
    return next(key for prefix, key in PK_BY_APP.items() if name.startswith(prefix))


def _choices(route: Route, objects: dict) -> list[dict]:
    """The URL kwargs for this route: one set, or one per value of a kwarg that picks a report."""
    from apps.schedules.reports import REPORTS as SCHEDULE_REPORTS
    from apps.vendors.queries import REPORTS as VENDOR_REPORTS

    many = {
        "key": list(SCHEDULE_REPORTS),
        "report": list(VENDOR_REPORTS),
        "fmt": ["csv", "xlsx"],
        "figure": ["budget", "actual", "committed", "efc"],
    }
    kwargs = {"production_slug": objects["slug"]}
    for name in route.converters:
        if name == "production_slug" or name in many:
            continue
        kwargs[name] = objects[_pk_key(route.name) if name == "pk" else name]
    spread = [name for name in route.converters if name in many]
    if not spread:
        return [kwargs]
    return [{**kwargs, spread[0]: value} for value in many[spread[0]]]


def objects(production) -> dict:
    """Real ids from the large demo, each the heaviest of its kind (most lines, most rows)."""
    from django.db.models import Count

    from apps.budgets.models import (
        Account,
        Category,
        Commitment,
        CostPeriod,
        DepartmentGrant,
        DetailLine,
        Fringe,
        Global,
    )
    from apps.budgets.queries import current_version
    from apps.callsheets.models import CallSheet
    from apps.casting.models import Actor, Agency, ShortlistEntry, Submission, Unavailability
    from apps.casting.models import Role as CastingRole
    from apps.casting.offers.models import Offer, OfferState
    from apps.crew.models import (
        Candidate,
        DayAssignment,
        DealMemo,
        Department,
        Engagement,
        MemoState,
        Opening,
        Person,
        Position,
    )
    from apps.daily_reports.models import DailyReport
    from apps.payroll.models import PackEntry, Timecard
    from apps.productions.models import Invitation, Membership
    from apps.schedules.models import (
        BoardBanner,
        CastMember,
        Location,
        Scenario,
        Scene,
        Script,
        Set,
        ShootDay,
    )
    from apps.vendors.models import (
        Certificate,
        Invoice,
        PurchaseOrder,
        PurchaseOrderLine,
        Quote,
        QuoteRequest,
        Rental,
        Vendor,
    )

    p = production
    version = current_version(p)

    def most(queryset, related: str, field: str = "pk"):
        ranked = queryset.annotate(n=Count(related)).order_by("-n", "pk")
        return ranked.values_list(field, flat=True)[0]

    scene = most(Scene.objects.filter(production=p), "elements")
    sheet = most(CallSheet.objects.filter(production=p), "revisions")
    return {
        "slug": p.slug,
        "version_id": version.pk,
        "category_id": most(Category.objects.filter(budget_version=version), "accounts__lines"),
        "account_id": most(Account.objects.filter(budget_version=version), "lines"),
        "line_id": DetailLine.objects.filter(budget_version=version).order_by("pk")[0].pk,
        "fringe_id": most(Fringe.objects.filter(budget_version=version), "lines"),
        "global_name": most(Global.objects.filter(budget_version=version), "pk", "name"),
        "account_number": "3307",
        "category_number": "3300",
        "commitment_id": Commitment.objects.filter(production=p, source_type=None)[0].pk,
        "period_id": CostPeriod.objects.filter(production=p).order_by("-week_ending")[0].pk,
        "grant_id": DepartmentGrant.objects.filter(production=p)[0].pk,
        "shoot_day_id": most(ShootDay.objects.filter(production=p), "scenes"),
        "call_sheet": sheet,
        "number": CallSheet.objects.get(pk=sheet).revisions.order_by("-number")[0].number,
        "engagement": Engagement.objects.filter(production=p)[0].pk,
        "day_assignment": DayAssignment.objects.filter(production=p)[0].pk,
        "department": most(Department.objects.filter(production=p), "engagements"),
        "position": most(Position.objects.filter(production=p), "engagements"),
        "person": most(Person.objects.filter(production=p), "day_assignments"),
        "opening": most(Opening.objects.filter(production=p), "candidates"),
        "candidate": Candidate.objects.filter(opening__production=p).exclude(cv="")[0].pk,
        "memo": DealMemo.objects.filter(production=p, state=MemoState.COUNTERSIGNED)[0].pk,
        "offer": Offer.objects.filter(production=p, state=OfferState.COUNTERSIGNED)[0].pk,
        "membership": Membership.objects.filter(production=p)[0].pk,
        "invitation": Invitation.objects.filter(production=p)[0].pk,
        "shoot_day": most(ShootDay.objects.filter(production=p), "scenes"),
        "scene": scene,
        "banner": BoardBanner.objects.filter(production=p).order_by("pk")[0].pk,
        "script": Script.objects.filter(production=p, status="pending")[0].pk,
        "scenario": Scenario.objects.filter(production=p)[0].pk,
        "element_pk": Scene.objects.get(pk=scene).elements.all()[0].pk,
        "member_pk": Scene.objects.get(pk=scene).cast.all()[0].pk,
        "cast_member": most(CastMember.objects.filter(production=p), "scenes"),
        "location": most(Location.objects.filter(production=p), "sets"),
        "set": most(Set.objects.filter(production=p), "scenes"),
        "vendor": most(Vendor.objects.filter(production=p), "purchase_orders"),
        "certificate": Certificate.objects.filter(production=p)[0].pk,
        "quote_request": most(QuoteRequest.objects.filter(production=p), "quotes"),
        "quote": Quote.objects.filter(production=p)[0].pk,
        "po": most(PurchaseOrder.objects.filter(production=p, invoices__isnull=False), "lines"),
        "po_line": PurchaseOrderLine.objects.filter(purchase_order__production=p)[0].pk,
        "rental": Rental.objects.filter(production=p)[0].pk,
        "invoice": most(Invoice.objects.filter(production=p), "lines"),
        "daily_report": most(DailyReport.objects.filter(production=p), "hot_costs"),
        "draft_report": most(DailyReport.objects.filter(production=p, state="draft"), "scenes"),
        "timecard": most(Timecard.objects.filter(production=p), "lines"),
        "week": Timecard.objects.filter(production=p).order_by("week_start")[0].week_start,
        "pack_entry": PackEntry.objects.filter(production=p).exclude(file="")[0].pk,
        "casting_role": most(CastingRole.objects.filter(production=p), "submissions"),
        "submission": Submission.objects.filter(production=p)[0].pk,
        "shortlist_entry": most(ShortlistEntry.objects.filter(production=p), "comments"),
        "actor": Actor.objects.filter(production=p).exclude(headshot="")[0].pk,
        "unavailability": Unavailability.objects.filter(production=p)[0].pk,
        "agency": most(Agency.objects.filter(production=p), "representatives"),
        **_auditions(p),
        **_post(p),
        **_development(p),
        **_screenings(p),
        **_post_schedule(p),
        **_finance_and_pitch(p, version),
    }


def _post(production) -> dict:
    """The demo's deliverables checklist, its item with an evidence file, and its deal."""
    from apps.post.deliverables.models import Checklist, DeliverableItem
    from apps.post.distribution.models import Deal

    return {
        "deliverables_checklist": Checklist.objects.filter(production=production)
        .order_by("pk")[0]
        .pk,
        "deliverable_item": DeliverableItem.objects.filter(production=production)
        .exclude(evidence_file="")
        .order_by("pk")[0]
        .pk,
        "deal": Deal.objects.filter(production=production).order_by("pk")[0].pk,
    }


def _development(production) -> dict:
    """The demo's development material (complete_demo adds it to the large demo)."""
    from apps.development.models import ChainDocument, Draft, Option, ResearchNote

    return {
        "research_note": ResearchNote.objects.filter(production=production)
        .exclude(attachment="")[0]
        .pk,
        "draft": Draft.objects.filter(production=production)[0].pk,
        "option": Option.objects.filter(production=production)[0].pk,
        "chain_document": ChainDocument.objects.filter(production=production)[0].pk,
    }


def _post_schedule(production) -> dict:
    """The demo's post: a slipped milestone and the festival whose fee is on a PO."""
    from apps.post.festivals.models import Festival
    from apps.post.milestones.models import Milestone

    return {
        "milestone": Milestone.objects.filter(production=production, vendor__isnull=True)
        .exclude(slip_reason="")[0]
        .pk,
        "festival": Festival.objects.filter(production=production, purchase_order__isnull=False)[
            0
        ].pk,
    }


def _finance_and_pitch(production, version) -> dict:
    """The demo's finance source, a budget category for its spread rule, the pitch's rows."""
    from apps.development.finance.models import FinanceSource
    from apps.development.pitch.models import Comparable, LookImage, PitchPerson

    p = production
    return {
        "finance_source": FinanceSource.objects.filter(production=p)[0].pk,
        "kind": "comparable",
        "comparable": Comparable.objects.filter(production=p)[0].pk,
        "look": LookImage.objects.filter(production=p, caption="Night crossing")
        .order_by("-pk")[0]
        .pk,
        "letter_person": PitchPerson.objects.filter(production=p).exclude(letter_file="")[0].pk,
    }


def _auditions(production) -> dict:
    """The demo's audition session, its busiest slot and the role whose sides it prints."""
    from apps.casting.auditions.models import AuditionSides, AuditionSlot

    sides = AuditionSides.objects.filter(production=production).order_by("pk")[0]
    slot = AuditionSlot.objects.filter(session=sides.session).order_by("pk")[0]
    return {
        "audition_session": sides.session_id,
        "audition_slot": slot.pk,
        "role_pk": sides.role_id,
    }


def _screenings(production) -> dict:
    """The demo's screening (with its guests, costs and feedback)."""
    from apps.post.screenings.models import Guest, Screening, ScreeningCost

    screening = Screening.objects.filter(production=production).order_by("pk")[0]
    return {
        "screening": screening.pk,
        "screening_cost": ScreeningCost.objects.filter(screening=screening)[0].pk,
        "screening_guest": Guest.objects.filter(screening=screening)[0].pk,
    }


FEED_TOKEN = "large-demo-feed-token-0123456789"


def complete_demo(production) -> None:
    """Add to a seeded demo the few things it has no reason to hold (a pending invitation, a
    candidate's CV, a logo, the calendar feed's token, a draft waiting for its revision report, an
    alternate board) so those pages are visited too. Files go to MEDIA_ROOT. bench/page_bench.py
    uses it as well."""
    from apps.accounts.models import User
    from apps.crew.models import Candidate
    from apps.productions.models import Membership
    from apps.productions.services import invitation_create
    from apps.schedules import services as schedules
    from apps.schedules.services import scenarios
    from apps.vendors.demo import DEMO_PDF

    ap = User.objects.get(email="ap@demo.producerdesk.test")
    invitation_create(
        actor=Membership.objects.get(production=production, user=ap),
        email="new.hire@example.test",
        role=Role.COORDINATOR,
    )
    candidate = Candidate.objects.filter(opening__production=production).first()
    candidate.cv.save("cv.pdf", ContentFile(DEMO_PDF))
    _start_paperwork(production, DEMO_PDF)
    _actor_files(production, DEMO_PDF)
    _deliverable_evidence(production, DEMO_PDF)
    from apps.development.demo import seed_material

    seed_material(production, ap)  # the small demo's is on a project of its slate
    production.logo.save("logo.png", ContentFile(_PNG))
    _pitch_files(production, DEMO_PDF)
    settings = schedules.settings_for(production)
    settings.ical_token = FEED_TOKEN
    settings.save()
    schedules.script_preview(
        production=production,
        data=(Path(__file__).parent / "schedules/fixtures/sample.fountain").read_bytes(),
        filename="sample.fountain",
    )
    if not production.board_banners.exists():  # the large demo has company moves
        day = production.shoot_days.order_by("position")[0]
        schedules.banner_add(production=production, day_id=day.pk, kind="note", text="Unit move")
    if not production.daily_reports.exists():  # the small demo, in prep, has no shot days
        hot_cost_days(production)
    if not production.scenarios.exists():  # the small demo has one already
        rain = scenarios.scenario_create(production=production, name="Rain cover")
        scenarios.scenario_day_insert(scenario=rain)  # so comparing works the budget out again
    _shoot_two_days(production)


def _pitch_files(production, pdf: bytes) -> None:
    """A look image and a letter of interest on file for the pitch package."""
    from apps.development.pitch.models import LookImage, PitchPerson

    look = LookImage(production=production, caption="Night crossing")
    look.image.save("look.png", ContentFile(_PNG))
    person = PitchPerson.objects.filter(production=production).first()
    person.letter_file.save("letter.pdf", ContentFile(pdf))


def _actor_files(production, pdf: bytes) -> None:
    """A headshot and a résumé for the actor with the most submissions (the demo has none)."""
    from django.db.models import Count
    from PIL import Image

    from apps.casting.models import Actor

    png = io.BytesIO()
    Image.new("RGB", (2, 2), "grey").save(png, "PNG")  # checked whole, as an upload is

    actor = (
        Actor.objects.filter(production=production)
        .annotate(n=Count("submissions"))
        .order_by("-n", "pk")
        .first()
    )
    if actor is not None and not actor.headshot:
        actor.headshot.save("headshot.png", ContentFile(png.getvalue()))
        actor.resume.save("resume.pdf", ContentFile(pdf))


def _deliverable_evidence(production, pdf: bytes) -> None:
    """A lab report as the evidence of the demo checklist's first item (the demo has references
    only), so the evidence download is measured."""
    from apps.post.deliverables.models import DeliverableItem

    item = DeliverableItem.objects.filter(production=production).order_by("pk").first()
    if item is not None and not item.evidence_file:
        item.evidence_file.save("qc-report.pdf", ContentFile(pdf))


def _start_paperwork(production, pdf: bytes) -> None:
    """A hire's start pack with an uploaded tax form, unless the demo has one already (its packs,
    in every state, are the first 40 hires'), so the paperwork pages and the file are measured."""
    from apps.crew.models import Engagement
    from apps.payroll.paperwork import services as paperwork
    from apps.payroll.paperwork.models import PackEntry

    if PackEntry.objects.filter(production=production).exclude(file="").exists():
        return
    hires = Engagement.objects.filter(production=production, start_pack=None)
    engagement = hires.exclude(person__email="")[0]
    pack = paperwork.pack_send(engagement=engagement)
    paperwork.entry_fill(
        pack=pack,
        entry=pack.entries.get(kind="tax_form"),
        data={"tax_id": "123-45-6789"},
        upload=ContentFile(pdf, name="w4.pdf"),
    )


def _shoot_two_days(production) -> None:
    """Days done, so the pages are measured with scheduled against actual: the first two shoot
    days recorded (scenes completed, one partly shot and one not shot), unless the demo's daily
    reports recorded some already."""
    from apps.schedules.shooting import ShotOutcome, record_shooting

    days = production.shoot_days.filter(kind="shoot").order_by("position")
    if days.filter(shooting_recorded_at__isnull=False).exists():
        return
    for day in days[:2]:
        scenes = list(day.scenes.filter(omitted=False).order_by("board_position"))
        outcomes = [ShotOutcome(s.pk, "completed", s.eighths, None) for s in scenes[2:]]
        if scenes and scenes[0].eighths > 1:
            outcomes.append(ShotOutcome(scenes[0].pk, "partly", 1, None))
        if len(scenes) > 1:
            outcomes.append(ShotOutcome(scenes[1].pk, "not_shot", 0, None))
        record_shooting(production, day, outcomes, None)


def hot_cost_days(production) -> None:
    """Reports for the first two shoot days with every department's times, their hot cost
    worked out, the first signed: the hot cost pages have every engaged person to show."""
    from datetime import time

    from django.utils import timezone

    from apps.daily_reports import hotcosts
    from apps.daily_reports.models import CostItem, CrewTimes, DailyReport

    days = production.shoot_days.filter(kind="shoot").order_by("position")[:2]
    for number, day in enumerate(days):
        sheet = getattr(day, "call_sheet", None)
        revision = sheet.revisions.order_by("-number").first() if sheet else None
        report = DailyReport.objects.create(
            production=production, shoot_day=day, call_sheet_revision=revision
        )
        for department in production.departments.all():
            CrewTimes.objects.create(
                report=report, department=department, time_in=time(7), meal_out=time(13, 30),
                meal_in=time(14), time_out=time(20, 15),
            )  # fmt: skip
        CostItem.objects.create(report=report, description="Condor", planned=800, actual=950)
        hotcosts.refresh(report)
        if number == 0:
            DailyReport.objects.filter(pk=report.pk).update(
                state="signed", signed_at=timezone.now()
            )


@pytest.fixture(scope="module")
def large_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The large demo, completed by `complete_demo`. Its files (certificates, CV, logo) go to a
    folder of its own: see `media`."""
    from django.test import override_settings

    from apps.accounts.models import User
    from apps.productions.management.commands.seed_demo import LARGE_SLUG
    from apps.productions.models import Production

    media = tmp_path_factory.mktemp("large-demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("seed_demo", size="large", stdout=io.StringIO())
        production = Production.objects.get(slug=LARGE_SLUG)
        ap = User.objects.get(email="ap@demo.producerdesk.test")
        complete_demo(production)
        yield production, ap, objects(production), media
        transaction.set_rollback(True)


def _png() -> bytes:
    """A whole 1 x 1 PNG, written by Pillow: uploads are checked to their last checksum."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1, 1), "grey").save(out, "PNG")
    return out.getvalue()


_PNG = _png()


def visitor(route: Route) -> str:
    """The AP, or for the few pages the AP's role may not open, a demo role that may (the
    producer first): every page is measured, none is skipped as a 403."""
    allowed = roles_for(route.callback.read_capabilities)
    for role in (Role.ASSOCIATE_PRODUCER, Role.PRODUCER, Role.DEPARTMENT_HEAD):
        if role in allowed:
            return role
    return sorted(allowed)[0]


def pages(objects: dict) -> list[tuple[str, str, set[int], str]]:
    """(URL name, URL, acceptable statuses, visiting role) for every GET the production answers."""
    found = []
    for route in production_routes():
        role = visitor(route)
        if route.name in POST_ONLY:
            expected = {405}
        elif route.name in REDIRECTS:
            expected = {302}
        else:
            expected = {200}
        for kwargs in _choices(route, objects):
            url = reverse(route.name, kwargs=kwargs)
            for query in VARIANTS.get(route.name, [""]):
                found.append((route.name, url + query.format(**objects), expected, role))
    feed = reverse("schedule_ical", kwargs={"token": FEED_TOKEN})
    found.append(("schedule_ical", feed, {200}, Role.ASSOCIATE_PRODUCER))
    return found


def budget_for(name: str) -> int:
    return OVERRIDES.get(name, QUERY_BUDGET)


@pytest.fixture
def html_only_pdfs(monkeypatch):
    """PDF pages still render their whole HTML template (where any lazy query would run), but
    WeasyPrint's layout, which reads no database and takes minutes for the 3,000-line detail, is
    replaced by a stub. The apps' own PDF tests render real ones."""
    import weasyprint

    class HTML:
        def __init__(self, string: str, **kwargs) -> None:
            assert "</html>" in string

        def write_pdf(self) -> bytes:
            return b"%PDF-1.4 stub"

    monkeypatch.setattr(weasyprint, "HTML", HTML)


def test_every_page_stays_within_its_query_budget_on_the_large_demo(
    client, settings, large_demo, html_only_pdfs
):
    from apps.productions.models import Membership

    production, _, ids, media = large_demo
    settings.MEDIA_ROOT = media  # where the large demo's certificates, CV and logo are
    users = {m.role: m.user for m in Membership.objects.filter(production=production)}
    counts, problems = [], []
    for name, url, expected, role in pages(ids):
        client.force_login(users[role])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code not in expected:
            problems.append(f"{url} ({name}): status {response.status_code}, not {expected}")
        if len(queries) > budget_for(name):
            problems.append(f"{url} ({name}): {len(queries)} queries > {budget_for(name)}")
        counts.append((len(queries), url))
    counts.sort(reverse=True)
    print(f"\n{len(counts)} pages; the most queries:")
    for count, url in counts[:15]:
        print(f"  {count:4d}  {url}")
    assert problems == []


def test_the_walk_visits_every_production_route(large_demo):
    _, _, ids, _ = large_demo
    visited = {name for name, *_ in pages(ids)}
    assert visited >= {route.name for route in production_routes()}
    assert len(visited) > 100


def test_the_large_demo_keeps_every_budget_total_as_the_engine_works_it_out(large_demo):
    """Issue 15: the kept totals of the large demo (every version, 3,000 lines, written by the
    importer, the schedule's links, copies) equal the engine's from-scratch recomputation."""
    production, *_ = large_demo
    out = io.StringIO()
    call_command("check_budget_totals", production.slug, stdout=out)
    assert "with differences" in out.getvalue() and ", 0 with differences" in out.getvalue()


def test_the_large_demo_has_the_promised_size(large_demo):
    from apps.budgets.models import DetailLine
    from apps.callsheets.models import Revision
    from apps.crew.models import Person
    from apps.schedules.models import Scene, ShootDay
    from apps.vendors.models import PurchaseOrder, Vendor

    production, *_ = large_demo
    assert DetailLine.objects.filter(production=production).count() >= 3000
    assert Scene.objects.filter(production=production).count() == 300
    assert ShootDay.objects.filter(production=production).count() == 60
    assert Person.objects.filter(production=production).count() == 200
    assert Vendor.objects.filter(production=production).count() == 80
    assert PurchaseOrder.objects.filter(production=production).count() >= 500
    from apps.casting.models import Role as CastingRole

    assert CastingRole.objects.filter(production=production).count() == 40  # issue 19, point 8
    published = Revision.objects.filter(production=production).values("call_sheet").distinct()
    assert published.count() == 60
    from apps.payroll.models import Timecard

    weeks = Timecard.objects.filter(production=production, state="approved").values("week_start")
    assert weeks.distinct().count() >= 5  # six ended weeks: the last shows every state
    from datetime import timedelta

    from apps.payroll import queries as payroll_queries
    from apps.payroll import services as payroll

    # Six ended weeks of timecards for everyone engaged on a weekday of each (issue 18, point 7).
    this_week = payroll.week_start_of(production.today(), payroll.rules_of(production)[1])
    for back in range(6, 0, -1):
        start = this_week - timedelta(days=7 * back)
        working = {
            e.pk
            for e in payroll_queries.engaged_in_week(production, start)
            if any(e.is_working_on(start + timedelta(days=n)) for n in range(5))
        }
        have = Timecard.objects.filter(production=production, week_start=start)
        assert working, start
        assert working <= set(have.values_list("engagement_id", flat=True)), start


def test_a_page_over_budget_is_reported(client, large_demo, monkeypatch):
    """The budget can fail: with a budget of 1 query the dashboard is over it."""
    production, ap, *_ = large_demo
    client.force_login(ap)
    monkeypatch.setitem(OVERRIDES, "productions:dashboard", 1)
    url = reverse("productions:dashboard", kwargs={"production_slug": production.slug})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) > budget_for("productions:dashboard")
