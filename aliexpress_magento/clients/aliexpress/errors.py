"""One error tree for every AliExpress failure (DESIGN.md §5, §10; fact sheet §7).

- :class:`RetryableError` — network failures, HTTP 5xx, malformed bodies, ``isp.*`` / ``ISP`` errors and
  a few business codes the platform documents as transient. :class:`RateLimitedError` (code ``7`` /
  ``ApiCallLimit``) is a retryable error that carries the ban seconds parsed from the message.
- :class:`AuthError` — the credentials were refused (``IllegalAccessToken``, ``invalid-sessionkey``,
  ``IncompleteSignature`` ...): retrying the same request cannot help; refresh the token, then retry.
- :class:`TerminalError` — everything else, kept with its code and message.

The class is chosen in :func:`classify` only; every envelope (the ``error_response`` object of
``/sync``, the flat ``/rest`` object, and in-body ``result.success=false`` / ``result_success=false``)
and every per-item failure (``update_failed_list``, feed item results) is read into
:class:`ErrorFields` and handed to it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..common.http import NetworkFailure
from ..common.quota import QuotaSpent
from . import envelope
from .envelope import Json

AUTH_CODES = frozenset(
    {"IllegalAccessToken", "IllegalRefreshToken", "IncompleteSignature", "InvalidSignature", "25", "26", "27"}
)
AUTH_SUB_CODES = frozenset({"invalid-sessionkey", "isv.sign-check-failure", "session-expired"})
RATE_LIMIT_CODES = frozenset({"7", "ApiCallLimit"})
# Business codes the platform (or production clients, fact sheet §7.2) report as "try again later".
TRANSIENT_CODES = frozenset({"F00-10-10000-001", "F00-00-10014-017", "F00-00-10014-018", "SYS_ERROR"})
_BAN = re.compile(r"(\d+(?:\.\d+)?)\s*(?:more\s+)?seconds?", re.IGNORECASE)


@dataclass(frozen=True)
class ErrorFields:
    code: str = ""
    sub_code: str = ""
    message: str = ""
    sub_message: str = ""
    request_id: str = ""
    type: str = ""
    http_status: int = 200


class AliExpressError(Exception):
    """Base of the tree. ``retryable`` says whether sending the same request again can help."""

    retryable = False

    def __init__(self, fields: ErrorFields, *, maybe_processed: bool = True) -> None:
        self.code = fields.code
        self.sub_code = fields.sub_code
        self.message = fields.message
        self.sub_message = fields.sub_message
        self.request_id = fields.request_id
        self.type = fields.type
        self.http_status = fields.http_status
        # False only when the request certainly never reached the API (connect failure, throttled at
        # the gateway): then even a non-idempotent call (product.post, order.fulfill) may be re-sent.
        self.maybe_processed = maybe_processed
        super().__init__(self._summary())

    def __reduce__(self) -> tuple[object, ...]:
        # Celery pickles a task's exception; the default (cls, args) would call __init__ with the summary.
        return (_restore, (type(self), dict(self.__dict__), str(self)))

    def _summary(self) -> str:
        parts = [p for p in (self.code, self.sub_code, self.message, self.sub_message) if p]
        suffix = f" (request_id={self.request_id})" if self.request_id else ""
        return " / ".join(parts) + suffix


def _restore(cls: type[AliExpressError], state: dict[str, object], summary: str) -> AliExpressError:
    error = cls.__new__(cls)
    Exception.__init__(error, summary)
    error.__dict__.update(state)
    return error


class RetryableError(AliExpressError):
    retryable = True


class RateLimitedError(RetryableError):
    def __init__(self, fields: ErrorFields, *, ban_seconds: float | None) -> None:
        super().__init__(fields, maybe_processed=False)
        self.ban_seconds = ban_seconds


class AuthError(AliExpressError):
    pass


class TerminalError(AliExpressError):
    pass


def classify(fields: ErrorFields) -> AliExpressError:
    """The one place an error's class is chosen."""
    codes = {fields.code, fields.sub_code}
    if (
        codes & RATE_LIMIT_CODES
        or fields.sub_code.startswith("accesscontrol.limited-by")
        or (fields.http_status == 429)
    ):
        return RateLimitedError(fields, ban_seconds=ban_seconds(fields.message, fields.sub_message))
    if codes & AUTH_CODES or fields.sub_code in AUTH_SUB_CODES:
        return AuthError(fields)
    if _is_transient(fields):
        return RetryableError(fields)
    return TerminalError(fields)


SESSION_CODES = frozenset({"IllegalAccessToken", "27"})
SESSION_SUB_CODES = frozenset({"invalid-sessionkey", "session-expired"})


