"""Which fields are secret is read off the model (its encrypted fields), and every consumer uses that:
the configuration form, the read-only page, the debug log's redaction, rotate_secrets and the base-URL
move. Each test enumerates the model's encrypted fields itself, so a consumer keeping its own list fails
here the day an encrypted field is added."""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection, models

from aliexpress_magento.accounts import api_clients, crypto
from aliexpress_magento.accounts.admin import AccountAdmin
from aliexpress_magento.accounts.fields import EncryptedTextField
from aliexpress_magento.accounts.forms import AccountForm, SecretInput
from aliexpress_magento.accounts.models import SECRET_FIELDS, Account
from aliexpress_magento.accounts.services.credentials import BASE_URL_FIELDS

ENCRYPTED = tuple(f.name for f in Account._meta.concrete_fields if isinstance(f, EncryptedTextField))


def _filled(account: Account) -> dict[str, str]:
    values = {name: f"value-of-{name}-0123456789" for name in ENCRYPTED}
    Account.objects.filter(pk=account.pk).update(**values)
    account.refresh_from_db()
    return values


def test_the_secret_fields_are_the_encrypted_fields() -> None:
    assert len(ENCRYPTED) == 9
    assert SECRET_FIELDS == ENCRYPTED


def test_every_secret_says_which_base_url_it_is_sent_to() -> None:
    for name in ENCRYPTED:
        sent_to = Account._meta.get_field(name).sent_to  # type: ignore[union-attr]
        assert sent_to in BASE_URL_FIELDS, name
        assert isinstance(Account._meta.get_field(sent_to), models.URLField)


def test_the_form_masks_every_secret_and_the_read_only_page_too(account) -> None:
    values = _filled(account)
    form = AccountForm(instance=account)
    html = str(form)
    for name in ENCRYPTED:
        assert isinstance(form.fields[name].widget, SecretInput), name
        assert values[name] not in html
        assert hasattr(AccountAdmin, f"{name}_masked"), name


def test_the_debug_log_redacts_every_secret(account) -> None:
    values = _filled(account)
    assert sorted(api_clients.secrets_of(account)) == sorted(values.values())


def test_rotation_re_encrypts_every_secret(account, settings) -> None:
    values = _filled(account)
    new = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new, *settings.FIELD_ENCRYPTION_KEYS]
    crypto._box.cache_clear()
    try:
        call_command("rotate_secrets", stdout=open("/dev/null", "w"))  # noqa: SIM115
    finally:
        crypto._box.cache_clear()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(ENCRYPTED)} FROM accounts_account WHERE id = %s", [account.pk])
        stored = cursor.fetchone()
    opened = [Fernet(new.encode()).decrypt(raw.removeprefix("fernet:").encode()).decode() for raw in stored]
    assert opened == [values[name] for name in ENCRYPTED]
