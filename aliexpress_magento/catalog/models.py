"""The account's Magento catalog mirrored locally: what the listing pages read instead of asking Magento."""

from __future__ import annotations

from django.db import models


class CatalogProduct(models.Model):
    """One Magento product of an account, as the last refresh read it. A product gone from Magento keeps
    its row with ``removed_at`` set (bindings to it must still show what it was)."""

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    entity_id = models.BigIntegerField("Magento ID")  # the platform's own id: a SKU can be renamed
    sku = models.CharField("SKU", max_length=255, db_index=True)
    type = models.CharField(max_length=32)
    name = models.CharField(max_length=255)
    enabled = models.BooleanField()
    visibility = models.PositiveSmallIntegerField()
    price = models.DecimalField(max_digits=14, decimal_places=4, null=True)
    special_price = models.DecimalField(max_digits=14, decimal_places=4, null=True)
    weight = models.FloatField(null=True)
    attributes = models.JSONField(default=dict)
    images = models.JSONField(default=list)  # [{url, label, position, types}]
    category_ids = models.JSONField(default=list)
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, related_name="children")
    axis_values = models.JSONField(default=list)  # a child's [{attribute_code, option_id, label}]
    axes = models.JSONField(default=list)  # a configurable's variation attribute codes
    unavailable_reason = models.CharField(max_length=255, blank=True)
    salable_qty = models.DecimalField(max_digits=14, decimal_places=4, null=True)
    is_salable = models.BooleanField(default=False)
    limited = models.BooleanField(default=True)
    stock_read_at = models.DateTimeField(null=True)  # when the stock pass last wrote a different value
    updated_at = models.DateTimeField("Magento updated at")
    content_hash = models.CharField(max_length=64)  # sha256 of the mirrored fields (services.refresh)
    removed_at = models.DateTimeField(null=True)  # null = live
    mirrored_at = models.DateTimeField()  # when the row was last written by the product pass

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("account", "entity_id"), name="catalog_product_unique"),
        ]
        indexes = [models.Index(fields=("account", "sku"))]

    def __str__(self) -> str:
        return f"{self.sku} ({self.entity_id})"


class CatalogState(models.Model):
    """Where an account's mirror stands: the incremental refresh reads from ``watermark`` (less an
    overlap); ``full_read_at`` is when a complete read last ended (and removals were decided)."""

    account = models.OneToOneField("accounts.Account", on_delete=models.CASCADE, related_name="+")
    watermark = models.DateTimeField(null=True)  # the last Magento updated_at fully committed
    full_read_at = models.DateTimeField(null=True)
    stock_read_at = models.DateTimeField(null=True)  # when the last stock pass ended

    def __str__(self) -> str:
        return f"catalog of account {self.account_id}"
