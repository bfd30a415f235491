"""The listing engine's rows: the photobank cache (issue 13, item 4), and each Magento product's
AliExpress product — ``Listing``, the binding keyed on AliExpress's product id, unique per account —
with the SKUs it was last sent with (``ListingSku``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from aliexpress_magento.catalog.models import CatalogProduct


class PhotobankImage(models.Model):
    """One source image of the store, uploaded once to the account's photobank.

    Keyed by ``source_hash`` (the downloaded bytes), so a source seen again is neither resized nor
    uploaded again, whatever URL it came from. ``content_hash`` is of the bytes sent (after resizing):
    two sources that fit to the same bytes share one upload. AliExpress serves the photobank URL for as
    long as the image stays in the seller's photobank.

    ``checked_at``: when a download last found ``source_url`` holding these bytes. Validate & Upload
    trusts the URL without a download while the product's mirror row is older than that (see
    ``services.images.upload.known_urls``).
    """

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    source_hash = models.CharField("Source SHA-256", max_length=64)
    source_url = models.URLField("Source URL", max_length=2000)  # where it was first downloaded from
    content_hash = models.CharField("Sent SHA-256", max_length=64)
    photobank_url = models.URLField("Photobank URL", max_length=2000)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size_bytes = models.PositiveIntegerField("Size (bytes)")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField("Source checked at", default=timezone.now)

    class Meta:
        verbose_name = "photobank image"
        constraints = [
            models.UniqueConstraint(fields=("account", "source_hash"), name="photobank_image_unique_source")
        ]
        indexes = [models.Index(fields=("account", "content_hash"), name="photobank_image_content")]

    def __str__(self) -> str:
        return self.photobank_url


class ListingStatus(models.TextChoices):
    NOT_UPLOADED = "not_uploaded", "Not uploaded"
    INVALID = "invalid", "Invalid"  # local validation found problems: nothing was sent
    QUEUED = "queued", "Queued"  # chosen for an upload whose job has not run yet
    UPLOADING = "uploading", "Uploading"  # sent in a feed (``Listing.feed_item``), awaiting its result
    LIVE = "live", "Live"
    ERROR = "error", "Error"  # AliExpress refused it, or an image or the submission failed
    OFFLINE = "offline", "Offline"
    DELETED = "deleted", "Deleted"


class Listing(models.Model):
    """One Magento product (a simple, or a configurable with one AliExpress SKU per child) as one
    AliExpress product.

    ``errors`` are ``[{"attribute", "magento", "message"}]``: the AliExpress field, the Magento attribute
    or value behind it, and a sentence for the merchant (validation problems, an image that failed, or
    AliExpress's own code and message). ``payload_hash`` is the sha256 of the last item sent: a live
    listing whose newly built item hashes the same is not sent again. ``feed_item`` is the upload in
    flight; its result, applied by the feed sync, makes the listing live or error."""

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    product = models.OneToOneField("catalog.CatalogProduct", on_delete=models.CASCADE, related_name="listing")
    profile = models.ForeignKey(
        "profiles.Profile", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=ListingStatus.choices, default=ListingStatus.NOT_UPLOADED
    )
    # AliExpress's ids pass 2^53: a 64-bit integer, never a float.
    aliexpress_product_id = models.BigIntegerField("AliExpress Product Id", null=True, blank=True)
    errors = models.JSONField(default=list, blank=True)
    payload_hash = models.CharField(max_length=64, blank=True)
    # The feed sync finds a result's listing by it (a foreign key: indexed).
    feed_item = models.ForeignKey(
        "feeds.FeedItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(null=True, blank=True)  # when AliExpress last accepted an upload
    synced_at = models.DateTimeField(null=True, blank=True)  # when a result from AliExpress last came
    updated_at = models.DateTimeField(default=timezone.now)  # set by the services (bulk writes too)

    class Meta:
        verbose_name = "listing"
        constraints = [
            models.UniqueConstraint(
                fields=("account", "aliexpress_product_id"),
                condition=models.Q(aliexpress_product_id__isnull=False),
                name="listing_product_id_unique_per_account",
            )
        ]
        indexes = [
            # The grids' and dashboard's questions: an account's listings by state, newest changes first.
            models.Index(fields=("account", "status", "updated_at"), name="listing_account_status"),
        ]

    def __str__(self) -> str:
        return f"listing of product {self.product_id} ({self.status})"


class ListingSku(models.Model):
    """One SKU of a listing (``sku_code``: the child's SKU, or the simple's own) with the price,
    discount price and quantity last pushed: the price and inventory syncs send only what differs."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="skus")
    sku_code = models.CharField(max_length=255)
    # The Magento product behind it; kept null when the child is gone from the mirror (the SKU is
    # still on AliExpress until the next full update).
    product = models.ForeignKey(
        "catalog.CatalogProduct", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pushed_price = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    pushed_discount_price = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    pushed_qty = models.IntegerField(null=True, blank=True)
    price_pushed_at = models.DateTimeField(null=True, blank=True)
    qty_pushed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "listing SKU"
        ordering = ("listing", "id")
        constraints = [models.UniqueConstraint(fields=("listing", "sku_code"), name="listing_sku_unique")]

    def __str__(self) -> str:
        return self.sku_code


class ManagedProduct(CatalogProduct):
    """AliExpress → Manage Products: the account's profiled products as the grid shows them (a proxy:
    the mirror's rows, with their profile assignment and listing beside them). Its own permissions say
    who may see the grid (view) and run its mass actions (change)."""

    class Meta:
        proxy = True
        verbose_name = "managed product"
        verbose_name_plural = "Manage Products"


class BulkAction(models.Model):
    """One mass action of Manage Products: the products chosen (ids in a JSON list, never through the
    broker), and the progress and result the job writes chunk by chunk, which the page polls."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=32)
    product_ids = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)  # products processed so far
    total = models.PositiveIntegerField(default=0)
    succeeded = models.PositiveIntegerField(default=0)  # SKUs per the services' Outcome
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    reasons = models.JSONField(default=list, blank=True)  # the first lines of skipped / failed reasons
    message = models.TextField(blank=True)  # why the job itself failed
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "bulk action"
        indexes = [models.Index(fields=("account", "created_at"), name="bulk_action_account_created")]

    def __str__(self) -> str:
        return f"{self.action} of {self.total} products ({self.status})"
