"""Magento 2 / Adobe Commerce admin REST client: auth (Bearer, admin token, OAuth 1.0a), searchCriteria
and paging on ``total_count``, one module per resource, one error tree, the shared retry policy and call
budget. No Django, no sandbox: it could ship alone. See DESIGN.md §5 and docs/magento2-rest.md.
"""

from .auth import AdminTokenAuth, BearerAuth, OAuth1Auth, OAuth1Credentials
from .client import Magento2Client
from .connection import DEFAULT_TIMEOUT, segment
from .errors import (
    AuthError,
    Magento2Error,
    NotFoundError,
    RateLimitedError,
    ResponseTooLargeError,
    RetryableError,
    ValidationError,
    error_for,
    substitute,
)
from .search import Filter, KeysetPager, Page, Pager, SearchCriteria, SortOrder

__all__ = [
    "DEFAULT_TIMEOUT",
    "AdminTokenAuth",
    "AuthError",
    "BearerAuth",
    "Filter",
    "KeysetPager",
    "Magento2Client",
    "Magento2Error",
    "NotFoundError",
    "OAuth1Auth",
    "OAuth1Credentials",
    "Page",
    "Pager",
    "RateLimitedError",
    "ResponseTooLargeError",
    "RetryableError",
    "SearchCriteria",
    "SortOrder",
    "ValidationError",
    "error_for",
    "segment",
    "substitute",
]
