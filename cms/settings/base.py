"""Settings shared by every environment, each switched by a DJANGO_* variable."""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"DJANGO_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# How many reverse proxies of ours stand in front of the service
# (DJANGO_TRUSTED_PROXIES): 0 trusts no forwarded header, the client is REMOTE_ADDR; N
# takes the client from the Nth address from the right of X-Forwarded-For, the one our
# outermost proxy appended (access/client_ip.py).
TRUSTED_PROXIES = int(env("TRUSTED_PROXIES", "0"))
# Who may read the Prometheus metrics at /metrics (DJANGO_METRICS_ALLOWED): addresses
# or networks, by the client address above; everyone else gets a 404.
METRICS_ALLOWED = env_list("METRICS_ALLOWED", "127.0.0.1,::1")
for _network in METRICS_ALLOWED:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"DJANGO_METRICS_ALLOWED: {_error}") from None
CSRF_FAILURE_VIEW = "cms.views.csrf_failure"

INSTALLED_APPS = [
    "cms",
    "access",
    "portal_web",
    "access.two_factor",
    "home_pages",
    "media",
    "planning",
    "billing",
    "messaging",
    "portal_api",
    "rest_framework_api_key",
    "integration",
    "agency_api",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "knox",
    "axes",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prometheus",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Prometheus's pair (cms/metrics.py) around everything but the security redirect
    # and, in production, the static files; the request id (cms/logs.py) on every
    # log line of the request.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "cms.logs.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff who have not given their second factor reach only its pages.
    "access.two_factor.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A database out of reach answers 503 (cms/db_unavailable.py), not 500.
    "cms.db_unavailable.DatabaseUnavailableMiddleware",
    # Just inside axes, so that a lock-out's response is counted as answered.
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as its documentation asks: it turns admin lock-outs into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
        # A persistent connection is checked before a request reuses it, so that
        # one PostgreSQL closed (a restart) is replaced instead of failing.
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
# Queries counted and timed for Prometheus: django-prometheus's wrapper of the same
# backend (its ENGINE still ends with the backend's name).
if DATABASES["default"]["ENGINE"] in {
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
}:
    DATABASES["default"]["ENGINE"] = DATABASES["default"]["ENGINE"].replace(
        "django.db.backends.", "django_prometheus.db.backends."
    )
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env_bool(
    "DB_PREPARED_STATEMENTS", True
):
    # Parameters bound on the server, and the queries a connection repeats prepared
    # after five runs: PostgreSQL then plans each once per connection instead of on
    # every request (planning the token query costs more than running it). Turn off
    # behind a transaction-pooling PgBouncer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
# What holds across processes (the portals' configuration snapshots, throttles,
# lock-outs) goes through Django's cache: each process's memory by default (each
# snapshot is keyed by what makes it stale, so every process stays right), Redis,
# shared by every process and node, when REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
# SQLite holds the web server and the task worker side by side: a write-ahead log lets
# readers and one writer work together; IMMEDIATE transactions take the write lock at
# BEGIN, so a writer waits its turn (busy timeout, seconds) instead of failing with
# "database is locked" when a read-then-write transaction cannot upgrade its lock.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "access.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out identifier before any password check; then
    # an address over its own failure limit is refused likewise.
    "axes.backends.AxesStandaloneBackend",
    "access.client_ip.ClientIpLimitBackend",
    "access.backends.PortalAccountBackend",
    "access.backends.StaffBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: host-only cookie (no SESSION_COOKIE_DOMAIN), never readable from scripts.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(14 * 24 * 3600)))

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
# locale/: our strings (French in the code; fr only carries the French plural rule,
# en the English text); locale_wagtail/: natural French for Wagtail's own sentences.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
TIME_ZONE = env("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_USER_LOGIN_FORM = "access.admin_forms.StaffLoginForm"
# Agency staff publish their portals' configuration themselves: no moderation
# workflow ("Soumettre à Moderators approval") stands between them and their portal.
WAGTAIL_WORKFLOW_ENABLED = False
# Dates and times typed and shown the French way in the admin's pickers.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
# The web portals (web/, built by Vite into web/dist, base /static/web/). Listed only
# once built, so that a checkout that has not built it yet runs without a warning.
PORTAL_WEB_ROOT = Path(env("WEB_ROOT", str(BASE_DIR / "web" / "dist")))
STATICFILES_DIRS = [("web", PORTAL_WEB_ROOT)] if PORTAL_WEB_ROOT.is_dir() else []


def _vite_hashed(path, url):
    # Vite names its output assets/<name>-<hash>.<ext>: those never change.
    return "/static/web/assets/" in url


WHITENOISE_IMMUTABLE_FILE_TEST = _vite_hashed
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# The portals' documents (payslips, invoices...) live apart from the public media,
# outside MEDIA_ROOT, so that no web server serves them by path (media/storage.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "media.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Files on S3 when a bucket is configured: private, never overwritten, no public
# domain; credentials come from the usual AWS_* variables.
if env("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "region_name": env("S3_REGION") or None,
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "file_overwrite": False,
            "default_acl": "private",
            "querystring_auth": True,
            "custom_domain": None,
        },
    }
    # Documents: their own bucket if S3_PRIVATE_BUCKET is set, else their own prefix.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "bucket_name": env("S3_PRIVATE_BUCKET") or env("S3_BUCKET"),
            "location": env("S3_PRIVATE_PREFIX", "private"),
        },
    }
