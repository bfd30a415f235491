"""The AliExpress call budget's published facts (fact sheet §7.3), read by the account's settings.

- QPS: the only published seller-API figures are the schema APIs' "100 QPS per appkey, 50 QPS per
  seller"; an account is one seller, so 50 calls per second.
- Daily quota: per appkey, shown in the app console; the only published number is the formal test
  environment's 5,000 calls a day. Once spent, the app is banned until 24:00 Beijing time (UTC+8),
  which is when our count starts again too.
The per-call item limits live next to their calls (``feeds.MAX_ITEMS``, ``products.MAX_BATCH_*``,
``orders.MAX_PAGE_SIZE``).
"""

DEFAULT_QPS = 50
DEFAULT_DAILY_QUOTA = 5000
QUOTA_DAY_UTC_OFFSET_HOURS = 8
