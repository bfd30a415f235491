"""Re-encrypt every stored secret with the first key, or change nothing.

Secrets are read from the database as stored (not through the field, which reads an undecryptable
secret as "not set" so that pages keep working): re-encrypting that empty value would wipe a secret for
good, when the fix may only be to put its key back in FIELD_ENCRYPTION_KEYS.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.functions import Cast

from aliexpress_magento.accounts import crypto
from aliexpress_magento.accounts.models import SECRET_FIELDS, Account


class Command(BaseCommand):
    help = (
        "Re-encrypt every account secret with the first key of FIELD_ENCRYPTION_KEYS. Run it after putting "
        "a new key first; then the old key can be removed. A secret no key opens stops it, naming the "
        "account and the field, and nothing is changed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():  # one undecryptable secret rolls back every account re-encrypted so far
            rows = list(_stored_secrets())
            for row in rows:
                # update() writes through the field, which encrypts with the first key.
                Account.objects.filter(pk=row["pk"]).update(**_decrypted(row))
        self.stdout.write(f"Re-encrypted the secrets of {len(rows)} account(s) with the first key.")


def _stored_secrets() -> Any:
    """Each account's secrets as stored (``fernet:…``): cast to plain text, they skip the decryption."""
    raw = {name: Cast(name, output_field=models.TextField()) for name in SECRET_FIELDS}
    return (
        Account.objects.select_for_update()
        .order_by("pk")
        .annotate(**{f"stored_{name}": value for name, value in raw.items()})
        .values("pk", "name", *(f"stored_{name}" for name in SECRET_FIELDS))
    )


def _decrypted(row: dict[str, Any]) -> dict[str, str]:
    plain: dict[str, str] = {}
    for name in SECRET_FIELDS:
        stored = row[f"stored_{name}"]
        if not stored:
            continue
        try:
            plain[name] = crypto.decrypt(stored)
        except crypto.UndecryptableSecret as exc:
            label = Account._meta.get_field(name).verbose_name  # type: ignore[union-attr]
            raise CommandError(
                f"Account '{row['name']}' (id {row['pk']}): the {label} ({name}) cannot be decrypted: {exc}. "
                "Nothing was re-encrypted."
            ) from exc
    return plain
