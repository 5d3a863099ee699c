"""Settings for Minutes Tracker, read from the environment.

With nothing set, the app runs in DEBUG on a SQLite file under ``var/``: the embedded default.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "true")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "config.apps.SecretariatAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # The built-in form templates, for FORM_RENDERER below.
    "django.forms",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "participants",
    "outbox",
    "minutes",
    "actions",
    "summaries",
    "search",
    "reports",
]
# The demo builder, the archive generator and the benchmark: for development machines and the
# test suite, never installed in production.
DEVTOOLS = envbool("DEVTOOLS", "true" if DEBUG else "false")
if DEVTOOLS:
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.RejectMalformedInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the session and the user: who reads lists as they settled (lib.readcache).
    "config.middleware.ReadYourWritesMiddleware",
    # After the session and the user: a signed-in user's chosen language comes first.
    "config.middleware.UserLocaleMiddleware",
    "config.middleware.NoStoreWhenSignedInMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "minutes.middleware.NoRoleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "participants.context_processors.role_flags",
                "config.context_processors.navigation",
                "outbox.context_processors.unread_notifications",
            ],
        },
    },
]

# Forms render with the templates above, so templates/ can override a widget's template (the
# admin's date and time boxes, its password summary); "django.forms" supplies the rest.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time: wait for the lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # PostgreSQL's JIT compiles a plan whose estimated cost is high (the search's visibility
    # subqueries over people and organisations) for seconds, to save milliseconds: off.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every worker process on the machine: counts, figures and rendered parts of lists
# (lib.readcache).
CACHES = {
    "default": {
        "BACKEND": "lib.filecache.FileCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
# How late a list showing action points may show another person's write (lib.readcache): each
# such list is built at most once in this many seconds however often progress is written. Your
# own writes show at once. 0: every write shows to everyone on the next request.
READCACHE_SETTLE_SECONDS = envint("READCACHE_SETTLE_SECONDS", "10")

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
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(60 * 60 * 12))
# Sessions live in the database and are read through the cache: a page reads its session
# without a query, and a session the cache lets go is read from the database again.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The client's address is read from X-Forwarded-For as written by this many trusted reverse
# proxies in front of gunicorn (0: no proxy, the socket's address). See config/client_ip.py.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "1")

# Login throttling (config/throttle.py): AXES_FAILURE_LIMIT failures lock one username from one
# address, LOGIN_ADDRESS_FAILURE_LIMIT failures across usernames lock the address; both for
# 15 minutes. The same username from another address is never locked.
AXES_HANDLER = "config.throttle.LoginThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "config.throttle.client_username"
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
LOGIN_ADDRESS_FAILURE_LIMIT = envint("LOGIN_ADDRESS_FAILURE_LIMIT", "20")
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Password-reset e-mails: per address and per e-mail, in a rolling window.
PASSWORD_RESET_ADDRESS_LIMIT = envint("PASSWORD_RESET_ADDRESS_LIMIT", "5")
PASSWORD_RESET_EMAIL_LIMIT = envint("PASSWORD_RESET_EMAIL_LIMIT", "3")
PASSWORD_RESET_WINDOW_SECONDS = envint("PASSWORD_RESET_WINDOW_SECONDS", "3600")

LANGUAGE_CODE = "en"
# The working languages of the body, each named in itself. The interface follows the user's
# choice (outbox.DeliveryPreference.language), else the browser's Accept-Language.
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language a visitor picks in the header is remembered by this browser for a year.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
# Dates and numbers follow the active language's format module (config/formats/<lang>).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads live outside the static root and are served by a view that checks access.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
MEDIA_URL = "/uploads/"
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024))
# Django refuses (400) a request body over this size before any view reads it; the proxy's
# client_max_body_size should match.
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
# Seconds the importer may spend reading one summary before it refuses it.
SUMMARY_PARSE_SECONDS = envint("SUMMARY_PARSE_SECONDS", "5")
# Uploads larger than this are streamed to a temporary file rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# No page needs a longer query string; longer ones are answered 400 (config/middleware.py).
MAX_QUERY_STRING_BYTES = envint("MAX_QUERY_STRING_BYTES", "8192")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "minutes@localhost")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Outgoing notifications: seconds before an unresponsive mail server counts as down, and the
# local hour after which the daily digests go out.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "10")
NOTIFICATION_DIGEST_HOUR = envint("NOTIFICATION_DIGEST_HOUR", "7")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "config.logredact.RedactSecretsFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