PORTAL_DOWNLOAD_URL_SECONDS = int(env("DOWNLOAD_URL_SECONDS", "60"))

WAGTAIL_SITE_NAME = "Portail"
WAGTAILADMIN_BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "media.PortalDocument"
# Every download goes through our access checks: never "direct".
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Where a portal without its own host name is reached; {key} is the portal key.
PORTAL_ADDRESS_TEMPLATE = env(
    "PORTAL_ADDRESS_TEMPLATE",
    WAGTAILADMIN_BASE_URL.rstrip("/") + "/p/{key}/",
)

# Invitation links: how long they work, and the front-end page that receives them.
PORTAL_INVITATION_MAX_AGE = timedelta(days=int(env("INVITATION_DAYS", "7")))
PORTAL_INVITATION_URL_TEMPLATE = env(
    "INVITATION_URL_TEMPLATE", "{address}invitation?token={token}"
)
# Forgotten passwords: the front-end page that receives the reset links (they live as
# long as invitation links), and how many an account may be sent an hour.
PORTAL_PASSWORD_RESET_URL_TEMPLATE = env(
    "PASSWORD_RESET_URL_TEMPLATE", "{address}reinitialisation?token={token}"
)
PORTAL_PASSWORD_RESET_PER_HOUR = int(env("PASSWORD_RESET_PER_HOUR", "3"))
# ...and how many requests one address may make an hour.
PORTAL_PASSWORD_RESET_PER_ADDRESS = int(env("PASSWORD_RESET_PER_ADDRESS", "20"))

# Documents: the largest upload accepted, in bytes.
PORTAL_DOCUMENT_MAX_SIZE = int(env("DOCUMENT_MAX_SIZE", str(20 * 1024 * 1024)))
WAGTAILDOCS_MAX_UPLOAD_SIZE = PORTAL_DOCUMENT_MAX_SIZE
WAGTAILDOCS_DOCUMENT_FORM_BASE = "media.forms.PortalDocumentForm"

# Messages: the longest body a message may have, and how many messages one person
# (all their accounts together) may send an hour (429 beyond), so that a runaway
# script cannot flood the agency's inbox.
MESSAGING_BODY_MAX_LENGTH = int(env("MESSAGING_BODY_MAX_LENGTH", "5000"))
MESSAGING_MESSAGES_PER_HOUR = int(env("MESSAGING_MESSAGES_PER_HOUR", "20"))

# Coupons: how long after a visit has started its intervenant may declare it.
PORTAL_COUPON_DELAY = timedelta(days=int(env("COUPON_DELAY_DAYS", "7")))

# Electronic signature: one-time codes and the seal applied to signed PDFs.
PORTAL_SIGNATURE_CODE_SENDER = env(
    "SIGNATURE_CODE_SENDER", "billing.codes.EmailCodeSender"
)
PORTAL_SIGNATURE_CODE_TTL = timedelta(minutes=10)
PORTAL_SIGNATURE_MAX_ATTEMPTS = 5
PORTAL_SIGNATURE_RESEND_DELAY = timedelta(seconds=60)
PORTAL_SIGNATURE_DAILY_CODES = 5
# The seal: a PKCS#12 file ("{agency}" in the path is replaced by the agency's slug),
# its password, and the root certificate (PEM) the Vérifier action trusts.
PORTAL_SEAL_PKCS12 = env("SEAL_PKCS12", str(BASE_DIR / "var" / "seal" / "seal.p12"))
PORTAL_SEAL_PASSWORD = env("SEAL_PASSWORD", "")
PORTAL_SEAL_ROOT = env("SEAL_ROOT", str(BASE_DIR / "var" / "seal" / "root.pem"))
# An RFC 3161 time-stamping server; none by default.
PORTAL_TIMESTAMP_URL = env("TIMESTAMP_URL", "")

# Online payment: the provider (sandbox or stripe), Stripe's keys, and where the
# checkout sends the client back ({address}: the client portal's address, {invoice}: the
# invoice's id; the web portal's page for it by default).
PORTAL_PAYMENT_PROVIDER = env("PAYMENT_PROVIDER", "sandbox")
# Whether the sandbox may run at all: development and tests only (billing refuses to
# start otherwise); its webhook key derives from a secret key that may be public there.
PORTAL_PAYMENT_SANDBOX = False
PORTAL_STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
PORTAL_STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
PORTAL_PAYMENT_RETURN_URL = env("PAYMENT_RETURN_URL", "{address}paiement/{invoice}")

