"""Producer Desk settings: one module, every knob an environment variable.

With no environment at all this is the embedded setup: SQLite and uploads under var/, Celery tasks
run in-process, e-mail written to files under var/mail/. Production sets DATABASE_URL,
CELERY_BROKER_URL, SECRET_KEY, ALLOWED_HOSTS, EMAIL_URL-style SMTP variables and HTTPS=true; the
README lists them all.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from producer_desk.env import env_bool, env_int, env_list, env_rate, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PRODUCER_DESK_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DJANGO_DEBUG", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in var/secret_key."""
    key = env_str("SECRET_KEY")
    if key:
        if len(key) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long")
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "axes",
    "django_ratelimit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "apps.core",
    "apps.accounts",
    "apps.productions",
    "apps.budgets",
    "apps.schedules",
    "apps.vendors",
    "apps.crew",
    "apps.callsheets",
    "apps.daily_reports",
    "apps.payroll",
    "apps.casting",
    "apps.post",
    "apps.development",
    "apps.api",
]

MIDDLEWARE = [
    # Outermost: after a request that wrote, moves the data stamps (apps/core/freshness.py).
    "apps.core.freshness.WritesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Drops NUL bytes from query strings, which PostgreSQL refuses (apps/core/middleware.py).
    "apps.core.middleware.QueryTextMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "producer_desk.urls"
WSGI_APPLICATION = "producer_desk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.productions.context_processors.production",
            ],
        },
    },
]

# --- Database: SQLite under var/ unless DATABASE_URL says otherwise ---------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'producer_desk.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A restarted PostgreSQL leaves dead persistent connections; check before reuse.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "productions:list"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
# The same client address as the rate limits: behind the proxy, the address the proxy appended to
# X-Forwarded-For. Without it every client is the proxy, and five failures by anyone would lock an
# account out for everyone.
AXES_CLIENT_IP_CALLABLE = "producer_desk.ratelimits.axes_client_ip"

# --- Rate limits (producer_desk/ratelimits.py) ----------------------------------------------------
# Counters in the database, not Redis: they must hold while Redis is down, and be shared by every
# gunicorn worker. `manage.py createcachetable` makes the table (dev.py, the README's deploy steps;
# the test runner makes it itself). The database cache increments by read-then-write, so a burst of
# parallel requests can slip a few past a limit (the django_ratelimit.E003 check says so); axes'
# lockout still stops password guessing per account, so that is accepted.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rendered page fragments, checked against the stamps of the tables they read (apps/core/
    # freshness.py): a write moves its tables' stamps, so none is ever read stale. In each
    # process's memory, or with FRAGMENT_CACHE_URL in Redis, shared by every worker. An hour
    # frees the memory of stamps gone by; FRAGMENT_CACHE=false renders every fragment every time.
    "fragments": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("FRAGMENT_CACHE_URL", ""),
            # Keeps apart two sites (or test runs) that share one Redis database.
            "KEY_PREFIX": env_str("FRAGMENT_CACHE_PREFIX", "pd"),
            "TIMEOUT": 3600,
        }
        if env_str("FRAGMENT_CACHE_URL", "")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "TIMEOUT": 3600,
            "OPTIONS": {"MAX_ENTRIES": env_int("FRAGMENT_CACHE_ENTRIES", 5000)},
        }
    ),
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "producer_desk_ratelimit",
    },
}
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", True)
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_VIEW = "producer_desk.ratelimits.too_many_requests"
RATELIMIT_IP_META_KEY = "producer_desk.ratelimits.client_ip"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
RATELIMIT_RATES = {
    # Sign-in POSTs per address, and per account from any number of addresses.
    "login": env_rate("RATELIMIT_LOGIN", "20/m"),
    "login_user": env_rate("RATELIMIT_LOGIN_USER", "30/h"),
    "password_reset": env_rate("RATELIMIT_PASSWORD_RESET", "5/h"),
    # Invitation, deal-memo, call-sheet confirmation and calendar links, per address.
    "token_link": env_rate("RATELIMIT_TOKEN_LINK", "60/m"),
}

