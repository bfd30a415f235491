"""Magento 1.9 / OpenMage LTS web-services API v1 client over XML-RPC (``{base}/api/xmlrpc/``): login
session with one automatic new login on fault 5, ``call`` and ``multiCall``, typed wrappers per resource,
one error tree, the shared retry policy and call budget. No Django, no sandbox. See DESIGN.md §5.
"""

from .cart import CartAddress, CartCustomer, CartLine
from .client import Magento1Client
from .connection import DEFAULT_TIMEOUT, endpoint
from .errors import (
    AuthError,
    Magento1Error,
    NotFoundError,
    RateLimitedError,
    ResponseTooLargeError,
    RetryableError,
    SessionExpiredError,
    SignatureMismatchError,
    UnknownResourceError,
    ValidationError,
    error_for_fault,
)
from .filters import Filters, complex_filter, condition, updated_since, where

__all__ = [
    "DEFAULT_TIMEOUT",
    "AuthError",
    "CartAddress",
    "CartCustomer",
    "CartLine",
    "Filters",
    "Magento1Client",
    "Magento1Error",
    "NotFoundError",
    "RateLimitedError",
    "ResponseTooLargeError",
    "RetryableError",
    "SessionExpiredError",
    "SignatureMismatchError",
    "UnknownResourceError",
    "ValidationError",
    "complex_filter",
    "condition",
    "endpoint",
    "error_for_fault",
    "updated_since",
    "where",
]
