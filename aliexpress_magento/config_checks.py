"""Validation of the environment values settings.py reads.

Kept apart from settings.py so the rules are plain functions with tests; every error names the
variable and the problem in one line, because that line is what a merchant sees when the service
refuses to start.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


class ConfigError(ImproperlyConfigured):
    """A setting from the environment is unusable; the message is one line."""


DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")
BROKER_SCHEMES = (
    "sqla+sqlite",
    "sqla+postgresql",
    "redis",
    "rediss",
    "sentinel",
    "amqp",
    "amqps",
    "pyamqp",
    "memory",
)


def parse_database_url(value: str) -> dict[str, Any]:
    """Return Django's DATABASES entry for ``value`` or raise ConfigError naming DATABASE_URL."""
    scheme = urlsplit(value).scheme
    if scheme not in DATABASE_SCHEMES:
        raise ConfigError(
            f"DATABASE_URL: unsupported scheme {scheme or '(none)'!r} in {_redact(value)!r}; "
            f"expected one of {', '.join(DATABASE_SCHEMES)}"
        )
    try:
        config = dict(dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True))
    except ValueError as exc:
        raise ConfigError(f"DATABASE_URL: {exc} in {_redact(value)!r}") from exc
    if not config.get("NAME"):
        raise ConfigError(f"DATABASE_URL: no database name in {_redact(value)!r}")
    return config


def parse_public_url(name: str, value: str) -> str:
    """The console's address as browsers reach it (``https://connector.example.com``), or empty."""
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"{name}: expected an http(s) URL such as https://connector.example.com, got {value!r}"
        )
    if parts.query or parts.fragment:
        raise ConfigError(f"{name}: no query or fragment allowed, got {value!r}")
    return value


_HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")


def parse_proxy_ssl_header(name: str, value: str) -> tuple[str, str] | None:
    """``X-Forwarded-Proto`` → Django's ``("HTTP_X_FORWARDED_PROTO", "https")``: the header the TLS proxy
    in front sets to ``https``; trust it only behind a proxy that overwrites it. Empty: no proxy."""
    value = value.strip()
    if not value:
        return None
    if not _HEADER_NAME.match(value):
        raise ConfigError(f"{name}: expected a header name such as X-Forwarded-Proto, got {value!r}")
    return "HTTP_" + value.upper().replace("-", "_"), "https"


def check_broker_url(value: str) -> str:
    """Return ``value`` when Celery can use it as a broker, else raise ConfigError naming the variable."""
    parts = urlsplit(value)
    if parts.scheme not in BROKER_SCHEMES:
        raise ConfigError(
            f"CELERY_BROKER_URL: unsupported scheme {parts.scheme or '(none)'!r} in {_redact(value)!r}; "
            f"expected one of {', '.join(BROKER_SCHEMES)}"
        )
    try:
        _ = parts.port  # urllib raises ValueError for a non-numeric or out-of-range port
    except ValueError as exc:
        raise ConfigError(f"CELERY_BROKER_URL: {exc} in {_redact(value)!r}") from exc
    if parts.scheme.startswith("sqla+sqlite"):
        if not parts.path.strip("/"):
            raise ConfigError(f"CELERY_BROKER_URL: no SQLite file path in {_redact(value)!r}")
    elif parts.scheme != "memory" and not parts.hostname:
        raise ConfigError(f"CELERY_BROKER_URL: no host in {_redact(value)!r}")
    return value


def parse_bool(name: str, value: str) -> bool:
    """Read a yes/no environment value; anything unexpected is an error, not a silent False."""
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{name}: expected true or false, got {value!r}")


def parse_int(name: str, value: str, *, minimum: int, maximum: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name}: expected a whole number, got {value!r}") from None
    if not minimum <= number <= maximum:
        raise ConfigError(f"{name}: {number} is outside {minimum}..{maximum}")
    return number


def parse_choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ConfigError(f"{name}: expected one of {', '.join(choices)}, got {value!r}")
    return value


def parse_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def load_or_create_secret_key(path: Path) -> str:
    """The key given once is kept: sessions and encrypted fields survive restarts."""
    if path.exists():
        key = path.read_text().strip()
        if key:
            return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.touch(mode=0o600)
    path.write_text(key + "\n")
    return key


def parse_fernet_keys(name: str, value: str) -> list[str]:
    """Comma-separated Fernet keys (urlsafe base64 of 32 bytes), newest first. Only the position of
    a bad key is named: the line may be logged, the key must not be."""
    keys = parse_list(value)
    if not keys:
        raise ConfigError(f"{name}: no key given")
    for position, key in enumerate(keys, start=1):
        try:
            raw = base64.urlsafe_b64decode(key.encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raw = b""
        if len(raw) != 32:
            raise ConfigError(f"{name}: key {position} is not a Fernet key (urlsafe base64 of 32 bytes)")
    return keys


def load_or_create_fernet_key(path: Path) -> str:
    """The key that encrypts account secrets, made once; losing it means entering the secrets again."""
    if path.exists():
        key = path.read_text().strip()
        if key:
            return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")
    path.touch(mode=0o600)
    path.write_text(key + "\n")
    return key


def _redact(url: str) -> str:
    """Hide the password of a URL so the error line can be logged safely."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url
