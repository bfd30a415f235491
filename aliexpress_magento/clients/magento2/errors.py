"""One error tree for every Magento 2 failure (DESIGN.md §5, §10; fact sheet §7.1).

- :class:`AuthError` (401, 403): the token or signature was refused, or the ACL resource is missing.
- :class:`NotFoundError` (404): no such entity, or no such route (MSI absent, wrong verb).
- :class:`ValidationError` (400 and the other 4xx): Magento refused the input; the same call fails again.
- :class:`RetryableError` (5xx, 429, network, undecodable 2xx bodies): sending again can help.
  :class:`RateLimitedError` (429) carries ``ban_seconds`` from ``Retry-After``.

The class is chosen in :func:`error_for` only. Magento leaves placeholders unsubstituted in the body
(``"%1"`` with a ``parameters`` list, ``"%fieldName"`` with a ``parameters`` object): the message of
every error is the substituted text, the raw template is kept in ``template``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..common.http import NetworkFailure
from ..common.quota import QuotaSpent

_PLACEHOLDER = re.compile(r"%(\w+)")


class Magento2Error(Exception):
    """Base of the tree. ``retryable`` says whether sending the same request again can help."""

    retryable = False
    code = "error"

    def __init__(
        self,
        message: str,
        *,
        status: int = 0,
        template: str = "",
        parameters: object = None,
        maybe_processed: bool = True,
        ban_seconds: float | None = None,
    ) -> None:
        self.message = message
        self.status = status
        self.template = template or message
        self.parameters = parameters
        # False only when the request certainly never reached Magento (connect refused, 429).
        self.maybe_processed = maybe_processed
        self.ban_seconds = ban_seconds
        super().__init__(f"HTTP {status}: {message}" if status else message)


class AuthError(Magento2Error):
    code = "auth"


class NotFoundError(Magento2Error):
    code = "not_found"


class ValidationError(Magento2Error):
    code = "validation"


class RetryableError(Magento2Error):
    retryable = True
    code = "retryable"


class RateLimitedError(RetryableError):
    code = "rate_limited"


class ResponseTooLargeError(Magento2Error):
    """The answer passed the client's size cap: the same request would bring the same flood."""

    code = "too_large"


def substitute(template: str, parameters: object) -> str:
    """``"%1"`` → ``parameters[0]``; ``"%fieldName"`` → ``parameters["fieldName"]``; unknown ones stay."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if isinstance(parameters, Mapping) and name in parameters:
            return str(parameters[name])
        if isinstance(parameters, list) and name.isdigit() and 0 < int(name) <= len(parameters):
            return str(parameters[int(name) - 1])
        return match.group(0)

    return _PLACEHOLDER.sub(value, template) if parameters else template


def error_for(status: int, body: Any, retry_after: str | None = None) -> Magento2Error:
    """The one place an error's class is chosen, from the HTTP status and Magento's body."""
    template, parameters = _read(body)
    kwargs: dict[str, Any] = {
        "status": status,
        "template": template,
        "parameters": parameters,
    }
    message = substitute(template, parameters) or f"HTTP {status}"
    if status == 429:
        return RateLimitedError(message, maybe_processed=False, ban_seconds=_seconds(retry_after), **kwargs)
    if status >= 500:
        return RetryableError(message, **kwargs)
    if status in (401, 403):
        return AuthError(message, **kwargs)
    if status == 404:
        return NotFoundError(message, **kwargs)
    return ValidationError(message, **kwargs)


def network_error(failure: NetworkFailure) -> RetryableError:
    return RetryableError(failure.detail, maybe_processed=not failure.not_sent)


def response_too_large(limit: int) -> ResponseTooLargeError:
    return ResponseTooLargeError(f"answer larger than {limit} bytes (decompressed): refused unread")


def quota_spent(spent: QuotaSpent) -> RateLimitedError:
    """Our own budget's daily quota for this store: nothing was sent."""
    return RateLimitedError(str(spent), maybe_processed=False, ban_seconds=spent.ban_seconds)


def malformed_body(status: int, detail: str) -> RetryableError:
    """A 2xx whose body is not JSON: a cut-off answer or a proxy's page, as retryable as a 5xx."""
    return RetryableError(f"malformed body: {detail}", status=status)


def _read(body: Any) -> tuple[str, object]:
    if isinstance(body, Mapping) and isinstance(body.get("message"), str):
        return body["message"], body.get("parameters")
    return "", None


def _seconds(retry_after: str | None) -> float | None:
    try:
        return float(retry_after) if retry_after else None
    except ValueError:
        return None
