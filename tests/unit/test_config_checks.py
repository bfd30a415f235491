"""settings.py's validation of the environment: each bad value fails with one line naming its variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aliexpress_magento.config_checks import (
    ConfigError,
    check_broker_url,
    load_or_create_secret_key,
    parse_bool,
    parse_database_url,
    parse_int,
)

ROOT = Path(__file__).resolve().parents[2]


def test_sqlite_url_gives_the_sqlite_engine_and_file() -> None:
    config = parse_database_url("sqlite:////srv/app/db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/srv/app/db.sqlite3"


def test_postgres_url_gives_host_port_user_and_name() -> None:
    config = parse_database_url("postgres://shop:pw@db.internal:6543/connector")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["USER"], config["NAME"]) == (
        "db.internal",
        6543,
        "shop",
        "connector",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysqlx://h/db", "DATABASE_URL: unsupported scheme 'mysqlx' in 'mysqlx://h/db'"),
        ("just-a-word", "DATABASE_URL: unsupported scheme '(none)' in 'just-a-word'"),
        ("postgres://u:secret@h/", "DATABASE_URL: no database name in 'postgres://u:***@h/'"),
    ],
)
def test_bad_database_url_names_the_variable_and_hides_the_password(url: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_database_url(url)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "url", ["redis://127.0.0.1:6379/0", "sqla+sqlite:////tmp/broker.sqlite3", "amqp://guest:guest@mq:5672//"]
)
def test_good_broker_urls_pass(url: str) -> None:
    assert check_broker_url(url) == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("kafka://h:9092", "CELERY_BROKER_URL: unsupported scheme 'kafka'"),
        ("redis://h:notaport/0", "CELERY_BROKER_URL: Port could not be cast to integer value as 'notaport'"),
        ("redis:///0", "CELERY_BROKER_URL: no host in 'redis:///0'"),
        ("sqla+sqlite://", "CELERY_BROKER_URL: no SQLite file path"),
    ],
)
def test_bad_broker_url_names_the_variable(url: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_broker_url(url)
    assert str(caught.value).startswith(message)


def test_booleans_accept_the_usual_words_and_refuse_the_rest() -> None:
    assert [parse_bool("DEBUG", v) for v in ("1", "yes", "TRUE", "0", "no", "")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    with pytest.raises(ConfigError, match=r"^DEBUG: expected true or false, got 'maybe'$"):
        parse_bool("DEBUG", "maybe")


def test_integers_are_range_checked() -> None:
    assert parse_int("EMAIL_PORT", "25", minimum=1, maximum=65535) == 25
    with pytest.raises(ConfigError, match=r"^EMAIL_PORT: 70000 is outside 1\.\.65535$"):
        parse_int("EMAIL_PORT", "70000", minimum=1, maximum=65535)
    with pytest.raises(ConfigError, match=r"^LOG_RETENTION_DAYS: expected a whole number, got 'ten'$"):
        parse_int("LOG_RETENTION_DAYS", "ten", minimum=1, maximum=10)


def test_secret_key_is_generated_once_then_kept(tmp_path: Path) -> None:
    key_file = tmp_path / "var" / "secret_key"
    first = load_or_create_secret_key(key_file)
    assert len(first) >= 50
    assert load_or_create_secret_key(key_file) == first
    assert key_file.stat().st_mode & 0o777 == 0o600


def _clean_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    # DJANGO_ALLOW_ASYNC_UNSAFE: the browser tests' conftest sets it in this process; no deployment does.
    dropped = ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    return {**env, "VAR_DIR": str(tmp_path), **overrides}


@pytest.mark.parametrize(
    ("command", "variable", "value"),
    [
        (["manage.py", "check"], "DATABASE_URL", "nosuchdb://x/y"),
        (["manage.py", "check"], "CELERY_BROKER_URL", "redis://"),
        (["-m", "celery", "-A", "aliexpress_magento.celery", "worker"], "DATABASE_URL", "nosuchdb://x/y"),
        (["-m", "celery", "-A", "aliexpress_magento.celery", "worker"], "CELERY_BROKER_URL", "kafka://h"),
    ],
)
def test_a_malformed_url_stops_the_service_with_one_line(
    tmp_path: Path, command: list[str], variable: str, value: str
) -> None:
    done = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=_clean_env(tmp_path, **{variable: value}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"configuration error: {variable}: ")


def test_fernet_keys_are_checked_without_printing_them(tmp_path: Path) -> None:
    from aliexpress_magento.config_checks import load_or_create_fernet_key, parse_fernet_keys

    made = load_or_create_fernet_key(tmp_path / "field_encryption_key")
    assert load_or_create_fernet_key(tmp_path / "field_encryption_key") == made  # kept, not replaced
    assert (tmp_path / "field_encryption_key").stat().st_mode & 0o777 == 0o600
    assert parse_fernet_keys("FIELD_ENCRYPTION_KEYS", f" {made} ,") == [made]
    with pytest.raises(ConfigError) as error:
        parse_fernet_keys("FIELD_ENCRYPTION_KEYS", f"{made},not-a-key-at-all")
    assert str(error.value) == "FIELD_ENCRYPTION_KEYS: key 2 is not a Fernet key (urlsafe base64 of 32 bytes)"
    with pytest.raises(ConfigError, match="FIELD_ENCRYPTION_KEYS: no key given"):
        parse_fernet_keys("FIELD_ENCRYPTION_KEYS", " , ")


def test_public_url_is_an_http_address_without_query() -> None:
    from aliexpress_magento.config_checks import parse_public_url

    assert (
        parse_public_url("PUBLIC_URL", " https://connector.example.com/ ") == "https://connector.example.com"
    )
    assert parse_public_url("PUBLIC_URL", "") == ""
    with pytest.raises(ConfigError) as error:
        parse_public_url("PUBLIC_URL", "connector.example.com")
    assert str(error.value) == (
        "PUBLIC_URL: expected an http(s) URL such as https://connector.example.com, "
        "got 'connector.example.com'"
    )
    with pytest.raises(ConfigError, match="no query or fragment"):
        parse_public_url("PUBLIC_URL", "https://c.example.com/?x=1")


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_clean_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION = {
    "DEBUG": "false",
    "PUBLIC_URL": "https://connector.example.com",
    "ALLOWED_HOSTS": "connector.example.com",
    "SECRET_KEY": "k3" + "Zq8-vX_p2Lr7Tw9Yb4Nc6Md1Fh5Js0Gk" * 2,
}


def test_check_deploy_is_clean_in_the_production_configuration(tmp_path: Path) -> None:
    done = _run(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced)."


def test_the_local_http_default_keeps_cookies_usable_over_http(tmp_path: Path) -> None:
    show = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)"
    )
    local = _run(tmp_path, "shell", "-c", show, PUBLIC_URL="http://127.0.0.1:8000")
    assert local.stdout.splitlines()[-1] == "False False False 0 None", local.stderr
    behind_proxy = _run(
        tmp_path, "shell", "-c", show, **PRODUCTION, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto"
    )
    assert behind_proxy.stdout.splitlines()[-1] == (
        "True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_the_proxy_ssl_header_is_a_header_name() -> None:
    from aliexpress_magento.config_checks import parse_proxy_ssl_header

    assert parse_proxy_ssl_header("SECURE_PROXY_SSL_HEADER", " ") is None
    with pytest.raises(ConfigError) as error:
        parse_proxy_ssl_header("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https")
    assert str(error.value) == (
        "SECURE_PROXY_SSL_HEADER: expected a header name such as X-Forwarded-Proto, "
        "got 'X-Forwarded-Proto: https'"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"JOB_LOCKS": "redix"}, "JOB_LOCKS: expected one of database, redis, got 'redix'"),
        ({"JOB_LOCKS": "redis"}, "JOB_LOCKS=redis: set JOB_LOCKS_REDIS_URL (or a Redis CELERY_BROKER_URL)"),
    ],
)
def test_the_job_lock_kind_is_checked(tmp_path: Path, extra: dict[str, str], message: str) -> None:
    done = _run(tmp_path, "check", **extra)
    assert (done.returncode, done.stderr.strip()) == (2, f"configuration error: {message}")
