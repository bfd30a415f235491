"""Request signing of the AliExpress Open Platform (fact sheet §1.4).

Every algorithm signs the same string: all parameters except ``sign`` and file parts, sorted by key in
byte order, concatenated as ``key1value1key2value2`` with no separator and no URL-encoding.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Literal

SignMethod = Literal["sha256", "md5", "hmac"]


def string_to_sign(params: Mapping[str, str], api_path: str = "") -> str:
    """``api_path`` is the prefix of IOP ``/rest`` calls (e.g. ``/auth/token/create``); "" for ``/sync``."""
    # sorted() on str compares code points, which equals byte order for the ASCII keys the API uses.
    pairs = "".join(f"{key}{params[key]}" for key in sorted(params) if key != "sign")
    return api_path + pairs


def sign(
    params: Mapping[str, str], secret: str, *, sign_method: SignMethod = "sha256", api_path: str = ""
) -> str:
    """Upper-case hex digest. md5 and hmac (HMAC-MD5) are the legacy TOP methods, kept for completeness."""
    message = string_to_sign(params, api_path)
    if sign_method == "sha256":
        digest = hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()
    elif sign_method == "hmac":
        digest = hmac.new(secret.encode(), message.encode(), hashlib.md5).hexdigest()
    else:
        # TOP md5 wraps the secret around the string; the platform mandates it, it is not our choice.
        digest = hashlib.md5((secret + message + secret).encode(), usedforsecurity=False).hexdigest()
    return digest.upper()
