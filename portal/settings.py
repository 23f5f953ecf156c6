"""Settings for the climate partnership portal.

One module, configured only through environment variables (see README). The defaults are production's: debug is off
and a secret key is required. `make run` and the tests turn debug on for themselves (DJANGO_DEBUG=1), and with it
every other default works on a developer's machine with SQLite; production secrets have no default.
"""

import hashlib
import importlib.util
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import (
    env_bool,
    env_database,
    env_date,
    env_float,
    env_int,
    env_list,
    env_redis_url,
    env_storage,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# Off unless asked for: a forgotten variable in production must not show debug pages or use the public key below.
DEBUG = env_bool("DJANGO_DEBUG", False)

# Commands that only read the code (no request is served, nothing is signed) run without a key, so that
# `manage.py makemigrations --check` works in a bare environment; the key stays empty, and Django refuses anything
# that would read it.
KEYLESS_COMMANDS = {"makemigrations", "makemessages", "compilemessages"}

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    keyless = Path(sys.argv[0]).name == "manage.py" and len(sys.argv) > 1 and sys.argv[1] in KEYLESS_COMMANDS
    if not DEBUG and not keyless:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (its default); "
            "on a developer's machine, set DJANGO_DEBUG=1 instead."
        )
    if DEBUG:
        SECRET_KEY = "insecure-local-development-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "portal",
    "partnerships.review",
    "partnerships",
    "partnerships.cooperation",
    "initiatives",
    "practices",
    "partnerships.climate",
    "partnerships.announcements",
    "portal.news",
    "portal.admin_site.PortalAdminConfig",  # django.contrib.admin, with "View on site" on SITE_URL
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
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "csp",
    "simple_history",
    "import_export",
    "post_office",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.lib.page_cache.PageCacheMiddleware",  # anonymous public pages from the cache: before the session
    "portal.middleware.DatabaseOutageMiddleware",  # before anything that reads the database
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.StaffIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "portal.middleware.StaffTwoFactorMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "portal.context_processors.site",
            ],
        },
    },
]

# Database: PostgreSQL in production, SQLite in the project folder when DATABASE_URL is absent.
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A writing transaction takes SQLite's write lock when it begins, so two requests that read, then write (a
    # sign-up counting the places left) wait for each other instead of failing with "database is locked"; on
    # PostgreSQL select_for_update does that. Tests use a file too, so that their threads share those locks: one
    # per test process, in the system's temporary folder, so that two test runs never share a database.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"climate-portal-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared between processes, so rate limits hold under several gunicorn workers.
REDIS_URL = env_redis_url("REDIS_URL")
# Anonymous visitors' pages (portal/lib/page_cache.py) have a cache alias of their own: in the database, a table of
# their own, so that culling it never removes a rate-limit counter; in Redis, keys that always expire (see README).
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "p"},
    }
