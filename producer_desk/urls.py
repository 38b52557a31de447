from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from apps.callsheets import views as callsheets_views
from apps.casting.auditions import views as audition_views
from apps.casting.offers import views as casting_offer_views
from apps.casting.views import link as casting_link_views
from apps.crew.views import amendments as crew_amendment_views
from apps.crew.views import memos as crew_memo_views
from apps.payroll.crew_link import views as crew_link_views
from apps.payroll.paperwork import views as paperwork_views
from apps.post.screenings import views as screening_views
from apps.productions import views as productions_views
from apps.schedules import views as schedules_views
from producer_desk import health
from producer_desk.ratelimits import limited

# Every public link whose token is the credential is rate limited per address, so tokens cannot be
# guessed at speed (RATELIMIT_TOKEN_LINK).
by_token = limited("token_link")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="productions:list", permanent=False)),
    path("admin/", admin.site.urls),
    # Anonymous on purpose: a load balancer probes it; it shows nothing but "ok".
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("apps.accounts.urls")),
    # The REST API: /api/p/<slug>/... for a production, with the pages' access layer.
    path("api/", include("apps.api.urls")),
    path("", include("apps.productions.urls")),
    path("p/<slug:production_slug>/budget/", include("apps.budgets.urls")),
    path("p/<slug:production_slug>/crew/", include("apps.crew.urls")),
    path("p/<slug:production_slug>/schedule/", include("apps.schedules.urls")),
    path("p/<slug:production_slug>/callsheets/", include("apps.callsheets.urls")),
    path("p/<slug:production_slug>/casting/", include("apps.casting.urls")),
    path("p/<slug:production_slug>/post/", include("apps.post.urls")),
    path("p/<slug:production_slug>/development/", include("apps.development.urls")),
    # The development slate: across the signed-in user's productions (apps/development/slate).
    path("slate/", include("apps.development.slate.urls")),
    path("p/<slug:production_slug>/daily-reports/", include("apps.daily_reports.urls")),
    # Public by token (the token is the credential), so it lives outside /p/.
    path("calendar/<str:token>.ics", by_token(schedules_views.ical_feed), name="schedule_ical"),
    path("p/<slug:production_slug>/vendors/", include("apps.vendors.urls")),
    path("p/<slug:production_slug>/hot-costs/", include("apps.daily_reports.hot.urls")),
    path("p/<slug:production_slug>/timecards/", include("apps.payroll.urls")),
    path("p/<slug:production_slug>/paperwork/", include("apps.payroll.paperwork.urls")),
    path(
        "invitations/<str:token>/",
        by_token(productions_views.invitation_accept),
        name="invitation_accept",
    ),
    # Public by token: the hire answering a deal memo is not a member of the production.
    path(
        "deal-memos/<str:token>/",
        by_token(crew_memo_views.deal_memo_accept),
        name="deal_memo_accept",
    ),
    # Public by token: the hire answering an amendment to their signed deal memo.
    path(
        "memo-amendments/<str:token>/",
        by_token(crew_amendment_views.memo_amendment_accept),
        name="memo_amendment_accept",
    ),
    # Public by token: the actor answering a casting offer, or an amendment to it.
    path(
        "casting-offers/<str:token>/",
        by_token(casting_offer_views.offer_accept),
        name="casting_offer_accept",
    ),
    path(
        "casting-offer-amendments/<str:token>/",
        by_token(casting_offer_views.amendment_accept),
        name="casting_offer_amendment_accept",
    ),
    # Public by token: the hire fills in their start paperwork without an account.
    path(
        "start-paperwork/<str:token>/", by_token(paperwork_views.start_pack_fill), name="start_pack"
    ),
    # Public by token: a crew member fills in and submits their own timecards without an account.
    path(
        "timecard-link/<str:token>/",
        by_token(crew_link_views.timecard_link),
        name="timecard_link",
    ),
    # Public by token: crew confirm their call without an account; the link dies after the day.
    path(
        "callsheets/confirm/<str:token>/",
        by_token(callsheets_views.confirm),
        name="callsheet_confirm",
    ),
    # Public by token: an agent submits their actors for a role, without an account.
    path(
        "casting-submissions/<str:token>/",
        by_token(casting_link_views.submit),
        name="casting_submit",
    ),
    # Public by token: an actor or their agent confirms or declines an audition slot.
    path(
        "audition-invitations/<str:token>/",
        by_token(audition_views.answer),
        name="audition_answer",
    ),
    # Public by token: a screening guest answers their invitation, and gives feedback after it.
    path(
        "screening-invitations/<str:token>/",
        by_token(screening_views.rsvp),
        name="screening_rsvp",
    ),
]