# Outgoing webhooks (integration.webhooks): a plain http:// address, or one whose host
# resolves to a loopback, private, link-local or reserved network, is refused unless
# allowed here; on in development and tests, whose receivers are local.
PORTAL_WEBHOOKS_ALLOW_HTTP = env_bool("WEBHOOKS_ALLOW_HTTP")
PORTAL_WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE")

# Background work: in the database by default (one service less to run; the
# `db_worker` command), or on Redis queues with DJANGO_TASKS_BACKEND=
# django_tasks_rq.RQBackend and REDIS_URL (`rqworker --with-scheduler`: the scheduler
# runs the tasks deferred with run_after, such as webhook retries).
RQ_BACKEND = "django_tasks_rq.RQBackend"
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}
}
RQ_QUEUES = {
    "default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}
}
# The job class that runs a Django task: the worker's default, so that
# `rqworker --with-scheduler default` needs no more.
RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
if TASKS["default"]["BACKEND"] == RQ_BACKEND:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
# A running account batch without progress for this long lost its worker:
# `manage.py resume_account_batches` (cron, every minute) enqueues its rest again.
PORTAL_ACCOUNT_BATCH_STALE_SECONDS = int(env("ACCOUNT_BATCH_STALE_SECONDS", "300"))

EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "portail@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal_api.authentication.PortalTokenAuthentication",
        "portal_api.authentication.PortalSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api_base.exception_handlers.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Portail API",
    "DESCRIPTION": "The client and intervenant portals of home-care agencies.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": [
        "api_base.schema.only_public_api",
        # The agency API has its own schema (agency_api.urls).
        "agency_api.schema.without_agency_api",
    ],
    # Names the generated clients read, rather than drf-spectacular's ModeEnum/TypeEnum.
    "ENUM_NAME_OVERRIDES": {
        "HomeModeEnum": "home_pages.models.PortalPage.HomeMode",
        "SignableKindEnum": [("quote", "quote"), ("contract", "contract")],
        "ConversationStatusEnum": "messaging.models.Conversation.Status",
        # The agency API's (agency_api.schema): what a PUT did, what a bulk row did.
        "UpsertResultEnum": [(r, r) for r in ("created", "updated", "unchanged")],
        "RowResultEnum": [(r, r) for r in ("created", "updated", "unchanged", "error")],
        # The events feed's and the webhook endpoints' event types: one enum.
        "EventTypeEnum": "integration.models.Event.Type",
        # A portal account's state (agency_api.accounts), beside the other statuses.
        "AccountStatusEnum": [(s, s) for s in ("invited", "active", "disabled")],
        # Four kinds of status in the agency API, each named after its kind.
        "InterventionStatusEnum": "planning.models.Intervention.Status",
        "QuoteStatusEnum": "billing.models.Quote.Status",
        "ContractStatusEnum": "billing.models.Contract.Status",
        "InvoiceStatusEnum": "billing.models.Invoice.Status",
    },
    # The interactive docs load their assets from this service, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=int(env("TOKEN_TTL_HOURS", str(24 * 30)))),
    "AUTH_HEADER_PREFIX": "Token",
}

AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "access.backends.axes_identifier"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "cms.views.lockout_response"
AXES_CLIENT_IP_CALLABLE = "access.client_ip.client_ip"
# Axes locks out per identifier (API.md): at its threshold, counting per address too
# would lock out every carer of an agency that shares one office connection. The
# address gets its own, higher limit instead (access/client_ip.py): that many failed
# sign-ins within the window, whatever the identifiers, and the address is refused
# until the window ends. The counts live in Django's cache: with several server
# processes, configure a cache they share (CACHES), or each process counts apart.
SIGNIN_IP_FAILURE_LIMIT = int(env("SIGNIN_IP_FAILURE_LIMIT", "30"))
SIGNIN_IP_WINDOW = timedelta(minutes=int(env("SIGNIN_IP_WINDOW_MINUTES", "15")))

# Staff sign in with a second factor (access/two_factor): "required" for every staff
# member (production's default), "optional" here (demo, development, tests): staff who
# set one up are asked for it, the others sign in with their password alone.
STAFF_2FA = env("STAFF_2FA", "optional")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Wrong codes count in axes (5, then wait AXES_COOLOFF_TIME), not in django-otp's
# own doubling delay, which would refuse a right code typed just after a wrong one.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Axes's per-address lock-out stays off (see SIGNIN_IP_FAILURE_LIMIT above).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Object permissions arrive with documents; no anonymous user row is wanted.
ANONYMOUS_USER_NAME = None

# One JSON object a line on standard error (DJANGO_LOG_FORMAT=text for a terminal),
# each with its request's id and no query string (cms/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "cms.logs.RequestIdFilter"},
        "scrub": {"()": "cms.logs.ScrubFilter"},
    },
    "formatters": {
        "json": {"()": "cms.logs.JsonFormatter"},
        "text": {"()": "cms.logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", "json"),
            "filters": ["request_id", "scrub"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"wagtail": {"level": "WARNING"}},
}
