"""The AliExpress API's limits in one place (fact sheet §4-§7), read by the account's settings and
their messages: the per-call item maxima (kept next to their calls, re-exported here) and the call
budget's published facts.

- QPS: the only published seller-API figures are the schema APIs' "100 QPS per appkey, 50 QPS per
  seller"; an account is one seller, so 50 calls per second.
- Daily quota: per appkey, shown in the app console; the only published number is the formal test
  environment's 5,000 calls a day. Once spent, the app is banned until 24:00 Beijing time (UTC+8),
  which is when our count starts again too.
"""

from .feeds import FEEDS_PER_DAY
from .feeds import MAX_INVALIDATE as MAX_FEED_INVALIDATE
from .feeds import MAX_ITEMS as MAX_FEED_ITEMS
from .orders import MAX_PAGE_SIZE as MAX_ORDER_PAGE_SIZE
from .products import MAX_BATCH_PRODUCTS, MAX_BATCH_SKUS, MAX_DELETE_IDS

DEFAULT_QPS = 50
DEFAULT_DAILY_QUOTA = 5000
QUOTA_DAY_UTC_OFFSET_HOURS = 8

__all__ = [
    "DEFAULT_DAILY_QUOTA",
    "DEFAULT_QPS",
    "FEEDS_PER_DAY",
    "MAX_BATCH_PRODUCTS",
    "MAX_BATCH_SKUS",
    "MAX_DELETE_IDS",
    "MAX_FEED_INVALIDATE",
    "MAX_FEED_ITEMS",
    "MAX_ORDER_PAGE_SIZE",
    "QUOTA_DAY_UTC_OFFSET_HOURS",
]
