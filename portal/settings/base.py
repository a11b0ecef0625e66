"""Settings shared by every environment; every deployment knob is an environment variable.

Unset DATABASE_URL means the SQLite demo database under var/; unset REDIS_URL means Celery
runs eagerly and the cache lives in process memory (the one-command quickstart).
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE
from csp.constants import SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address in e-mails, PDFs, QR codes and feeds (portal/urls_abs.py). Without it, the
# local server's own: `make demo` passes PORT. Production requires it (settings/production.py).
SITE_URL = env("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "django_htmx",
    "template_partials",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "portal",
    "portal.moderation",
    "municipalities",
    "participation",
    "participation.lawmaking",
    "budgets",
    "monitoring",
    "practices",
    "practices.questions",
    "portal.history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After CSRF (which parses the body): a file the upload handler stopped reading is refused
    # by the form's own size check.
    "portal.uploads.UploadLimitMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in visitor's pages are private, no-store (it sees every answer below it).
    "portal.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.PrintVersionMiddleware",
    # Anonymous visitors refused by the permission gate go to the login page.
    "portal.permissions.LoginOnRefusalMiddleware",
    # Last, so it sees a view's exception first: the database away is a 503, not a 500.
    "portal.outage.DatabaseUnavailableMiddleware",
    # A rate limit no view turned into a form message answers the 429 page.
    "portal.ratelimit.RateLimitedMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "django.template.context_processors.i18n",
                "portal.context_processors.site_frame",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
# An empty DATABASE_URL counts as unset: the demo database.
DATABASE_URL = env("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'demo.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery ---------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "TIMEOUT": 300,
            # A cache that is down must not take public pages down with it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous pages are kept this many seconds (and dropped at once when content changes).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60 if REDIS_URL else 0)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXTENDED = True
CELERY_RESULT_EXPIRES = 60 * 60 * 24
# Acknowledge after the work is done, and put the task back if its worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
# With acks_late the broker re-delivers after the visibility timeout; it must exceed any task.
# A web request that queues a task must not wait on Redis more than about a second: the
# outbox (portal/outbox.py) keeps the task and its dispatcher sends it when Redis is back.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 60 * 60,
    "socket_connect_timeout": 1,
    "socket_timeout": 1,
    # A publisher gives up at the first refused connection (kombu would retry for ~2 s);
    # the worker's own reconnecting follows CELERY_BROKER_CONNECTION_MAX_RETRIES.
    "max_retries": 0,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY = False
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 1
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 1}}
# Sent rows are kept this many days, then deleted by the dispatcher (mails hold links).
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=7)
REPORT_TIME_LIMIT = env.int("REPORT_TIME_LIMIT", default=60)
# A report is rendered at most this many times in all (counted before each render starts);
# a failed one may be asked for again only after REPORT_RETRY_AFTER seconds, within that limit.
REPORT_MAX_ATTEMPTS = env.int("REPORT_MAX_ATTEMPTS", default=3)
REPORT_RETRY_AFTER = env.int("REPORT_RETRY_AFTER", default=15 * 60)
# Asking for reports, per visitor (account, or the browser's CSRF cookie) and per address:
# (uses, seconds).
REPORT_RATE_VISITOR = (env.int("REPORT_RATE_VISITOR", default=10), 10 * 60)
REPORT_RATE_ADDRESS = (env.int("REPORT_RATE_ADDRESS", default=100), 10 * 60)
CELERY_TIMEZONE = "Asia/Bishkek"
# The daily digest of followed municipalities and sections (portal/following.py), 07:00 Bishkek;
# budget uploads left unconfirmed for a week are dropped at night (budgets/services.py).
CELERY_BEAT_SCHEDULE = {
    "following-daily-digest": {
        "task": "portal.following_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    "budgets-purge-pending-imports": {
        "task": "budgets.purge_pending_imports",
        "schedule": crontab(hour=3, minute=30),
    },
    # Reports: files of withdrawn content removed, renders stuck "running" taken over.
    # The outbox: tasks the broker did not take when they were queued (portal/outbox.py).
    "outbox-dispatch": {
        "task": "portal.outbox_dispatch",
        "schedule": crontab(minute="*"),
    },
    "reports-sweep": {
        "task": "portal.reports_sweep",
        "schedule": crontab(minute="*/10"),
    },
}

# --- Accounts ----------------------------------------------------------------------------
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Failed sign-ins are throttled by portal.adapters (LOGIN_FAILED_LIMITS below), not by
# allauth's "login_failed", which counts per address alone and so locked out a whole office
# behind one municipal NAT. All sign-ins per address: generous for the same reason.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "",
    "login": env("LOGIN_RATE", default="300/m/ip"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# (failures, seconds) per kind of key: the person at the keyboard, the account from anywhere,
# the address (a ceiling one office's staff cannot reach together; a password spray can).
LOGIN_FAILED_LIMITS = {
    "pair": (env.int("LOGIN_FAILED_PER_ACCOUNT_AND_ADDRESS", default=5), 5 * 60),
    "account": (env.int("LOGIN_FAILED_PER_ACCOUNT", default=20), 15 * 60),
    "address": (env.int("LOGIN_FAILED_PER_ADDRESS", default=200), 5 * 60),
}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "ky"
LANGUAGES = [("ky", _("Kyrgyz")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our own ky/ru date and number formats (portal/formats/<lang>/formats.py): Django's Kyrgyz
# ones capitalise months in the nominative and use a decimal point.
FORMAT_MODULE_PATH = ["portal.formats"]
LANGUAGE_COOKIE_NAME = "lang"
USE_I18N = True
TIME_ZONE = "Asia/Bishkek"
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "ky"
MODELTRANSLATION_LANGUAGES = ("ky", "ru")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("ky", "ru")}

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads: a file over 2.5 MB goes to a temporary file, not memory; the form fields other than
# files may take 5 MB in all. The first handler stops reading a request whose file passes the
# largest size any form accepts (portal.uploads.UPLOAD_MAX_SIZE, 10 MB); the proxy in front
# refuses bodies over 12 MB (client_max_body_size, see docker-compose.yml) before Django.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "portal.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Set to an nginx "internal" location (e.g. /protected-media/) to let the proxy send uploaded
# files: the views check visibility and answer X-Accel-Redirect (portal/files.py, README).
FILES_ACCEL_REDIRECT_PREFIX = env("FILES_ACCEL_REDIRECT_PREFIX", default="")

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Seconds an SMTP connect or send may take; mail is sent by workers (through the outbox).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env.bool("HTTPS", default=False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Only our own script files; no inline script anywhere, so no nonce is needed and
        # a page can be cached for every visitor as it is.
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every rendering step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

PAGE_SIZE = 25

# Balance of participation: a group is judged (under- or over-represented, counted in the
# score) only when at least this many of its people were expected at the events shown.
PARTICIPATION_BALANCE_MIN_EXPECTED = env.int("BALANCE_MIN_EXPECTED", default=5)