# --- REST API (apps/api; docs/architecture.md, "REST API") ------------------------------------
# Personal access tokens (made on the profile page) or the browser's session; JSON only. Each token
# (or signed-in user) has its own counters, in the same database cache as the rate limits above:
# API_RATE for every request, API_WRITE_RATE on top for those that change something.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.api.authentication.TokenAuthentication",
        # The signed-in browser (DRF's own, with its CSRF check on writes).
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.api.throttling.RequestRate",
        "apps.api.throttling.WriteRate",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "api": env_rate("API_RATE", "300/m"),
        "api_write": env_rate("API_WRITE_RATE", "60/m"),
    },
    "DEFAULT_PAGINATION_CLASS": "apps.api.pagination.Pages",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "apps.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Producer Desk API",
    "DESCRIPTION": (
        "Read and change a production as its pages do: every endpoint under `/api/p/<slug>/` "
        "answers with the token owner's role in that production. Send a personal access token "
        "(made on your profile page) as `Authorization: Bearer <token>`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Endpoints are grouped by what follows /api/p/<slug>/: budget, schedule, crew, vendors...
    "SCHEMA_PATH_PREFIX": r"/api(/p/\{production_slug\})?",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the drf-spectacular-sidecar package's static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": False, "displayOperationId": False},
    # Several models have a `status`: each set of choices gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "VersionStatusEnum": "apps.budgets.models.VersionStatus",
        "PurchaseOrderStatusEnum": "apps.vendors.models.POStatus",
        "InvoiceStatusEnum": "apps.vendors.models.InvoiceStatus",
        "DailyReportStateEnum": "apps.daily_reports.models.ReportState",
    },
}

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded files are never served from a public URL: members fetch them through production views.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_STORAGE",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail: files under var/mail/ unless an SMTP host is given ----------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Producer Desk <desk@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery: a real broker when CELERY_BROKER_URL is set, otherwise tasks run in-process ---------
_BROKER = env_str("CELERY_BROKER_URL")
# In-process tasks need no broker; naming the in-memory one keeps kombu from guessing localhost.
CELERY_BROKER_URL = _BROKER or "memory://localhost/"
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", _BROKER or "cache+memory://")
CELERY_TASK_ALWAYS_EAGER = not _BROKER
CELERY_TASK_EAGER_PROPAGATES = False
# Call sheets worked out ahead by the worker after a change that reaches them (apps/callsheets/
# ahead.py): only where a worker shares the kept pages with the web workers (FRAGMENT_CACHE_URL),
# and that many seconds after the change, so that a burst of edits is worked out once.
CALL_SHEETS_AHEAD = env_bool(
    "CALL_SHEETS_AHEAD", bool(_BROKER and FRAGMENT_CACHE and env_str("FRAGMENT_CACHE_URL", ""))
)
CALL_SHEETS_AHEAD_DELAY = env_int("CALL_SHEETS_AHEAD_DELAY", 1)
# The worker lowers its own CPU priority by this much when it starts (os.nice; 0 leaves it): its
# work (sending, documents, sheets worked out ahead) waits while people wait on pages.
WORKER_NICENESS = env_int("WORKER_NICENESS", 10)
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-task leaves it queued for the next one
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "producer_desk")
CELERY_TIMEZONE = "UTC"
# With acks_late, Redis hands a task whose worker died to another worker after the visibility
# timeout. It must exceed the longest countdown a task waits for (retries back off up to 30 min),
# or a waiting retry is delivered twice. The drills lower both for a worker they kill on purpose.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_SECONDS", 100),
    "unacked_restore_throttle": 1,
}
CELERY_BROKER_CONNECTION_TIMEOUT = env_int("CELERY_BROKER_CONNECTION_TIMEOUT", 2)
CELERY_BEAT_SCHEDULE: dict = {
    # Certificates about to expire and rentals overdue, once each morning (logged per day, so a
    # second run the same day sends nothing).
    "vendors-daily-reminders": {
        "task": "apps.vendors.tasks.daily_reminders",
        "schedule": crontab(hour=env_int("VENDOR_REMINDER_HOUR_UTC", 11), minute=0),
    },
    # Start packs not complete PAPERWORK_REMINDER_DAYS after their last e-mail: sent again.
    "paperwork-reminders": {
        "task": "apps.payroll.paperwork.tasks.paperwork_reminders",
        "schedule": crontab(hour=env_int("VENDOR_REMINDER_HOUR_UTC", 11), minute=15),
    },
    # Casting holds past their expiry lapse (a second position is promoted), each night.
    "casting-holds-lapse": {
        "task": "casting.holds_lapse",
        "schedule": crontab(hour=env_int("CASTING_HOLDS_HOUR_UTC", 6), minute=0),
    },
    # Post deliverables due soon and overdue: once per item, due date and kind.
    "post-deliverable-reminders": {
        "task": "apps.post.deliverables.tasks.deliverable_reminders",
        "schedule": crontab(hour=env_int("VENDOR_REMINDER_HOUR_UTC", 11), minute=30),
    },
    # Options about to expire: 30 and 7 days before, each logged once per option and date.
    "development-option-reminders": {
        "task": "apps.development.rights.tasks.option_reminders",
        "schedule": crontab(hour=env_int("VENDOR_REMINDER_HOUR_UTC", 11), minute=40),
    },
    # Festival deadlines in the next two weeks, once per festival, deadline and person.
    "post-festival-reminders": {
        "task": "apps.post.festivals.tasks.festival_reminders",
        "schedule": crontab(hour=env_int("VENDOR_REMINDER_HOUR_UTC", 11), minute=45),
    },
    # Sends whose task is lost: the broker was down, or lost its queue (see apps/core/outbox.py).
    "redispatch-waiting-sends": {
        "task": "apps.productions.tasks.redispatch_waiting",
        "schedule": env_int("OUTBOX_SWEEP_SECONDS", 60),
    },
}

