"""One error tree for every Magento 1 failure (DESIGN.md §5, §10), chosen in :func:`error_for_fault` (API
faults) and :func:`http_error` (the HTTP layer) only.

- :class:`AuthError`: fault 2 "Access denied." (wrong API user or key, or a resource the API role is not
  granted). :class:`SessionExpiredError` (fault 5) is one: the client logs in again once by itself.
- :class:`NotFoundError`: the faults that say something does not exist (101 "Product not exists.",
  100 "Requested order not exists.", 1002 "…quote is not exists"…); :class:`UnknownResourceError`
  (fault 3 "Invalid api path.", 4) is one: the resource is not installed, e.g. the connector module.
- :class:`ValidationError`: every other fault; Magento refused the input, the same call fails again.
  :class:`SignatureMismatchError` (Zend's fault 623 "Calling parameters do not match signature") is one:
  the XML-RPC types of the parameters match no docblock signature of the server method (``multiCall``'s
  calls as an array on OpenMage >= 20.11, as a struct on Magento 1.9.4; ``call``'s arguments as a struct).
- :class:`RetryableError`: HTTP 5xx, network failures, undecodable answers, and fault 1 when its message
  is a database deadlock or lock wait (the transaction was rolled back: sending again can help).

Every error keeps Magento's fault code (``fault_code``, ``None`` for HTTP failures) and message.
"""

from __future__ import annotations

import re

from ..common.http import NetworkFailure
from ..common.quota import QuotaSpent

NOT_FOUND = re.compile(r"not exist|not found|is not existed", re.IGNORECASE)
TRANSIENT = re.compile(r"deadlock|lock wait timeout", re.IGNORECASE)
SIGNATURE_MISMATCH = 623  # Zend_XmlRpc_Server: checked before the method runs, so nothing was processed


class Magento1Error(Exception):
    """Base of the tree. ``retryable`` says whether sending the same request again can help."""

    retryable = False
    kind = "error"

    def __init__(
        self,
        message: str,
        *,
        fault_code: int | None = None,
        status: int = 0,
        maybe_processed: bool = True,
    ) -> None:
        self.message = message
        self.fault_code = fault_code
        self.status = status
        # False only when the request certainly never reached Magento (connect refused) or was undone.
        self.maybe_processed = maybe_processed
        prefix = f"fault {fault_code}: " if fault_code is not None else f"HTTP {status}: " if status else ""
        super().__init__(prefix + message)


class AuthError(Magento1Error):
    kind = "auth"


class SessionExpiredError(AuthError):
    kind = "session_expired"


class NotFoundError(Magento1Error):
    kind = "not_found"


class UnknownResourceError(NotFoundError):
    kind = "unknown_resource"


class ValidationError(Magento1Error):
    kind = "validation"


class SignatureMismatchError(ValidationError):
    kind = "signature"


class RetryableError(Magento1Error):
    retryable = True
    kind = "retryable"


class RateLimitedError(RetryableError):
    """Our call budget's daily quota is spent (Magento 1 itself has no rate limit to report)."""

    kind = "rate_limited"

    def __init__(
        self, message: str, *, maybe_processed: bool = False, ban_seconds: float | None = None
    ) -> None:
        super().__init__(message, maybe_processed=maybe_processed)
        self.ban_seconds = ban_seconds


class ResponseTooLargeError(Magento1Error):
    """The answer passed the client's size cap: the same request would bring the same flood."""

    kind = "too_large"


def error_for_fault(code: int, message: str) -> Magento1Error:
    """The one place a fault's class is chosen, from its code and Magento's message."""
    if code == 5:
        return SessionExpiredError(message, fault_code=code)
    if code == 2:
        return AuthError(message, fault_code=code)
    if code == SIGNATURE_MISMATCH:
        return SignatureMismatchError(message, fault_code=code, maybe_processed=False)
    if code in (3, 4):
        return UnknownResourceError(message, fault_code=code)
    if code == 1 and TRANSIENT.search(message):
        return RetryableError(message, fault_code=code, maybe_processed=False)
    if code != 1 and NOT_FOUND.search(message):  # fault 1 carries raw exceptions ("Column not found")
        return NotFoundError(message, fault_code=code)
    return ValidationError(message, fault_code=code)


def http_error(status: int) -> Magento1Error:
    """An answer that is not XML-RPC: a PHP fatal error (500), a proxy, a wrong base URL (404)."""
    message = f"HTTP {status} from the XML-RPC endpoint"
    if status >= 500:
        return RetryableError(message, status=status)
    if status in (401, 403):
        return AuthError(message, status=status)
    if status == 404:
        return NotFoundError(f"{message} (is the base URL the shop root?)", status=status)
    return ValidationError(message, status=status)


def network_error(failure: NetworkFailure) -> RetryableError:
    return RetryableError(failure.detail, maybe_processed=not failure.not_sent)


def response_too_large(limit: int) -> ResponseTooLargeError:
    return ResponseTooLargeError(f"answer larger than {limit} bytes (decompressed): refused unread")


def quota_spent(spent: QuotaSpent) -> RateLimitedError:
    """Our own budget's daily quota for this store: nothing was sent."""
    return RateLimitedError(str(spent), maybe_processed=False, ban_seconds=spent.ban_seconds)


def malformed(status: int, detail: str) -> RetryableError:
    """A 2xx whose body is not an XML-RPC answer: cut short, or a proxy's page."""
    return RetryableError(f"malformed XML-RPC answer: {detail}", status=status)
