from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from aliexpress_magento.accounts.models import SECRET_FIELDS, Account


class Command(BaseCommand):
    help = (
        "Re-encrypt every account secret with the first key of FIELD_ENCRYPTION_KEYS. Run it after putting "
        "a new key first; then the old key can be removed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        with transaction.atomic():
            for account in Account.objects.select_for_update():
                account.save(update_fields=list(SECRET_FIELDS))  # saving encrypts with the first key
                count += 1
        self.stdout.write(f"Re-encrypted the secrets of {count} account(s) with the first key.")