# --- Security: HTTPS=true turns on everything `check --deploy` asks for --------------------------
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content Security Policy (django-csp 4). Every script is a file under /static/ (htmx included, it
# ships in django-htmx), so scripts need no 'unsafe-inline' and no 'unsafe-eval': htmx's eval
# features and its injected indicator <style> are turned off by the htmx-config meta tag in
# base.html. <style> blocks (the print views of PDFs) carry the per-request nonce. Style
# *attributes* are allowed (style-src-attr): a few are data-driven (breakdown category colours,
# the call-sheet progress bar width) and the rest are layout widths; an attribute can only style its
# own element and cannot fetch anything beyond img-src, so the CSS-injection attacks a <style> block
# allows (attribute selectors reading tokens out of the page) stay closed. img-src allows data:
# because Bootstrap's CSS draws its form and navbar icons as data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "style-src-elem": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# --- Logging: to stderr, never request bodies or tokens -------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Tokens in public links ("Not Found: /invitations/<token>/") are redacted on the way out.
    "filters": {"redact": {"()": "producer_desk.redaction.RedactTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # runserver's request lines, through the redacting handler instead of Django's own.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint's steps and pages, seven lines or more a PDF (apps/core/documents.py listens
        # to them while the worker builds one).
        "weasyprint.progress": {"level": "WARNING"},
        # One line per in-process task is noise in the web log; a worker logs its own tasks.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
    },
}

# --- Producer Desk ------------------------------------------------------------------------------
INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 7)
# A send still waiting this long with no task having tried it is queued again by the sweeper.
OUTBOX_REDISPATCH_AFTER_SECONDS = env_int("OUTBOX_REDISPATCH_AFTER_SECONDS", 120)
# How long a send task's claim on a row stands before another task may take the row over.
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 600)
# The wait before a failed delivery's first retry (doubling with each retry, at most 30 minutes).
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 30)
LOGO_MAX_BYTES = env_int("LOGO_MAX_BYTES", 2 * 1024 * 1024)
# Uploaded images (logos, certificates, headshots): refused above this many pixels, read from the
# header before anything is decoded (40 MP is a 8000 x 5000 photo).
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
# Scripts (Fountain, Final Draft): a feature is ~200 KB of Fountain or ~2 MB of FDX.
SCRIPT_MAX_BYTES = env_int("SCRIPT_MAX_BYTES", 5 * 1024 * 1024)
# Spreadsheet imports (budget, actuals): bytes, rows and columns read, cells in all, and for an
# XLSX the size its parts may unpack to. Rows are read as they exist, never as a sheet declares.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 100)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 2_000_000)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)
CREW_CV_MAX_BYTES = env_int("CREW_CV_MAX_BYTES", 10 * 1024 * 1024)
DEAL_MEMO_MAX_AGE_DAYS = env_int("DEAL_MEMO_MAX_AGE_DAYS", 14)
# Start paperwork (apps/payroll/paperwork): the key that encrypts bank details and tax ids (a
# Fernet key; empty: derived from SECRET_KEY, see crypto.py), the upload limit, and the days
# between reminders for an incomplete pack.
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY", "")
PAPERWORK_UPLOAD_MAX_BYTES = env_int("PAPERWORK_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
PAPERWORK_REMINDER_DAYS = env_int("PAPERWORK_REMINDER_DAYS", 2)
# A crew member's own timecard link (apps/payroll/crew_link): days it still opens after the end
# of the work week holding a released engagement's last day (to fill in that last week).
TIMECARD_LINK_GRACE_DAYS = env_int("TIMECARD_LINK_GRACE_DAYS", 7)
# Casting (apps/casting): the largest headshot and résumé an actor's page takes, and how long a
# role's submission link for agents works.
CASTING_HEADSHOT_MAX_BYTES = env_int("CASTING_HEADSHOT_MAX_BYTES", 5 * 1024 * 1024)
CASTING_RESUME_MAX_BYTES = env_int("CASTING_RESUME_MAX_BYTES", 10 * 1024 * 1024)
CASTING_SUBMISSION_LINK_DAYS = env_int("CASTING_SUBMISSION_LINK_DAYS", 30)
