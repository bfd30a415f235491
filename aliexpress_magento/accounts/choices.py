"""The fixed choices of the configuration page."""

from __future__ import annotations

from django.db import models

from aliexpress_magento.clients.aliexpress import limits as aliexpress_limits

REAL_ALIEXPRESS_URL = "https://api-sg.aliexpress.com"


class Platform(models.TextChoices):
    MAGENTO2 = "magento2", "Magento 2 / Adobe Commerce (REST)"
    MAGENTO1 = "magento1", "Magento 1.9 / OpenMage LTS (XML-RPC API v1)"


class MagentoAuth(models.TextChoices):
    INTEGRATION = "integration", "Integration access token (Bearer)"
    ADMIN = "admin", "Admin user name and password (admin token)"
    OAUTH1 = "oauth1", "OAuth 1.0a (consumer key/secret + access token/secret)"


class RateSource(models.TextChoices):
    # Where the rate from the store's base currency to the AliExpress quotation currency comes from.
    SETTING = "setting", "Fixed rate (the Conversion rate below)"
    STORE = "store", "The store's currency rates (Magento 2: Stores → Currency Rates)"


class PriceRule(models.TextChoices):
    # The manual's "Aliexpress Product Price" options.
    DEFAULT = "default", "Default Magento Price"
    INCREASE_FIXED = "increase_fixed", "Increase by Fixed Price"
    INCREASE_PERCENT = "increase_percent", "Increase by Fixed Percentage"
    DECREASE_FIXED = "decrease_fixed", "Decrease by Fixed Price"
    DECREASE_PERCENT = "decrease_percent", "Decrease by Fixed Percentage"

    @property
    def is_fixed(self) -> bool:
        return self in (PriceRule.INCREASE_FIXED, PriceRule.DECREASE_FIXED)

    @property
    def is_percent(self) -> bool:
        return self in (PriceRule.INCREASE_PERCENT, PriceRule.DECREASE_PERCENT)


# The languages AliExpress takes titles and descriptions in (the schema's ``locale`` and
# ``title_multi_language_list[].locale``). The API notes list none; a category's own schema may accept
# fewer (the real example in tests/fixtures offers five), and the local validation against that schema
# then names the locale it refuses, product by product.
ALIEXPRESS_LOCALES = (
    ("en_US", "English (en_US)"),
    ("ru_RU", "Russian (ru_RU)"),
    ("es_ES", "Spanish (es_ES)"),
    ("fr_FR", "French (fr_FR)"),
    ("de_DE", "German (de_DE)"),
    ("it_IT", "Italian (it_IT)"),
    ("pt_BR", "Portuguese (pt_BR)"),
    ("nl_NL", "Dutch (nl_NL)"),
    ("pl_PL", "Polish (pl_PL)"),
    ("tr_TR", "Turkish (tr_TR)"),
    ("ko_KR", "Korean (ko_KR)"),
    ("ja_JP", "Japanese (ja_JP)"),
    ("ar_MA", "Arabic (ar_MA)"),
    ("he_IL", "Hebrew (he_IL)"),
    ("th_TH", "Thai (th_TH)"),
    ("vi_VN", "Vietnamese (vi_VN)"),
    ("id_ID", "Indonesian (id_ID)"),
)
DEFAULT_LOCALE = "en_US"
# Package dimensions: whole centimetres, as the schema types them.
MIN_PACKAGE_CM, MAX_PACKAGE_CM = 1, 700

# aliexpress.solution.order.get's order_status values (fact sheet §6); FINISH must be asked for on its own.
ORDER_STATUSES = (
    ("PLACE_ORDER_SUCCESS", "Awaiting payment (PLACE_ORDER_SUCCESS)"),
    ("IN_CANCEL", "Buyer asked to cancel (IN_CANCEL)"),
    ("WAIT_SELLER_SEND_GOODS", "Awaiting shipment (WAIT_SELLER_SEND_GOODS)"),
    ("SELLER_PART_SEND_GOODS", "Partly shipped (SELLER_PART_SEND_GOODS)"),
    ("WAIT_BUYER_ACCEPT_GOODS", "Awaiting delivery (WAIT_BUYER_ACCEPT_GOODS)"),
    ("FUND_PROCESSING", "Payment processing (FUND_PROCESSING)"),
    ("IN_ISSUE", "In dispute (IN_ISSUE)"),
    ("IN_FROZEN", "Frozen (IN_FROZEN)"),
    ("WAIT_SELLER_EXAMINE_MONEY", "Awaiting amount confirmation (WAIT_SELLER_EXAMINE_MONEY)"),
    ("RISK_CONTROL", "Risk control, 24 h after payment (RISK_CONTROL)"),
    ("FINISH", "Finished (FINISH)"),
)
DEFAULT_FETCH_STATUSES = ["WAIT_SELLER_SEND_GOODS"]

# API maxima the chunk settings may not exceed: the client's (fact sheet §4-§6).
MAX_FEED_SIZE = aliexpress_limits.MAX_FEED_ITEMS
MAX_PRICE_OR_INVENTORY_CHUNK = aliexpress_limits.MAX_BATCH_PRODUCTS
MAX_UPLOAD_CHUNK = aliexpress_limits.MAX_FEED_ITEMS  # a batch is uploaded as one feed
MAX_ORDER_PAGE_SIZE = aliexpress_limits.MAX_ORDER_PAGE_SIZE