def is_session_error(error: AliExpressError) -> bool:
    """The access token itself was refused (expired, revoked): a refresh can cure it; a bad signature not."""
    return error.code in SESSION_CODES or error.sub_code in SESSION_SUB_CODES


def _is_transient(fields: ErrorFields) -> bool:
    return (
        fields.http_status >= 500
        or fields.type.upper() == "ISP"
        or fields.code.startswith("isp.")
        or fields.sub_code.startswith("isp.")
        or bool({fields.code, fields.sub_code} & TRANSIENT_CODES)
    )


def ban_seconds(*messages: str) -> float | None:
    """ "this ban will last 1 seconds" / "This ban will last for 3 more seconds" → 1.0 / 3.0."""
    for message in messages:
        match = _BAN.search(message)
        if match:
            return float(match.group(1))
    return None


def network_error(failure: NetworkFailure) -> RetryableError:
    fields = ErrorFields(code=failure.kind, message=failure.detail, http_status=0)
    return RetryableError(fields, maybe_processed=not failure.not_sent)


def response_too_large(limit: int) -> TerminalError:
    """Sending the same request again would bring the same flood: not retryable."""
    message = f"answer larger than {limit} bytes (decompressed): refused unread"
    return TerminalError(ErrorFields(code="response-too-large", message=message, http_status=0))


def quota_spent(spent: QuotaSpent) -> RateLimitedError:
    """Our own budget's daily quota (the API's is per app and bans to midnight): nothing was sent."""
    fields = ErrorFields(code="call-quota", message=str(spent), http_status=0)
    return RateLimitedError(fields, ban_seconds=spent.ban_seconds)


def malformed_body_error(status: int, detail: str) -> RetryableError:
    return RetryableError(ErrorFields(code="malformed-body", message=detail, http_status=status))


def error_for(status: int, body: Json, method: str = "") -> AliExpressError | None:
    """The error a response stands for, or None for a success. ``method`` locates ``*_response``."""
    fields = _envelope_fields(body) or _in_body_fields(envelope.unwrap(method, body) if method else body)
    if fields is not None:
        return classify(_with_status(fields, status))
    if status >= 400:
        return classify(ErrorFields(code=f"HTTP {status}", message="HTTP error", http_status=status))
    return None


def _with_status(fields: ErrorFields, status: int) -> ErrorFields:
    return dataclasses.replace(fields, http_status=status)


def _envelope_fields(body: Json) -> ErrorFields | None:
    if "error_response" in body:  # /sync and TOP
        return _read(envelope.obj(body, "error_response"))
    code = envelope.text(body, "code")
    if code and code != "0" and ("message" in body or "msg" in body or "type" in body):  # /rest, flat
        return _read(body)
    return None


def _read(data: Json) -> ErrorFields:
    return ErrorFields(
        code=envelope.text(data, "code"),
        sub_code=envelope.text(data, "sub_code"),
        message=envelope.text(data, "msg") or envelope.text(data, "message"),
        sub_message=envelope.text(data, "sub_msg"),
        request_id=envelope.text(data, "request_id"),
        type=envelope.text(data, "type"),
    )


def _in_body_fields(payload: Json) -> ErrorFields | None:
    """``success=false`` in ``result`` or at the top, under each of the names the API uses for it."""
    request_id = envelope.text(payload, "request_id")
    for data in (envelope.obj(payload, "result"), payload):
        for success_key in ("success", "result_success", "is_success"):
            if envelope.flag(data, success_key) is False:
                return _business_fields(data, request_id)
    return None


def _business_fields(data: Json, request_id: str) -> ErrorFields:
    return ErrorFields(
        code=_first(data, "error_code", "result_error_code", "errorCode") or "business-failure",
        message=_first(data, "error_message", "error_msg", "result_error_desc", "error_desc", "errorMessage"),
        request_id=request_id,
    )


def _first(data: Json, *keys: str) -> str:
    return next((envelope.text(data, key) for key in keys if envelope.text(data, key)), "")


def item_error(data: Json, request_id: str = "") -> AliExpressError:
    """A per-item failure (``update_failed_list`` entry, feed item result, online/offline detail)."""
    return classify(_business_fields(data, request_id))


def raise_for(status: int, body: Json, method: str = "") -> None:
    error = error_for(status, body, method)
    if error is not None:
        raise error


__all__ = [
    "AliExpressError",
    "AuthError",
    "ErrorFields",
    "RateLimitedError",
    "RetryableError",
    "TerminalError",
    "classify",
    "error_for",
    "item_error",
    "network_error",
    "quota_spent",
    "response_too_large",
]