else:
    # The database cache with an atomic incr for the rate limits (see portal/lib/cache.py).
    CACHES = {
        "default": {"BACKEND": "portal.lib.cache.DatabaseCache", "LOCATION": "portal_cache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_page_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# Anonymous visitors' public pages are kept this many seconds in that cache (0: not at all). Changes by staff show at
# once whatever this is (portal/lib/page_cache.py); it bounds the memory, and how late a page follows the clock alone.
# Off by default with debug on, so that a developer's edited template shows at once (the tests turn it on).
PAGE_CACHE_SECONDS = env_int("PORTAL_PAGE_CACHE_SECONDS", 0 if DEBUG else 60)

AUTH_USER_MODEL = "portal.User"
# Django's and allauth's backends, each loading the user with their membership and company in one query.
AUTHENTICATION_BACKENDS = [
    "portal.auth_backends.PortalModelBackend",
    "portal.auth_backends.PortalAllauthBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "partnerships:dashboard"
SITE_ID = 1

# django-allauth: the e-mail address is the login, and it must be confirmed.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupConsentForm"
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Klimat Kraków] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Klimat Kraków"
# Staff must set up two-factor authentication before they may use the admin, unless DJANGO_STAFF_REQUIRE_2FA=0 (the
# demo and the tests say so: their staff have no authenticator app).
STAFF_REQUIRE_2FA = env_bool("DJANGO_STAFF_REQUIRE_2FA", True)
# Staff are signed out after this many seconds without a request: a working day. Everybody else keeps the session
# for SESSION_COOKIE_AGE (two weeks).
STAFF_IDLE_TIMEOUT = env_int("DJANGO_STAFF_IDLE_TIMEOUT", 8 * 60 * 60)

# Internationalisation: Polish first, English second.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in each language as people there write them (portal/formats: English is not American here).
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

# Static files: the site's own and the packages' (Bootstrap, Leaflet), hashed and compressed by WhiteNoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Leaflet comes from the django-leaflet package; only its static files are used (the app itself needs GeoDjango).
_LEAFLET_STATIC = Path(importlib.util.find_spec("leaflet").submodule_search_locations[0]) / "static"
STATICFILES_DIRS = [BASE_DIR / "static", _LEAFLET_STATIC]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploads (logos, practice photos and their thumbnails) and the built catalogue: an S3-compatible bucket when
# DJANGO_STORAGE_URL names one, so that any number of app servers share them; the local folder otherwise.
MEDIA_STORAGE = env_storage("DJANGO_STORAGE_URL")
STORAGES = {
    "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": MEDIA_STORAGE["options"]}
    if MEDIA_STORAGE
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Evidence attached to climate reports (bills, certificates) is private: it is never under /media/, and the portal
    # streams each file only to the company's members and to staff (partnerships.climate.views.evidence_file).
    "evidence": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**MEDIA_STORAGE["options"], "location": env_str("PORTAL_EVIDENCE_PREFIX", "evidence")},
    }
    if MEDIA_STORAGE
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env_str("DJANGO_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media"))},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("DJANGO_MANIFEST_STATIC", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads: a request body above this is refused before it reaches a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Invitations to join a company: how long a link works, how many one owner may send a day and how many may be
# open at once for one company (so the city's sender cannot be used to mail arbitrary addresses in bulk).
INVITATION_VALID_DAYS = env_int("PORTAL_INVITATION_VALID_DAYS", 14)
INVITATIONS_PER_OWNER_PER_DAY = env_int("PORTAL_INVITATIONS_PER_OWNER_PER_DAY", 10)
INVITATIONS_OPEN_PER_COMPANY = env_int("PORTAL_INVITATIONS_OPEN_PER_COMPANY", 20)
UPLOAD_MAX_BYTES = env_int("PORTAL_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
UPLOAD_MAX_PIXELS = env_int("PORTAL_UPLOAD_MAX_PIXELS", 40_000_000)

# The change history (django-simple-history) is for reading: no "Revert" to an old version, which would bypass the
# review workflow (partnerships.review.admin.ReviewAdmin also refuses the POST the button would send).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Staff exports escape spreadsheet formulae in portal/lib/spreadsheets.py. django-import-export's own setting for it,
# IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT, stays off: portal/lib/spreadsheets.py says why.

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail. Every message, the portal's own and Django's and allauth's, goes into a queue in the database
# (django-post-office) in the same transaction as the change it tells of (portal.lib.mail.QueueBackend), and the
# worker, `manage.py deliver_mail`, delivers it: over SMTP when EMAIL_HOST is set, printed to its console otherwise.
EMAIL_BACKEND = "portal.lib.mail.QueueBackend"
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Seconds the worker waits for the SMTP server before that attempt counts as failed (and is retried).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_DELIVERY_BACKEND},
    # A message that fails is tried again MAX_RETRIES times, the waits doubling from RETRY_INTERVAL (5, 10, 20…
    # minutes: 8 retries span about 21 hours); then it stays in the queue as failed, for staff to see in the admin.
    "MAX_RETRIES": env_int("PORTAL_MAIL_MAX_RETRIES", 8),
    "RETRY_INTERVAL": timedelta(minutes=env_int("PORTAL_MAIL_RETRY_MINUTES", 5)),
    "LOG_LEVEL": 2,  # every attempt, sent or failed, is logged on the message
    "THREADS_PER_PROCESS": 1,  # one SMTP connection: the portal sends tens of messages, not thousands
}
# One worker delivers at a time: a second run started while one is busy (cron every minute) stops at once. The
# lock is a file on this machine, named after the database, so run the worker on one machine only.
MAIL_QUEUE_LOCK_FILE = env_str(
    "PORTAL_MAIL_LOCK_FILE",
    str(
        Path(tempfile.gettempdir())
        / f"climate-portal-mail-{hashlib.sha256(str(DATABASES['default']['NAME']).encode()).hexdigest()[:12]}"
    ),
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Klimat Kraków <klimat@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. No inline script or style; a nonce where a script must be inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # The uploads' own origin when they live in a bucket (DJANGO_STORAGE_URL): pages show its URLs.
        "img-src": [SELF, "data:", *([MEDIA_STORAGE["origin"]] if MEDIA_STORAGE else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The map's tiles come from this server, and only after the visitor asks for the map.
MAP_TILE_URL = env_str("PORTAL_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
# Behind exactly one reverse proxy (DJANGO_BEHIND_PROXY=1), which terminates TLS, sets X-Forwarded-Proto and appends
# the client's address to X-Forwarded-For. Only that last address is the proxy's word: anything left of it came from
# the client. allauth's rate limits, the portal's own (portal.lib.http.client_ip) and the security log all use it.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if BEHIND_PROXY else 0
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is the city's decision, not the application's.

# Bike campaigns: CO2 avoided per kilometre ridden instead of driven. 129 g/km is the factor the Czech national
# bike-to-work challenge uses for an average passenger car; the results page states it.
BIKE_CO2_GRAMS_PER_KM = env_float("PORTAL_BIKE_CO2_GRAMS_PER_KM", 129.0)
BIKE_CO2_SOURCE_NAME = env_str(
    "PORTAL_BIKE_CO2_SOURCE_NAME", "Do práce na kole (the Czech bike-to-work challenge), average passenger car"
)
BIKE_CO2_SOURCE_URL = env_str("PORTAL_BIKE_CO2_SOURCE_URL", "https://www.dopracenakole.cz/")
# Open data (/open-data/): the licence every file is published under and the publisher its catalogue names.
OPEN_DATA_LICENCE_NAME = env_str("PORTAL_OPEN_DATA_LICENCE_NAME", "CC BY 4.0")
OPEN_DATA_LICENCE_URL = env_str("PORTAL_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")
OPEN_DATA_PUBLISHER = env_str("PORTAL_OPEN_DATA_PUBLISHER", "Gmina Miejska Kraków")
# The read-only JSON API (/api/v1/): requests a minute one client address may make.
API_REQUESTS_PER_MINUTE = env_int("PORTAL_API_REQUESTS_PER_MINUTE", 60)
# A bike campaign's totals are published only when at least this many people rode in it (no smaller group).
BIKE_SMALLEST_PUBLIC_GROUP = env_int("PORTAL_BIKE_SMALLEST_PUBLIC_GROUP", 5)

# Climate Pact yearly reports (partnerships.climate): the report on calendar year Y opens on CLIMATE_REPORT_OPENS and
# is due on CLIMATE_REPORT_DUE of year Y+1 (month-day); reminders go 30 and 7 days before the due date and 1 day after.
CLIMATE_REPORT_OPENS = env_str("PORTAL_CLIMATE_REPORT_OPENS", "02-01")
CLIMATE_REPORT_DUE = env_str("PORTAL_CLIMATE_REPORT_DUE", "04-30")
# Evidence files one report may carry, each at most UPLOAD_MAX_BYTES.
CLIMATE_EVIDENCE_MAX_FILES = env_int("PORTAL_CLIMATE_EVIDENCE_MAX_FILES", 12)

# The security log (portal.security: sign-ins, failed sign-ins, refused access) goes to standard output with the rest
# of the log; it is not stored in the database. The privacy notice and the data download promise that the server's
# logs are kept this many days: the log rotation in production must keep them no longer (README, Production).
SECURITY_LOG_RETENTION_DAYS = env_int("PORTAL_SECURITY_LOG_RETENTION_DAYS", 180)
# How long the mail queue keeps a message (sent or failed) after it was queued; `manage.py cleanup_mail --days N`
# in cron removes older ones (README), as the privacy notice says.
MAIL_RETENTION_DAYS = env_int("PORTAL_MAIL_RETENTION_DAYS", 90)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security": {"level": "INFO"},
        "portal.security": {"level": "INFO"},
        # django-post-office adds a handler of its own unless its logger has one; its INFO lines come every run
        # of the worker, so only its warnings and errors (each failed delivery) are kept; portal.mail sums up.
        "post_office": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}

# Who the public pages name: the privacy notice (RODO) and the accessibility statement. The defaults are example
# e-mail addresses at example.org and a placeholder phone number, to be replaced by the city's real ones in production.
PORTAL_CONTROLLER_NAME = env_str("PORTAL_CONTROLLER_NAME", "Gmina Miejska Kraków")
PORTAL_CONTROLLER_ADDRESS = env_str("PORTAL_CONTROLLER_ADDRESS", "pl. Wszystkich Świętych 3-4, 31-004 Kraków")
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL", "klimat@example.org")
DPO_EMAIL = env_str("PORTAL_DPO_EMAIL", "iod@example.org")
ACCESSIBILITY_CONTACT_NAME = env_str("PORTAL_ACCESSIBILITY_CONTACT_NAME", "Koordynator do spraw dostępności")
ACCESSIBILITY_CONTACT_EMAIL = env_str("PORTAL_ACCESSIBILITY_CONTACT_EMAIL", "dostepnosc@example.org")
ACCESSIBILITY_CONTACT_PHONE = env_str("PORTAL_ACCESSIBILITY_CONTACT_PHONE", "+48 12 000 00 00")
# Dates of the accessibility statement (YYYY-MM-DD): the site's publication, its last significant update, when the
# statement was prepared and when it was last reviewed (the law asks for a review every year by 31 March).
ACCESSIBILITY_PUBLISHED = env_date("PORTAL_SITE_PUBLISHED", "2026-01-15")
ACCESSIBILITY_UPDATED = env_date("PORTAL_SITE_UPDATED", "2026-01-15")
ACCESSIBILITY_PREPARED = env_date("PORTAL_ACCESSIBILITY_PREPARED", "2026-01-15")
ACCESSIBILITY_REVIEWED = env_date("PORTAL_ACCESSIBILITY_REVIEWED", "2026-01-15")
