"""Request signatures (fact sheet §1.4): sort by key, concatenate key+value, digest, upper-case hex."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

SIGN_METHODS = ("sha256", "hmac-sha256", "md5", "hmac")


def string_to_sign(params: Mapping[str, str], api_path: str = "") -> str:
    """``api_path`` is the ``/rest`` path prefix (e.g. ``/auth/token/create``); ``""`` for ``/sync``."""
    pairs = sorted((k, v) for k, v in params.items() if k != "sign" and v != "")
    return api_path + "".join(k + v for k, v in pairs)


def sign(params: Mapping[str, str], secret: str, method: str, api_path: str = "") -> str:
    text = string_to_sign(params, api_path).encode("utf-8")
    key = secret.encode("utf-8")
    method = method.lower()
    if method in ("sha256", "hmac-sha256", "hmacsha256"):
        return hmac.new(key, text, hashlib.sha256).hexdigest().upper()
    if method == "hmac":
        return hmac.new(key, text, hashlib.md5).hexdigest().upper()
    if method == "md5":
        # The TOP md5 rule wraps the string in the secret (no HMAC). MD5 is the protocol here, not our choice.
        return hashlib.md5(key + text + key).hexdigest().upper()  # noqa: S324
    raise ValueError(f"unsupported sign_method {method!r}")


def verify(params: Mapping[str, str], secret: str, api_path: str = "") -> bool:
    method = params.get("sign_method", "sha256") or "sha256"
    try:
        expected = sign(params, secret, method, api_path)
    except ValueError:
        return False
    return hmac.compare_digest(expected, params.get("sign", ""))
