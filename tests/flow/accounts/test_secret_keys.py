"""Secrets at rest: encrypted with the first key, readable with any listed key, rotated by a command,
and a lost key reads as "not set" instead of breaking every page."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from aliexpress_magento.accounts import crypto
from aliexpress_magento.accounts.models import SECRET_FIELDS, Account

from .conftest import APP_SECRET


def _raw(account: Account, field: str = "app_secret") -> str:
    """The column as stored, not decrypted."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {field} FROM accounts_account WHERE id = %s", [account.pk])
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
    assert Fernet(new.encode()).decrypt(_raw(account).removeprefix("fernet:").encode()).decode() == APP_SECRET


def test_a_lost_key_reads_as_not_set_and_is_logged(account, keys, caplog) -> None:
    keys(Fernet.generate_key().decode())
    assert Account.objects.get().app_secret == ""
    assert "cannot be decrypted with FIELD_ENCRYPTION_KEYS" in caplog.text
    assert _raw(account).startswith("fernet:")  # nothing was overwritten by reading


def test_rotation_stops_at_a_secret_no_key_opens_and_changes_nothing(account, keys, settings) -> None:
    old, lost, new = (
        settings.FIELD_ENCRYPTION_KEYS[0],
        Fernet.generate_key().decode(),
        Fernet.generate_key().decode(),
    )
    other = Account.objects.create(
        name="Another shop", app_secret="other-secret-0123", magento_token="tok-0123"
    )
    keys(lost)
    Account.objects.filter(pk=other.pk).update(magento1_api_key="written-with-a-lost-key")
    keys(new, old)
    before = {(a.pk, f): _raw(a, f) for a in (account, other) for f in SECRET_FIELDS}

    with pytest.raises(CommandError) as stopped:
        call_command("rotate_secrets", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert str(stopped.value).startswith(
        f"Account 'Another shop' (id {other.pk}): the API key (magento1_api_key) cannot be decrypted: "
    )
    assert str(stopped.value).endswith("Nothing was re-encrypted.")
    assert {(a.pk, f): _raw(a, f) for a in (account, other) for f in SECRET_FIELDS} == before
    keys(lost)
    assert Account.objects.get(pk=other.pk).magento1_api_key == "written-with-a-lost-key"  # not wiped
