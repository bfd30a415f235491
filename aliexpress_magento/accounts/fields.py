"""A text field whose value is encrypted in the database and plain in Python."""

from __future__ import annotations

import logging
from typing import Any

from django.db import models

from . import crypto

logger = logging.getLogger("aliexpress_magento.accounts")


class EncryptedTextField(models.TextField):
    """Stores ``fernet:<token>``; an empty value stays empty so "not set" is visible without a key.

    Not searchable or orderable by its value, by design. Admin pages never render it as is: see
    ``forms.SecretInput`` and ``admin.AccountAdmin`` for the masked display.

    ``sent_to`` names the model's base URL field the secret is sent to (or signs requests for): when
    that URL moves to another origin the secret is dropped (``services.credentials``). It is left out of
    ``deconstruct``: it is no database fact, so it needs no migration.
    """

    def __init__(self, *args: Any, sent_to: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent_to = sent_to

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if not value:
            return value
        try:
            return crypto.decrypt(value)
        except crypto.UndecryptableSecret as exc:
            # Never a crash on every page that loads the account: the secret reads as "not set",
            # the configuration page asks for it again, and the log says why.
            logger.error("%s.%s: %s", self.model.__name__, self.name, exc)
            return ""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if not value:
            return value
        return crypto.encrypt(str(value))
