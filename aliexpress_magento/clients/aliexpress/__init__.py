"""AliExpress Open Platform client (IOP gateway): signing, OAuth, retries, call budget, typed API areas.

No Django, no sandbox: it could ship alone. See DESIGN.md §5 and the fact sheet docs/aliexpress-api.md.
"""

# The retry policy and the call budget are shared with the Magento client (clients/common); re-exported
# here so that ``from aliexpress_magento.clients.aliexpress import RetryPolicy`` keeps working.
from ..common import NO_RETRY, CallBudget, RetryPolicy, TokenBucketBudget, UnlimitedBudget
from .client import AliExpressClient
from .errors import (
    AliExpressError,
    AuthError,
    ErrorFields,
    RateLimitedError,
    RetryableError,
    TerminalError,
)
from .gateway import DEFAULT_TIMEOUT, REAL_BASE_URL
from .oauth import Token, authorize_url
from .params import FilePart

__all__ = [
    "DEFAULT_TIMEOUT",
    "NO_RETRY",
    "REAL_BASE_URL",
    "AliExpressClient",
    "AliExpressError",
    "AuthError",
    "CallBudget",
    "ErrorFields",
    "FilePart",
    "RateLimitedError",
    "RetryPolicy",
    "RetryableError",
    "TerminalError",
    "Token",
    "TokenBucketBudget",
    "UnlimitedBudget",
    "authorize_url",
]
