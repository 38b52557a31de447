"""The one table that says which role may do what.

Views declare a capability (`@production_view(Capability.EDIT_BUDGET)`); nothing outside this module
asks for a role by name to decide access.
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    PRODUCER = "producer", "Producer"
    ASSOCIATE_PRODUCER = "associate_producer", "Associate Producer"
    PRODUCTION_MANAGER = "production_manager", "Production Manager"
    COORDINATOR = "coordinator", "Coordinator"
    ACCOUNTANT = "accountant", "Accountant"
    DEPARTMENT_HEAD = "department_head", "Department Head"
    CREW = "crew", "Crew"
    CASTING = "casting", "Casting Director"
    DIRECTOR = "director", "Director"


class Capability(models.TextChoices):
    VIEW_PRODUCTION = "view_production", "See the production and its dashboard"
    EDIT_PRODUCTION = "edit_production", "Change the production's settings"
    MANAGE_MEMBERS = "manage_members", "Invite, change and remove members"
    MANAGE_PRODUCERS = "manage_producers", "Grant, change or remove the producer role"
    VIEW_AUDIT = "view_audit", "Read the audit log"
    VIEW_BUDGET = "view_budget", "See the budget"
    VIEW_DEPARTMENT_BUDGET = "view_department_budget", "See own department's accounts, if granted"
    EDIT_BUDGET = "edit_budget", "Edit the budget"
    LOCK_BUDGET = "lock_budget", "Approve and lock budget versions"
    VIEW_COST_REPORT = "view_cost_report", "See actuals, commitments and the cost report"
    POST_ACTUALS = "post_actuals", "Enter and import actuals"
    VIEW_SCHEDULE = "view_schedule", "See the script breakdown and schedule"
    EDIT_SCHEDULE = "edit_schedule", "Edit the breakdown and schedule"
    VIEW_CREW = "view_crew", "See the crew list"
    VIEW_CREW_CONTACTS = "view_crew_contacts", "See phones and emergency contacts"
    VIEW_CREW_RATES = "view_crew_rates", "See rates and deal memos"
    HIRE_CREW = "hire_crew", "Open positions, make offers and release crew"
    VIEW_VENDORS = "view_vendors", "See vendors and purchasing"
    MANAGE_VENDORS = "manage_vendors", "Edit vendors, quotes, purchase orders and rentals"
    APPROVE_PURCHASE_ORDERS = "approve_purchase_orders", "Approve POs up to the production's limit"
    APPROVE_ANY_PURCHASE_ORDER = "approve_any_purchase_order", "Approve POs above the limit"
    ENTER_INVOICES = "enter_invoices", "Enter and approve invoices"
    OVERRIDE_INVOICE_RECEIPT = (
        "override_invoice_receipt",
        "Approve an invoice beyond what was received, giving a reason",
    )
    VIEW_CALLSHEETS = "view_callsheets", "See call sheets"
    EDIT_CALLSHEETS = "edit_callsheets", "Draft call sheets"
    PUBLISH_CALLSHEETS = "publish_callsheets", "Publish and send call sheets"
    VIEW_DAILY_REPORTS = "view_daily_reports", "Read daily production reports"
    EDIT_DAILY_REPORTS = "edit_daily_reports", "Draft daily production reports"
    SIGN_DAILY_REPORTS = "sign_daily_reports", "Sign off daily production reports"
    VIEW_HOT_COSTS = "view_hot_costs", "See hot costs (the day's cost against plan)"
    CLOSE_COST_PERIODS = "close_cost_periods", "Close a cost report period (the weekly report)"
    VIEW_TIMECARDS = "view_timecards", "See timecards (crew their own, a head their department's)"
    EDIT_TIMECARDS = "edit_timecards", "Fill in and submit timecards (the same reach)"
    APPROVE_TIMECARDS = "approve_timecards", "Approve timecards for a department"
    APPROVE_TIMECARDS_FINAL = (
        "approve_timecards_final",
        "Give timecards the accounts' approval (posts them to the budget)",
    )
    EXPORT_PAYROLL = "export_payroll", "Export an approved week for the payroll service"
    SEND_TIMECARD_LINKS = "send_timecard_links", "Send crew the link to their own timecards"
    VIEW_PAPERWORK = "view_paperwork", "See crew's start paperwork and send it"
    EDIT_START_PACK = "edit_start_pack", "Define the production's start pack"
    VIEW_SENSITIVE_PAPERWORK = (
        "view_sensitive_paperwork",
        "See bank details and tax ids (masked) and the uploaded forms",
    )
    VIEW_CASTING = "view_casting", "See roles, actors, submissions and shortlists"
    EDIT_CASTING = "edit_casting", "Add roles, actors and agencies; take submissions"
    VIEW_TALENT_CONTACTS = (
        "view_talent_contacts",
        "See actors' and their agents' e-mails and phones",
    )
    RANK_SHORTLISTS = "rank_shortlists", "Rank and comment on a role's shortlist"
    VIEW_POST = "view_post", "See the post schedule, deliverables, screenings and festivals"
    EDIT_POST = "edit_post", "Run post: milestones, deliverables, screenings and festivals"
    VIEW_DISTRIBUTION = "view_distribution", "See and edit distribution deals"
    VIEW_DEVELOPMENT = "view_development", "See a project in development: research, drafts, rights"
    EDIT_DEVELOPMENT = "edit_development", "Edit the project in development and green-light it"
    VIEW_FINANCE_PLAN = "view_finance_plan", "See and edit the finance plan and financiers"


R = Role
C = Capability
_OFFICE = {R.PRODUCER, R.ASSOCIATE_PRODUCER, R.PRODUCTION_MANAGER}
_ALL = set(Role)
_CASTING = _OFFICE | {R.CASTING}

CAPABILITY_ROLES: dict[Capability, frozenset[Role]] = {
    C.VIEW_PRODUCTION: frozenset(_ALL),
    C.EDIT_PRODUCTION: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER}),
    C.MANAGE_MEMBERS: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER}),
    C.MANAGE_PRODUCERS: frozenset({R.PRODUCER}),
    C.VIEW_AUDIT: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER}),
    C.VIEW_BUDGET: frozenset(_OFFICE | {R.ACCOUNTANT}),
    C.VIEW_DEPARTMENT_BUDGET: frozenset({R.DEPARTMENT_HEAD}),
    C.EDIT_BUDGET: frozenset(_OFFICE | {R.ACCOUNTANT}),
    C.LOCK_BUDGET: frozenset({R.PRODUCER}),
    C.VIEW_COST_REPORT: frozenset(_OFFICE | {R.ACCOUNTANT}),
    C.POST_ACTUALS: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER, R.ACCOUNTANT}),
    C.VIEW_SCHEDULE: frozenset(_ALL),
    C.EDIT_SCHEDULE: frozenset(_OFFICE | {R.COORDINATOR}),
    # The casting director works with actors, not the crew: no crew list.
    C.VIEW_CREW: frozenset(_ALL - {R.CREW, R.CASTING}),
    C.VIEW_CREW_CONTACTS: frozenset(_OFFICE | {R.COORDINATOR, R.DEPARTMENT_HEAD}),
    C.VIEW_CREW_RATES: frozenset(_OFFICE | {R.ACCOUNTANT}),
    C.HIRE_CREW: frozenset(_OFFICE | {R.DEPARTMENT_HEAD}),
    C.VIEW_VENDORS: frozenset(_OFFICE | {R.COORDINATOR, R.ACCOUNTANT}),
    C.MANAGE_VENDORS: frozenset(_OFFICE | {R.COORDINATOR, R.ACCOUNTANT}),
    C.APPROVE_PURCHASE_ORDERS: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER}),
    C.APPROVE_ANY_PURCHASE_ORDER: frozenset({R.PRODUCER}),
    C.ENTER_INVOICES: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER, R.ACCOUNTANT}),
    C.OVERRIDE_INVOICE_RECEIPT: frozenset({R.PRODUCER, R.ACCOUNTANT}),
    C.VIEW_CALLSHEETS: frozenset(_ALL),
    C.EDIT_CALLSHEETS: frozenset(_OFFICE | {R.COORDINATOR}),
    C.PUBLISH_CALLSHEETS: frozenset(_OFFICE | {R.COORDINATOR}),
    # Daily reports are read by everyone who reads the schedule; drafted by the coordinator or the
    # AP (and the office), signed off by the production manager or the producer.
    C.VIEW_DAILY_REPORTS: frozenset(_ALL),
    C.EDIT_DAILY_REPORTS: frozenset(_OFFICE | {R.COORDINATOR}),
    C.SIGN_DAILY_REPORTS: frozenset({R.PRODUCER, R.PRODUCTION_MANAGER}),
    # Hot costs and cost report periods are money: the roles that see the budget.
    C.VIEW_HOT_COSTS: frozenset(_OFFICE | {R.ACCOUNTANT}),
    C.CLOSE_COST_PERIODS: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER, R.ACCOUNTANT}),
    # Timecards: everyone has their own (the scope hook in apps/payroll/access.py limits crew to
    # theirs and a department head to their department's); the department's approval is the
    # head's (or the producer's or the production manager's); the accounts' approval, which posts
    # the week to the budget, is the associate producer's, the accountant's or the producer's.
    C.VIEW_TIMECARDS: frozenset(_ALL),
    C.EDIT_TIMECARDS: frozenset(_ALL),
    C.APPROVE_TIMECARDS: frozenset({R.DEPARTMENT_HEAD, R.PRODUCER, R.PRODUCTION_MANAGER}),
    C.APPROVE_TIMECARDS_FINAL: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER, R.ACCOUNTANT}),
    C.EXPORT_PAYROLL: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER, R.ACCOUNTANT}),
    # The office (and the accounts) mail a crew member the link to their own timecards.
    C.SEND_TIMECARD_LINKS: frozenset(_OFFICE | {R.ACCOUNTANT}),
    # Start paperwork: the office and the accounts follow it; bank details, tax ids and the
    # uploaded forms are the accountant's and the producer's only.
    C.VIEW_PAPERWORK: frozenset(_OFFICE | {R.ACCOUNTANT}),
    C.EDIT_START_PACK: frozenset(_OFFICE | {R.ACCOUNTANT}),
    C.VIEW_SENSITIVE_PAPERWORK: frozenset({R.PRODUCER, R.ACCOUNTANT}),
    # Casting (issue 19): roles, actors, submissions and offers are the office's and the casting
    # director's; actors' and agents' contacts never reach the crew, the department heads or the
    # coordinator. The director reads casting (without the contacts) and, with the producer, the
    # AP and the casting director, ranks and comments on the shortlists.
    C.VIEW_CASTING: frozenset(_CASTING | {R.DIRECTOR}),
    C.EDIT_CASTING: frozenset(_CASTING),
    C.VIEW_TALENT_CONTACTS: frozenset(_CASTING),
    C.RANK_SHORTLISTS: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER, R.CASTING, R.DIRECTOR}),
    # Post (issue 20): the office runs it with the post supervisor, a department head whose
    # department is Post (the scope hook apps/post/access.py refuses other heads); the
    # coordinator and the accountant follow it. Distribution deals are the producer's and AP's.
    C.VIEW_POST: frozenset(_OFFICE | {R.COORDINATOR, R.ACCOUNTANT, R.DEPARTMENT_HEAD}),
    C.EDIT_POST: frozenset(_OFFICE | {R.DEPARTMENT_HEAD}),
    C.VIEW_DISTRIBUTION: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER}),
    # Development (issue 21): the office reads and moves the project on; financiers and the
    # finance plan are the producer's and the AP's only.
    C.VIEW_DEVELOPMENT: frozenset(_OFFICE),
    C.EDIT_DEVELOPMENT: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER}),
    C.VIEW_FINANCE_PLAN: frozenset({R.PRODUCER, R.ASSOCIATE_PRODUCER}),
}


def role_can(role: str, capability: Capability | str) -> bool:
    return Role(role) in CAPABILITY_ROLES[Capability(capability)]


def capabilities_of(role: str) -> frozenset[Capability]:
    return frozenset(cap for cap, roles in CAPABILITY_ROLES.items() if Role(role) in roles)
