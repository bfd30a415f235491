"""Django settings: the only module that reads the environment (DESIGN.md §3).

Every variable is listed in the README. Defaults give the embedded mode: SQLite under ``var/``,
Celery on kombu's SQLite transport, e-mail written to files, sandbox mode on.
"""

from __future__ import annotations

import os
from pathlib import Path

from celery.schedules import crontab

from aliexpress_magento.config_checks import (
    ConfigError,
    check_broker_url,
    load_or_create_fernet_key,
    load_or_create_secret_key,
    parse_bool,
    parse_choice,
    parse_database_url,
    parse_fernet_keys,
    parse_int,
    parse_list,
    parse_proxy_ssl_header,
    parse_public_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = parse_bool("DEBUG", os.environ.get("DEBUG", "false"))
SECRET_KEY = os.environ.get("SECRET_KEY") or load_or_create_secret_key(VAR_DIR / "secret_key")
# Account secrets (app secret, tokens, Magento credentials) are encrypted with the first key; all decrypt.
FIELD_ENCRYPTION_KEYS = parse_fernet_keys(
    "FIELD_ENCRYPTION_KEYS",
    os.environ.get("FIELD_ENCRYPTION_KEYS") or load_or_create_fernet_key(VAR_DIR / "field_encryption_key"),
)
ALLOWED_HOSTS = parse_list(os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost"))
CSRF_TRUSTED_ORIGINS = parse_list(os.environ.get("CSRF_TRUSTED_ORIGINS", ""))
# Where browsers reach the console; the OAuth redirect URI is built from it (else from each request).
PUBLIC_URL = parse_public_url("PUBLIC_URL", os.environ.get("PUBLIC_URL", ""))
# Served over https (PUBLIC_URL says so): cookies only over TLS, http redirected, HSTS. Left off for the
# local http default (scripts/run on 127.0.0.1), where secure cookies would make logging in impossible.
HTTPS = PUBLIC_URL.startswith("https://")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = parse_bool("SECURE_SSL_REDIRECT", os.environ.get("SECURE_SSL_REDIRECT", str(HTTPS)))
# Behind a proxy that ends TLS, requests arrive as http: without this header they would redirect forever.
SECURE_PROXY_SSL_HEADER = parse_proxy_ssl_header(
    "SECURE_PROXY_SSL_HEADER", os.environ.get("SECURE_PROXY_SSL_HEADER", "")
)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer probes the health page over plain http
SECURE_HSTS_SECONDS = parse_int(
    "SECURE_HSTS_SECONDS",
    os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"),
    minimum=0,
    maximum=2 * 31536000,
)
# Subdomains of the console's own host; "preload" only counts once the apex domain is submitted.
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
# Sandbox mode runs the product against the offline emulators and opens their control endpoints.
SANDBOX_MODE = parse_bool("SANDBOX_MODE", os.environ.get("SANDBOX_MODE", "true"))

INSTALLED_APPS = [
    "aliexpress_magento.console.apps.ConnectorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "aliexpress_magento.console",
    "aliexpress_magento.activity",
    "aliexpress_magento.accounts",
    "aliexpress_magento.jobs",
    "aliexpress_magento.profiles",
    "aliexpress_magento.catalog",
    "aliexpress_magento.listings",
    "aliexpress_magento.feeds",
    "aliexpress_magento.orders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view is marked @login_not_required (the login page, health).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "aliexpress_magento.urls"
WSGI_APPLICATION = "aliexpress_magento.wsgi.application"
LOGIN_URL = "admin:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "aliexpress_magento" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": parse_database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'aliexpress_magento.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write to one file: WAL lets readers go on during a write,
    # IMMEDIATE takes the write lock at BEGIN so two writers queue instead of failing mid-transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Tests use a file, not memory, so a real worker process can share the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_aliexpress_magento.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# Everything is stored and computed in UTC; the AliExpress order windows convert to US Pacific at the edge.
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["aliexpress_magento.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Not the manifest variant: pages must render before (or without) collectstatic, as in tests.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Without collectstatic (tests, DEBUG) whitenoise serves straight from the apps' static folders.
WHITENOISE_USE_FINDERS = True

# E-mail: files under var/mail/ unless an SMTP host is given.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = parse_int("EMAIL_PORT", os.environ.get("EMAIL_PORT", "587"), minimum=1, maximum=65535)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = parse_bool("EMAIL_USE_TLS", os.environ.get("EMAIL_USE_TLS", "true"))
    EMAIL_USE_SSL = parse_bool("EMAIL_USE_SSL", os.environ.get("EMAIL_USE_SSL", "false"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "connector@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. The embedded default keeps the broker in a SQLite file next to the database.
CELERY_BROKER_URL = check_broker_url(
    os.environ.get("CELERY_BROKER_URL", f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}")
)
# JobRun rows are the results a merchant reads; Celery's own result store is not needed.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 60 * 60
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if CELERY_BROKER_URL.startswith(("redis", "rediss", "sentinel")):
    # A task still running past the visibility timeout would be handed to a second worker.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * CELERY_TASK_TIME_LIMIT}
# Per-account job locks (README "Per-account locks"): database rows, or Redis keys on
# JOB_LOCKS_REDIS_URL (by default the broker, when it is Redis).
JOB_LOCKS = parse_choice("JOB_LOCKS", os.environ.get("JOB_LOCKS", "database"), ("database", "redis"))
JOB_LOCKS_REDIS_URL = os.environ.get("JOB_LOCKS_REDIS_URL", "") or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis", "rediss")) else ""
)
if JOB_LOCKS == "redis" and not JOB_LOCKS_REDIS_URL:
    raise ConfigError("JOB_LOCKS=redis: set JOB_LOCKS_REDIS_URL (or a Redis CELERY_BROKER_URL)")
# Each account's call budget (calls per second, daily quota) is shared by every worker through Redis
# when the broker is Redis (or this names another one); otherwise each process keeps its own.
CALL_BUDGET_REDIS_URL = os.environ.get(
    "CALL_BUDGET_REDIS_URL",
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else "",
)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "log-retention": {"task": "activity.purge_old_logs", "schedule": crontab(hour=3, minute=17)},
    "stale-job-runs": {"task": "activity.close_stale_runs", "schedule": crontab(minute="*/15")},
    # Each account's own jobs (Cron Settings, token refresh) are queued by this tick when due.
    "account-jobs": {"task": "accounts.schedule_tick", "schedule": 60.0},
}

# Activity and cron logs older than this are removed by the daily log retention job.
LOG_RETENTION_DAYS = parse_int(
    "LOG_RETENTION_DAYS", os.environ.get("LOG_RETENTION_DAYS", "30"), minimum=1, maximum=3650
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO").upper()},
    # httpx logs every request URL at INFO; URLs may carry tokens. The account's debug mode logs the
    # traffic itself, redacted (aliexpress_magento.api).
    "loggers": {"httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}
