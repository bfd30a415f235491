"""An account: one AliExpress seller app and its tokens, one Magento connection, every setting of the
manual's Configuration page (§3). Everything else the connector keeps belongs to one account."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from aliexpress_magento.clients.aliexpress import limits as aliexpress_limits
from aliexpress_magento.clients.common.budget import DEFAULT_MAGENTO_QPS

from .choices import (
    ALIEXPRESS_LOCALES,
    DEFAULT_FETCH_STATUSES,
    DEFAULT_LOCALE,
    MAX_FEED_SIZE,
    MAX_ORDER_PAGE_SIZE,
    MAX_PRICE_OR_INVENTORY_CHUNK,
    REAL_ALIEXPRESS_URL,
    MagentoAuth,
    Platform,
    PriceRule,
    RateSource,
)
from .fields import EncryptedTextField


def _default_fetch_statuses() -> list[str]:
    return list(DEFAULT_FETCH_STATUSES)


def _no_extra_locales() -> dict[str, str]:
    return {}


class Account(models.Model):
    name = models.CharField(
        max_length=100, unique=True, help_text="How this account is named in the console."
    )

    # --- Aliexpress Api Settings ---
    enabled = models.BooleanField("Enabled", default=False)
    api_base_url = models.URLField(
        "API base URL",
        default=REAL_ALIEXPRESS_URL,
        help_text="The AliExpress gateway: https://api-sg.aliexpress.com, or the sandbox's URL.",
    )
    app_key = models.CharField(
        "App key",
        max_length=64,
        blank=True,
        help_text="Please fill the AliExpress app key (sometimes called client id).",
    )
    app_secret = EncryptedTextField(
        "Secret key",
        blank=True,
        sent_to="api_base_url",
        help_text="Please fill the AliExpress secret key (sometimes called client secret).",
    )
    access_token = EncryptedTextField(
        "Access Token",
        blank=True,
        sent_to="api_base_url",
        help_text="Filled by Get Code / Get Token after the app key and secret key are saved; may be pasted.",
    )
    refresh_token = EncryptedTextField(
        "Refresh Token",
        blank=True,
        sent_to="api_base_url",
        help_text="Filled by Get Code / Get Token after the app key and secret key are saved; may be pasted.",
    )
    access_token_expires_at = models.DateTimeField("Access token expires", null=True, blank=True)
    refresh_token_expires_at = models.DateTimeField("Refresh token expires", null=True, blank=True)
    seller_id = models.CharField("Seller id", max_length=64, blank=True)
    seller_login = models.CharField("Seller account", max_length=128, blank=True)
    default_payment_method = models.CharField(
        "Default payment method",
        max_length=64,
        blank=True,
        help_text="Choose a default payment method for aliexpress.com orders.",
    )
    default_shipping_method = models.CharField(
        "Default shipping method",
        max_length=128,
        blank=True,
        help_text="Choose a default shipping method for aliexpress.com orders (carrier_method).",
    )
    notification_email = models.EmailField(
        "Email Id to Receive Critical Notifications",
        blank=True,
        help_text="Get an e-mail when you need to know something. Example: owner@example.com",
    )
    debug_mode = models.BooleanField(
        "Aliexpress Debug Mode",
        default=False,
        help_text="Enable it to log every API request and answer (secrets and tokens are redacted).",
    )
    customer_email = models.EmailField(
        "Aliexpress Customer Email",
        blank=True,
        help_text="Enter the e-mail of the customer the AliExpress orders are created for.",
    )
    order_id_prefix = models.CharField(
        "Aliexpress Order ID Prefix",
        max_length=10,
        blank=True,
        help_text="AliExpress order id prefix (Ex: AE-)",
    )

    # --- Aliexpress Product Global Settings ---
    store_view_code = models.CharField(
        "Select store",
        max_length=64,
        default="default",
        help_text="The Magento store view the products are read from.",
    )
    website_code = models.CharField(
        "Website",
        max_length=64,
        default="base",
        help_text="The website of that store view (its salable stock).",
    )
    main_locale = models.CharField(
        "Main AliExpress language",
        max_length=5,
        choices=ALIEXPRESS_LOCALES,
        default=DEFAULT_LOCALE,
        help_text="The language of the selected store view's names and descriptions. AliExpress keeps a "
        "product's main language once it is uploaded, and translates it by machine into the others.",
    )
    # Store view code → AliExpress locale; edited as "code=locale" lines (forms.LocaleMappingField).
    extra_locales = models.JSONField(
        "Further AliExpress languages",
        default=_no_extra_locales,
        blank=True,
        help_text="One line per further store view: store view code=AliExpress locale (e.g. french=fr_FR), "
        "to send your own translations instead of AliExpress's machine translation.",
    )
    swatches = models.BooleanField("Aliexpress Swatches", default=False, help_text="Send swatch images.")
    freight_template_id = models.CharField("Shipping template", max_length=32, blank=True)
    service_template_id = models.CharField("Service template", max_length=32, blank=True)
    package_length = models.PositiveSmallIntegerField(
        "Package length (cm)", default=30, help_text="Every product's package, in whole centimetres (1-700)."
    )
    package_width = models.PositiveSmallIntegerField("Package width (cm)", default=20)
    package_height = models.PositiveSmallIntegerField("Package height (cm)", default=5)
    stock_buffer = models.PositiveIntegerField(
        "Stock buffer",
        default=0,
        help_text="Units kept back from AliExpress (e.g. for other channels): subtracted from the "
        "salable quantity.",
    )
    stock_threshold = models.PositiveIntegerField(
        "Out-of-stock threshold",
        default=0,
        help_text="At or below this quantity (after the buffer) AliExpress is sent 0.",
    )
    stock_max = models.PositiveIntegerField(
        "Maximum quantity sent",
        null=True,
        blank=True,
        help_text="AliExpress is never sent more than this per SKU; empty = no cap. Products with "
        "unlimited stock (not managed, or backorders) are sent this, or 100 when it is empty.",
    )
    auto_image_resizing = models.BooleanField(
        "Auto Image Resizing", default=True, help_text="Resize images to AliExpress's limits before upload."
    )
    feed_size = models.PositiveIntegerField(
        "Feed Size",
        default=MAX_FEED_SIZE,
        help_text=f"Items sent to AliExpress in one feed (at most {MAX_FEED_SIZE}).",
    )
    upload_chunk_size = models.PositiveIntegerField(
        "Upload Chunk Size", default=100, help_text="Products prepared and uploaded per batch."
    )
    inventory_chunk_size = models.PositiveIntegerField(
        "Inventory Chunk Size",
        default=MAX_PRICE_OR_INVENTORY_CHUNK,
        help_text=f"Products per inventory update call (at most {MAX_PRICE_OR_INVENTORY_CHUNK}).",
    )
    price_chunk_size = models.PositiveIntegerField(
        "Price Chunk Size",
        default=MAX_PRICE_OR_INVENTORY_CHUNK,
        help_text=f"Products per price update call (at most {MAX_PRICE_OR_INVENTORY_CHUNK}).",
    )

    # --- Aliexpress Product Advanced Price Settings ---
    price_rule = models.CharField(
        "Aliexpress Product Price",
        max_length=20,
        choices=PriceRule.choices,
        default=PriceRule.DEFAULT,
        help_text="Set a different AliExpress price for all products, derived from the Magento price.",
    )
    price_fixed_amount = models.DecimalField(
        "Modify by Fix Price", max_digits=12, decimal_places=2, null=True, blank=True
    )
    price_percentage = models.DecimalField(
        "Modify by Percentage Price",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="E.g. 5 with Increase by Fixed Percentage: Magento price 100 → AliExpress price 105.",
    )
    quotation_currency = models.CharField(
        "AliExpress quotation currency",
        max_length=3,
        blank=True,
        help_text="The currency AliExpress quotes your seller account in (USD, EUR, RUB…, as its "
        "merchant profile shows it). Empty = the selected store view's base currency.",
    )
    currency_rate = models.DecimalField(
        "Conversion rate",
        max_digits=16,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="1 unit of the store's base currency = this many units of the quotation currency "
        "(e.g. 0.9 from USD to EUR). Required with the fixed rate when the two currencies differ: prices "
        "are never sent unconverted.",
    )
    rate_source = models.CharField(
        "Rate source",
        max_length=10,
        choices=RateSource.choices,
        default=RateSource.SETTING,
        help_text="The store's rates are read when the catalog refreshes and when the lists are loaded "
        "(Magento 2 only: Magento 1's API has no currency-rate call).",
    )
    # When the Conversion rate was last changed: the date shown beside a price converted with it.
    currency_rate_set_at = models.DateTimeField(null=True, blank=True)
    # The store's own rates as last read (``accounts.services.rates``): {"base", "rates": {code: text},
    # "read_at", "error", "error_at"}; kept when a later read fails, with that failure beside them.
    store_rates = models.JSONField(default=dict, blank=True)
    fulfilment_lag_days = models.PositiveSmallIntegerField(
        "Fulfilment Lag Time", default=3, help_text="Days between an order and its dispatch."
    )

    # --- Order Configuration ---
    buyer_login_id = models.CharField(
        "Buyer Login Id", max_length=128, blank=True, help_text="Fetch only this buyer's orders (for tests)."
    )
    fetch_order_statuses = models.JSONField("Fetch Order Status", default=_default_fetch_statuses, blank=True)
    create_date_start = models.DateTimeField("Create Date Start", null=True, blank=True)
    create_date_end = models.DateTimeField("Create Date End", null=True, blank=True)
    modified_date_start = models.DateTimeField("Modified Date Start", null=True, blank=True)
    modified_date_end = models.DateTimeField("Modified Date End", null=True, blank=True)
    order_page_size = models.PositiveSmallIntegerField(
        "Page Size", default=20, help_text=f"Page size to fetch orders (at most {MAX_ORDER_PAGE_SIZE})."
    )
    create_orders_out_of_stock = models.BooleanField("Create Orders for Out of Stock Products", default=False)
    create_orders_disabled = models.BooleanField("Create Orders for Disabled Products", default=False)
    alternate_sku_attribute = models.CharField(
        "Alternate SKU Attribute",
        max_length=60,
        blank=True,
        help_text="The code of a Magento product attribute holding each product's AliExpress SKU code (e.g. "
        "aliexpress_sku): an order line whose SKU code is not a Magento SKU is matched by that attribute's "
        "value in the catalog mirror. Empty: SKU codes are Magento SKUs.",
    )
    use_quote_method = models.BooleanField(
        "Use Quote method to create Orders",
        default=True,
        help_text="Magento prices, taxes and reserves stock through a cart. Say No only without MSI and "
        "when a third-party module breaks cart checkout.",
    )

    # --- Cron Settings ---
    cron_override = models.BooleanField(
        "Cron Settings Override",
        default=False,
        help_text="Yes: use the settings below instead of the defaults.",
    )
    order_cron_enabled = models.BooleanField("Enable Order Cron", default=True)
    order_cron_minutes = models.PositiveSmallIntegerField("Order Cron every (minutes)", default=10)
    order_status_cron_enabled = models.BooleanField("Enable Order Status Sync Cron", default=False)
    order_status_cron_minutes = models.PositiveSmallIntegerField(
        "Order Status Sync every (minutes)", default=30
    )
    # Shipments are due on AliExpress within the handling time: on by default, unlike the status sync.
    shipment_cron_enabled = models.BooleanField("Enable Shipment Sync Cron", default=True)
    shipment_cron_minutes = models.PositiveSmallIntegerField("Shipment Sync every (minutes)", default=15)
    inventory_cron_enabled = models.BooleanField("Enable Inventory Cron", default=True)
    inventory_cron_minutes = models.PositiveSmallIntegerField("Inventory Cron every (minutes)", default=15)
    price_cron_enabled = models.BooleanField("Enable Price Cron", default=True)
    price_cron_minutes = models.PositiveSmallIntegerField("Price Cron every (minutes)", default=60)
    # Uploads the new products of profiles that ask for it, and sends a full update of live products
    # whose item changed (payload hash); an unchanged product costs no call.
    product_cron_enabled = models.BooleanField("Enable Product Cron", default=True)
    product_cron_minutes = models.PositiveSmallIntegerField("Product Cron every (minutes)", default=60)
    catalog_cron_enabled = models.BooleanField("Enable Catalog Refresh Cron", default=True)
    catalog_cron_minutes = models.PositiveSmallIntegerField("Catalog Refresh every (minutes)", default=60)
    # Queries only the feeds whose backoff (30 s doubling to 30 min) is due; a run with none leaves no row.
    feed_sync_cron_enabled = models.BooleanField("Enable Feed Sync Cron", default=True)
    feed_sync_cron_minutes = models.PositiveSmallIntegerField("Feed Sync every (minutes)", default=5)

    # --- Magento connection ---
    platform = models.CharField(
        "Platform",
        max_length=20,
        choices=Platform.choices,
        default=Platform.MAGENTO2,
        help_text="Magento 1 creates orders with the quote method only: its API has no direct order "
        "creation. Its configurable products need the connector module (magento1-module/, see the README).",
    )
    magento_base_url = models.URLField(
        "Magento base URL",
        blank=True,
        help_text="The shop root, e.g. https://shop.example (add /index.php when URL rewrites are off).",
    )
    magento_auth = models.CharField(
        "Authentication", max_length=20, choices=MagentoAuth.choices, default=MagentoAuth.INTEGRATION
    )
    magento_token = EncryptedTextField("Integration access token", blank=True, sent_to="magento_base_url")
    magento_username = models.CharField("Admin user name", max_length=128, blank=True)
    magento_password = EncryptedTextField("Admin password", blank=True, sent_to="magento_base_url")
    magento_consumer_key = models.CharField("Consumer key", max_length=64, blank=True)
    magento_consumer_secret = EncryptedTextField("Consumer secret", blank=True, sent_to="magento_base_url")
    magento_access_token = EncryptedTextField("Access token", blank=True, sent_to="magento_base_url")
    magento_access_token_secret = EncryptedTextField(
        "Access token secret", blank=True, sent_to="magento_base_url"
    )
    magento1_api_user = models.CharField(
        "API user", max_length=128, blank=True, help_text="System → Web Services → SOAP/XML-RPC - Users."
    )
    magento1_api_key = EncryptedTextField("API key", blank=True, sent_to="magento_base_url")

    # --- API call budget (every client built for this account takes its calls from it) ---
    aliexpress_qps = models.PositiveIntegerField(
        "AliExpress calls per second",
        default=aliexpress_limits.DEFAULT_QPS,
        help_text="At most this many AliExpress calls a second, across every worker (0 = no limit). "
        f"AliExpress allows {aliexpress_limits.DEFAULT_QPS} per seller.",
    )
    aliexpress_daily_quota = models.PositiveIntegerField(
        "AliExpress calls per day",
        default=aliexpress_limits.DEFAULT_DAILY_QUOTA,
        help_text="Your app's daily call quota, as its AliExpress console shows it (0 = no limit); "
        "the day starts at midnight Beijing time. "
        f"{aliexpress_limits.DEFAULT_DAILY_QUOTA:,} is the quota of an app not yet released.",
    )
    magento_qps = models.PositiveIntegerField(
        "Magento calls per second",
        default=DEFAULT_MAGENTO_QPS,
        help_text="At most this many calls a second to the Magento store, across every worker (0 = no "
        "limit). Magento publishes no limit: raise it if the store's host keeps up.",
    )

    # --- state kept by the connector ---
    # Lists fetched from AliExpress and Magento for the page's choices (store views, methods,
    # templates, logistics services), with when and what failed.
    remote_choices = models.JSONField(default=dict, blank=True)
    paused_reason = models.TextField(blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    # The refresh-token expiry a warning e-mail was already sent for (one e-mail per expiry).
    refresh_warning_sent_for = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # --- who may see it (superusers see every account; see selectors.visible_accounts) ---
    allowed_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="Users allowed",
        blank=True,
        related_name="granted_accounts",
        limit_choices_to={"is_staff": True},
        help_text="Staff users who see this account, its logs and its rows. Superusers see every account.",
    )
    allowed_groups = models.ManyToManyField(
        "auth.Group",
        verbose_name="Groups allowed",
        blank=True,
        related_name="granted_accounts",
        help_text="Every staff member of these groups sees this account too.",
    )

    class Meta:
        ordering = ("name",)
        verbose_name = "configuration"
        verbose_name_plural = "Configuration"
        permissions = [("manage_access", "Can choose who sees an account")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_paused(self) -> bool:
        return bool(self.paused_reason)


# Which fields are secret, in one place: the encrypted ones, read off the model, so that a new
# encrypted field is masked by the form, redacted by the debug log, re-encrypted by rotate_secrets and
# dropped when its base URL moves, with no list to update.
SECRET_FIELDS: tuple[str, ...] = tuple(
    field.name for field in Account._meta.concrete_fields if isinstance(field, EncryptedTextField)
)


def secret_fields_sent_to(url_field: str) -> tuple[str, ...]:
    """The secrets sent to (or signing requests for) the base URL in ``url_field``."""
    return tuple(
        name for name in SECRET_FIELDS if getattr(Account._meta.get_field(name), "sent_to", "") == url_field
    )


class CarrierMapping(models.Model):
    """Order Configuration → Carrier Mapping: a Magento carrier → the AliExpress logistics service its
    tracking numbers are sent as (``service_name`` of listlogisticsservice), or "other" with a URL."""

    OTHER = "other"

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="carrier_mappings")
    magento_carrier = models.CharField("Magento carrier code", max_length=64)
    magento_title = models.CharField("Magento carrier title", max_length=128, blank=True)
    aliexpress_service = models.CharField("AliExpress logistics service", max_length=128)
    tracking_url = models.URLField("Tracking URL", blank=True)

    class Meta:
        ordering = ("magento_carrier",)
        constraints = [
            models.UniqueConstraint(fields=("account", "magento_carrier"), name="one_mapping_per_carrier"),
        ]

    def __str__(self) -> str:
        return f"{self.magento_carrier} → {self.aliexpress_service}"


class AuthorizationRequest(models.Model):
    """One Get Code click: the single-use nonce inside the signed OAuth ``state``."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    redirect_uri = models.URLField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"authorization of {self.account_id} at {self.created_at:%Y-%m-%d %H:%M:%S}"


class ScheduledJob(models.Model):
    """When the scheduler tick last queued one of an account's jobs."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="scheduled_jobs")
    job_code = models.CharField(max_length=100)
    last_queued_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=("account", "job_code"), name="one_schedule_per_job")]

    def __str__(self) -> str:
        return f"{self.job_code} for account {self.account_id}"
