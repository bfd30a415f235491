"""Secrets at rest: encrypted with the first key, readable with any listed key, rotated by a command,
and a lost key reads as "not set" instead of breaking every page."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from aliexpress_magento.accounts import crypto
from aliexpress_magento.accounts.models import Account

from .conftest import APP_SECRET


def _raw_secret(account: Account) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app_secret FROM accounts_account WHERE id = %s", [account.pk])
        return str(cursor.fetchone()[0])


@pytest.fixture
def keys(settings):  # type: ignore[no-untyped-def]
    def use(*new_keys: str) -> None:
        settings.FIELD_ENCRYPTION_KEYS = list(new_keys)
        crypto._box.cache_clear()

    yield use
    crypto._box.cache_clear()


def test_rotation_re_encrypts_with_the_new_key(account, keys, settings) -> None:
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    new = Fernet.generate_key().decode()
    keys(new, old)
    assert Account.objects.get().app_secret == APP_SECRET  # still readable through the old key
    call_command("rotate_secrets", stdout=open("/dev/null", "w"))  # noqa: SIM115
    keys(new)  # the old key is gone now
    assert Account.objects.get().app_secret == APP_SECRET
    assert (
        Fernet(new.encode()).decrypt(_raw_secret(account).removeprefix("fernet:").encode()).decode()
        == APP_SECRET
    )


def test_a_lost_key_reads_as_not_set_and_is_logged(account, keys, caplog) -> None:
    keys(Fernet.generate_key().decode())
    assert Account.objects.get().app_secret == ""
    assert "cannot be decrypted with FIELD_ENCRYPTION_KEYS" in caplog.text
    assert _raw_secret(account).startswith("fernet:")  # nothing was overwritten by reading
