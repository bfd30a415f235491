"""Secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256) with the keys of ``FIELD_ENCRYPTION_KEYS``.

The first key encrypts; every key decrypts, so a key is rotated by putting the new one first and
re-encrypting the accounts (``manage.py rotate_secrets``) before dropping the old one.
"""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "fernet:"


class UndecryptableSecret(Exception):
    """A stored secret none of the configured keys opens (the key file was replaced or lost)."""


@cache
def _box() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.FIELD_ENCRYPTION_KEYS])


def encrypt(plaintext: str) -> str:
    return PREFIX + _box().encrypt(plaintext.encode()).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise UndecryptableSecret("the stored value is not an encrypted secret")
    try:
        return _box().decrypt(stored[len(PREFIX) :].encode("ascii")).decode()
    except InvalidToken as exc:
        raise UndecryptableSecret(
            "a stored secret cannot be decrypted with FIELD_ENCRYPTION_KEYS; restore the key it was "
            "written with, or enter the secret again"
        ) from exc
