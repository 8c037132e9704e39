"""Django settings for ecobridge, read from environment variables.

Defaults give a working single-machine installation: an SQLite file and a
filesystem job queue under ``ECOBRIDGE_DATA_DIR``, no other service needed.
Every variable is documented in docs/configuration.md.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ecobridge.settings_env import env, env_bool, env_int, env_list

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env("ECOBRIDGE_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """Use SECRET_KEY when given; otherwise keep a generated key in the data directory."""
    given = env("SECRET_KEY")
    if given:
        return given
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "ecobridge.core",
    "ecobridge.directory",
    "ecobridge.cooperation",
    "ecobridge.events",
    "ecobridge.certification",
    "ecobridge.insights",
    "ecobridge.alerts",
    "ecobridge.portal",
    "ecobridge.backoffice",
    "ecobridge.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ecobridge.core.middleware.UserLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ecobridge.urls"
WSGI_APPLICATION = "ecobridge.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ecobridge.core.context_processors.ecobridge",
            ],
        },
    }
]

# Database: SQLite file by default, PostgreSQL (or any dj-database-url URL) in production.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'ecobridge.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the job worker write the same file: WAL mode, a busy timeout
    # and immediate write transactions avoid "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Languages of the user interface; user content may hold more (CONTENT_LANGUAGES).
LANGUAGE_CODE = env("LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English")), ("ko", _("Korean")), ("ru", _("Russian"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "UTC")

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static"))).resolve()
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media"))).resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 20 * 1024 * 1024)

# HTTPS hardening; ECOBRIDGE_HTTPS=true turns all of it on behind a TLS proxy.
HTTPS = env_bool("ECOBRIDGE_HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# E-mail: written to files under the data directory unless an SMTP host is set.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "ecobridge <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"

# Background jobs: Celery. With no broker configured, a filesystem queue under the data
# directory carries tasks to the worker process, so jobs still run outside the request.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "filesystem://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", 2)
# Periodic tasks (run `celery -A ecobridge beat` next to the worker).
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "certification-reminders": {
        "task": "ecobridge.certification.send_reminders",
        "schedule": 24 * 60 * 60,  # daily: supplement deadlines, overdue cases, expiry
    },
    "cooperation-reminders": {
        "task": "ecobridge.cooperation.send_reminders",
        "schedule": 24 * 60 * 60,  # daily: agreement expiry, overdue action items
    },
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue = DATA_DIR / "queue"
    for _sub in ("in", "processed", "control"):
        (_queue / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "in"),
        "data_folder_out": str(_queue / "in"),
        "processed_folder": str(_queue / "processed"),
        "control_folder": str(_queue / "control"),
        "store_processed": False,
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ecobridge.api.permissions.DirectoryPermission"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": env_int("API_PAGE_SIZE", 50),
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ecobridge API",
    "DESCRIPTION": "Directory, cooperation, events, matching and certification data.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One schema name per shared choice set, so apps' "status"/"kind" enums do not collide.
    "ENUM_NAME_OVERRIDES": {
        "CertificationCaseStatusEnum": "ecobridge.certification.models.CaseStatus",
        "CertificationSchemeKindEnum": "ecobridge.certification.models.SchemeKind",
        "CertificationDocumentKindEnum": "ecobridge.certification.models.DocumentKind",
        "CertificationStageEnum": "ecobridge.certification.models.Stage",
        "DatePrecisionEnum": "ecobridge.cooperation.models.DatePrecision",
        "AgreementStatusEnum": "ecobridge.cooperation.models.AgreementStatus",
        "ActionStatusEnum": "ecobridge.cooperation.models.ActionStatus",
        "ActivityStatusEnum": "ecobridge.cooperation.models.ActivityStatus",
        "StageStatusEnum": "ecobridge.cooperation.models.StageStatus",
        "JobStatusEnum": "ecobridge.core.models.JobStatus",
        "NeedStatusEnum": "ecobridge.directory.models.NeedStatus",
        "RegistrationStatusEnum": "ecobridge.events.models.RegistrationStatus",
        "MeetingRequestStatusEnum": "ecobridge.events.models.RequestStatus",
        "MeetingStatusEnum": "ecobridge.events.models.MeetingStatus",
        "FollowUpStatusEnum": "ecobridge.events.models.FollowUpStatus",
    },
}

# Matching engine: index location, on/off, and re-indexing on every save.
MATCHING_ENABLED = env_bool("MATCHING_ENABLED", True)
MATCHING_AUTO_INDEX = env_bool("MATCHING_AUTO_INDEX", True)
MATCHING_INDEX_DIR = Path(env("MATCHING_INDEX_DIR", str(DATA_DIR / "match-index"))).resolve()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
