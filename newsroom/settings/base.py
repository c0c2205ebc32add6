"""Settings, read from the environment only.

Development defaults (SQLite, local-memory cache, console e-mail) let `make run`
work on a fresh machine; `NEWSROOM_ENV=production` refuses to start with any of the
unsafe defaults still in place, so a forgotten variable fails loudly at boot instead
of leaking a debug page or a known secret key.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.logs import AsWarning, RequestContextFilter, json_formatter
from newsroom.storage import media_storage

BASE_DIR = Path(__file__).resolve().parents[2]

ENVIRONMENT = os.environ.get("NEWSROOM_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEV_SECRET_KEY = "dev-only-not-secret-newsroom-key"


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The public address of the site, used where no request is at hand (e-mails,
# share links made from the shell); requests otherwise supply their own host.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

if PRODUCTION:
    problems = []
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY must be set to a random value of at least 50 characters")
    if DEBUG:
        problems.append("DEBUG must be off")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must list the site's host names")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        problems.append("DATABASE_URL must point at PostgreSQL")
    # Feed guids and calendar UIDs are minted from its host and must never change later.
    if "SITE_URL" not in os.environ:
        problems.append("SITE_URL must be the site's public address, e.g. https://example.go.id")
    if problems:
        raise ImproperlyConfigured("Unsafe production settings: " + "; ".join(problems))

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "taggit",
    "django_prose_editor",  # the body editor's static files (articles/admin/editor.py)
    "django_tasks",
    "django_tasks_db",
    "anymail",  # the mail provider's signed tracking webhooks (outreach/subscribers/bounces.py)
    "units",
    "articles",
    "outreach",
]

# Every middleware, in order, here and nowhere else (the security settings add none).
MIDDLEWARE = [
    # Before anything reads them: forwarded headers only from our own proxy.
    "newsroom.security.forwarded.TrustedProxyMiddleware",
    # The cookie-less view counter's beacon (NEWSROOM_REACH below) is answered before the
    # rest of the stack: a count costs no session, log line or page-cache lookup. A dotted
    # path, so this package never imports outreach.
    "outreach.reach.beacon.BeaconMiddleware",
    # Production runtime: the request id and log line wrap everything; health answers come
    # before the host check, the HTTPS redirect and any cookie.
    "newsroom.logs.RequestLogMiddleware",
    "newsroom.health.HealthMiddleware",
    # Stored public pages are answered here, past every other middleware; what the views
    # allow is stored here with the headers all the others added (newsroom/pagecache.py).
    "newsroom.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsroom.security.headers.SecurityHeadersMiddleware",
    "newsroom.staticfiles.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.middleware.ChosenLanguageMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # Inside GZip: the policy for a page depends on what it holds, read before compression.
    "newsroom.security.headers.NewsroomCSPMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.outage.DatabaseOutageMiddleware",
    "units.security.sessions.StaffIdleTimeoutMiddleware",
    "units.security.two_factor.TwoFactorRequiredMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
            "libraries": {"admin_menu": "newsroom.admin_menu"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database fails a request in seconds (a branded 503), never hangs it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` writes from three processes (server, worker, clock): readers never wait
    # for a writer (WAL), and a writer waits its turn instead of failing at once. A
    # transaction takes the write lock when it begins (IMMEDIATE): one that read first and
    # wrote later could not wait for it, and failed with "database is locked" at once
    # whenever another process was writing (the worker's rewrite of stored pages did).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down is a miss, not an error (newsroom/cache.py); short socket timeouts
            # keep an unreachable Redis from holding requests.
            "BACKEND": "newsroom.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {  # Every account here is a staff account (issue 12).
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# How staff type dates and times, the same in both languages: "25-06-2020", "10.00".
FORMAT_MODULE_PATH = ["newsroom.formats"]
# The switcher's choice outlives the browser session (Django's default cookie does not).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic's target. Development serves straight from the apps' and project's
# static folders through WhiteNoise's finders, so no collected copy has to exist.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles")) if PRODUCTION else None
if os.environ.get("STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["STATIC_ROOT"])
WHITENOISE_USE_FINDERS = not PRODUCTION
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Media on the local disk, or in an S3-compatible bucket when MEDIA_S3_BUCKET is set.
MEDIA_STORAGE, _media_url = media_storage(os.environ)
MEDIA_URL = _media_url or MEDIA_URL
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "newsroom.staticfiles.ForgivingManifestStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Redaksi <redaksi@localhost>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A slow mail server gives up after this many seconds instead of holding the request.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "5"))

LOGIN_URL = "admin:login"
# Where a login lands when its `next` is missing or points off the site (Django's default,
# /accounts/profile/, is a 404 here).
LOGIN_REDIRECT_URL = "admin:index"

# --- Background work (issue 23) ---------------------------------------------------
# Django's tasks API (the django-tasks backport; Django 6 makes it an import swap) on the
# project's own database: no new server. `manage.py worker` runs tasks, `manage.py clock`
# fires what is due; docs/deploy.md says when to move to the RQ backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker beats this often; one silent for LOST_AFTER seconds is taken for dead and the
# task it held goes back in the queue.
NEWSROOM_WORKER_BEAT_SECONDS = float(os.environ.get("NEWSROOM_WORKER_BEAT_SECONDS", "10"))
NEWSROOM_WORKER_LOST_AFTER = float(os.environ.get("NEWSROOM_WORKER_LOST_AFTER", "60"))
NEWSROOM_CLOCK_SECONDS = float(os.environ.get("NEWSROOM_CLOCK_SECONDS", "10"))
# Seconds to wait before each retry of a message the mail server did not take; one more
# attempt than delays, then the message has failed for good.
NEWSROOM_MAIL_RETRY_DELAYS = [
    int(value)
    for value in env_list("NEWSROOM_MAIL_RETRY_DELAYS", ["60", "300", "900", "3600", "10800"])
]
# A message claimed for sending longer than this was lost with its worker; sent again.
NEWSROOM_MAIL_LEASE_SECONDS = int(
    os.environ.get("NEWSROOM_MAIL_LEASE_SECONDS", str(max(120, 4 * EMAIL_TIMEOUT)))
)
NEWSROOM_TASK_RESULT_DAYS = int(os.environ.get("NEWSROOM_TASK_RESULT_DAYS", "14"))
NEWSROOM_OUTBOX_KEEP_DAYS = int(os.environ.get("NEWSROOM_OUTBOX_KEEP_DAYS", "90"))

# --- Production runtime (issue 11) ----------------------------------------------
# HTTPS is terminated by nginx or a balancer in front, which says so in X-Forwarded-Proto
# (deploy/nginx/newsroom.conf sets it; never trust it without such a proxy). NEWSROOM_HTTPS=0
# is for a plain-HTTP trial on loopback only (`make run-prod`): no redirect to https, no
# Secure cookies, no HSTS; `check --deploy` then rightly warns.
NEWSROOM_HTTPS = env_bool("NEWSROOM_HTTPS", PRODUCTION)
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", NEWSROOM_HTTPS)
    # A balancer probes the app servers over plain HTTP, by address.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SESSION_COOKIE_SECURE = NEWSROOM_HTTPS
    CSRF_COOKIE_SECURE = NEWSROOM_HTTPS
    # A year, the subdomains too; preloading is an irrevocable choice left to the operator.
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) * NEWSROOM_HTTPS
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Newsroom -----------------------------------------------------------------
# Nobody approves their own submission; superusers included unless turned off.
NEWSROOM_FOUR_EYES = env_bool("NEWSROOM_FOUR_EYES", True)
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Ditjen Pendidikan Vokasi")
NEWSROOM_PUBLISHER_NAME = os.environ.get(
    "NEWSROOM_PUBLISHER_NAME", "Direktorat Jenderal Pendidikan Vokasi"
)
# django-anymail reads ANYMAIL_<PROVIDER>_<NAME> (API keys, webhook signing keys) and
# ANYMAIL_WEBHOOK_SECRET ("user:password" for the webhooks' basic auth) from the environment.
ANYMAIL = {
    name[len("ANYMAIL_") :]: value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_")
}
# The mailto address in subscribers' List-Unsubscribe (default unsubscribe@<SITE_URL host>);
# the provider posts mail to it to /anymail/<provider>/inbound/ (docs/deploy.md).
NEWSROOM_UNSUBSCRIBE_MAILBOX = os.environ.get("NEWSROOM_UNSUBSCRIBE_MAILBOX", "")
# Subscribers per alert or digest task: each task's work is bounded, whatever the audience.
NEWSROOM_SUBSCRIBER_BATCH = int(os.environ.get("NEWSROOM_SUBSCRIBER_BATCH", "500"))
# Soft bounces within 30 days before an address is suppressed for bulk mail.
NEWSROOM_SOFT_BOUNCE_LIMIT = int(os.environ.get("NEWSROOM_SOFT_BOUNCE_LIMIT", "3"))
# The institution's postal address: the privacy page and every mail to readers name it.
NEWSROOM_PUBLISHER_ADDRESS = os.environ.get(
    "NEWSROOM_PUBLISHER_ADDRESS",
    "Gedung E, Jalan Jenderal Sudirman, Senayan, Jakarta 10270",
)
NEWSROOM_IMAGE_MAX_BYTES = int(os.environ.get("NEWSROOM_IMAGE_MAX_BYTES", str(15 * 1024 * 1024)))
NEWSROOM_IMAGE_MAX_PIXELS = int(os.environ.get("NEWSROOM_IMAGE_MAX_PIXELS", str(60_000_000)))
NEWSROOM_SHARE_LINK_DAYS = int(os.environ.get("NEWSROOM_SHARE_LINK_DAYS", "7"))
# Whether every worker reads one cache: Redis, or the one process of development. Only then
# is the content generation one for all, and with it what is kept under it (whole pages,
# newsroom/pagecache.py; long lists' counts and the sitemaps' dates, `freshness.kept`).
# Memory of its own in each of several production workers would keep a change made in one
# from ever reaching the others.
NEWSROOM_SHARED_CACHE = bool(REDIS_URL) or not PRODUCTION
# Whole public responses cached under the content generation.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", NEWSROOM_SHARED_CACHE)
# How long browsers, the nginx micro-cache and a CDN may reuse a public page, feed,
# calendar or sitemap unasked. A withdrawal (often a legal takedown), an embargo lift or a
# scheduled time must reach readers through every cache within 2 s (docs/caching.md):
# nginx counts whole seconds, so 1 s of freshness is at most 2 s of age. Revalidating is
# cheap: the ETag is answered 304 from the page cache without running the view.
NEWSROOM_PAGE_MAX_AGE = int(os.environ.get("NEWSROOM_PAGE_MAX_AGE", "1"))

# --- Reach (issue 26) -------------------------------------------------------------
# The cookie-less view counter: a first-party beacon posts here after each public page
# loads (its middleware is listed in MIDDLEWARE). Counts need a cache every worker shares
# (Redis in production); NEWSROOM_REACH=0 removes the beacon from pages and stops counting.
NEWSROOM_REACH = env_bool("NEWSROOM_REACH", NEWSROOM_SHARED_CACHE)
NEWSROOM_REACH_BEACON_PATH = "/r"
# The deployed WSGI application answers the beacon with this, before Django's handler
# (newsroom/pagefront.py); empty: the middleware answers it.
NEWSROOM_REACH_BEACON_WSGI = "outreach.reach.beacon.answer_wsgi"
# "Dilihat N kali" under each article (off by default). Behind the page cache the number
# shown may be as old as a cached copy (up to the content generation's next change or
# NEWSROOM_PAGE_MAX_AGE in browsers and nginx), and it moves once a minute at most.
NEWSROOM_REACH_SHOW_VIEWS = env_bool("NEWSROOM_REACH_SHOW_VIEWS", False)

# Topics typed in the admin: comma-separated, shown back without quotes.
TAGGIT_TAGS_FROM_STRING = "articles.models.topics.tags_from_string"
TAGGIT_STRING_FROM_TAGS = "articles.models.topics.string_from_tags"

# Production: one JSON object per line on stdout (newsroom/logs.py), one line per request.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": RequestContextFilter}, "as_warning": {"()": AsWarning}},
    "formatters": {"json": {"()": json_formatter}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own default sends `django` records to a console handler of its own;
        # without this they would print twice, once there and once through the root.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # A form over the request limits is the writer's to shorten, not an operator's
        # alarm: newsroom.oversize answers it and logs a warning; Django logs ERROR.
        # Bots asking for the server's address by IP: Django logs each at ERROR.
        "django.security.DisallowedHost": {"filters": ["as_warning"]},
        **{
            f"django.security.{name}": {"level": "CRITICAL"}
            for name in ("RequestDataTooBig", "TooManyFieldsSent", "TooManyFilesSent")
        },
        # runserver prints its own request lines in development.
        "newsroom.requests": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
        # Each task's queued/running/done lines belong in production's JSON log; in the
        # terminal of `make run` the clock's every-minute jobs would bury the server's lines.
        # A task that fails is still printed (ERROR).
        "django_tasks": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}

# HSTS preload is a one-way listing in every browser; the operator opts in with
# SECURE_HSTS_PRELOAD=1 once the whole domain is HTTPS-only, not the software.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
