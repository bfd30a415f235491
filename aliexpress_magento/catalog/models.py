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
    attribute_set_id = models.IntegerField("Attribute set", null=True)
    name = models.CharField(max_length=255)
    enabled = models.BooleanField()
    visibility = models.PositiveSmallIntegerField()
    price = models.DecimalField(max_digits=14, decimal_places=4, null=True)
    special_price = models.DecimalField(max_digits=14, decimal_places=4, null=True)
    # The special price's window, both days inclusive, in the store's time zone (Magento's own days, not
    # instants); null: open on that side. The listing engine sends the discount only inside it.
    special_price_from = models.DateField(null=True)
    special_price_to = models.DateField(null=True)
    weight = models.FloatField(null=True)
    attributes = models.JSONField(default=dict)
    images = models.JSONField(default=list)  # [{url, label, position, types}]
    category_ids = models.JSONField(default=list)
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, related_name="children")
    axis_values = models.JSONField(default=list)  # a child's [{attribute_code, option_id, label}]
    axes = models.JSONField(default=list)  # a configurable's variation attribute codes
    # The product's texts in the further store views the account maps to AliExpress locales:
    # {view code: {"name", "description", "short_description"}} as a read scoped to that view answers
    # them (empty ones left out); {} when none is mapped. A JSON field rather than a table: it is always
    # read with its row (the payload builder's page of products, no extra query), written by the same
    # upsert and covered by the same content hash (services.refresh), so a text changed in another view
    # rewrites the row like any change.
    store_view_texts = models.JSONField(default=dict)
    unavailable_reason = models.CharField(max_length=255, blank=True)
    salable_qty = models.DecimalField(max_digits=14, decimal_places=4, null=True)
    is_salable = models.BooleanField(default=False)
    limited = models.BooleanField(default=True)
    stock_read_at = models.DateTimeField(null=True)  # when the stock pass last wrote a different value
    updated_at = models.DateTimeField("Magento updated at")
    content_hash = models.CharField(max_length=64)  # sha256 of the mirrored fields (services.refresh)
    removed_at = models.DateTimeField(null=True)  # null = live
    mirrored_at = models.DateTimeField()  # when the row was last written by the product pass
    # When the product was first mirrored: auto-assignment rules take the products that arrive after
    # the rule was saved (refresh writes it on insert only).
    first_mirrored_at = models.DateTimeField(null=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("account", "entity_id"), name="catalog_product_unique"),
        ]
        indexes = [models.Index(fields=("account", "sku"))]

    def __str__(self) -> str:
        return f"{self.sku} ({self.entity_id})"


class CatalogProductCategory(models.Model):
    """A product's Magento category, one row per (product, category): ``CatalogProduct.category_ids`` as
    a table, so "every product of these categories" is one indexed join on SQLite and PostgreSQL alike.
    Rewritten by the refresh for the rows it writes."""

    product = models.ForeignKey(CatalogProduct, on_delete=models.CASCADE, related_name="category_links")
    category_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("product", "category_id"), name="catalog_product_category_unique")
        ]
        indexes = [models.Index(fields=("category_id", "product"))]

    def __str__(self) -> str:
        return f"product {self.product_id} in category {self.category_id}"


class CatalogAttribute(models.Model):
    """A Magento product attribute (with its options) as the Store lists it: what the mapping pages
    offer. ``options`` is ``[{"id": "…", "label": "…"}]`` in Magento's order."""

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=255)
    label = models.CharField(max_length=255)
    input_type = models.CharField(max_length=64)
    required = models.BooleanField(default=False)
    options = models.JSONField(default=list)
    mirrored_at = models.DateTimeField()

    class Meta:
        ordering = ("label", "code")
        constraints = [models.UniqueConstraint(fields=("account", "code"), name="catalog_attribute_unique")]

    def __str__(self) -> str:
        return f"{self.label} ({self.code})"


class CatalogCategory(models.Model):
    """A node of the Magento category tree. ``path`` is the names from the root down, for display."""

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    category_id = models.BigIntegerField("Magento category ID")
    parent_id = models.BigIntegerField()
    name = models.CharField(max_length=255)
    path = models.CharField(max_length=1000)
    level = models.PositiveSmallIntegerField()
    position = models.IntegerField(default=0)
    active = models.BooleanField(default=True)
    mirrored_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "catalog categories"
        ordering = ("path",)
        constraints = [
            models.UniqueConstraint(fields=("account", "category_id"), name="catalog_category_unique")
        ]

    def __str__(self) -> str:
        return self.path or self.name


class CatalogState(models.Model):
    """Where an account's mirror stands: the incremental refresh reads from ``watermark`` (less an
    overlap); ``full_read_at`` is when a complete read last ended (and removals were decided)."""

    account = models.OneToOneField("accounts.Account", on_delete=models.CASCADE, related_name="+")
    watermark = models.DateTimeField(null=True)  # the last Magento updated_at fully committed
    full_read_at = models.DateTimeField(null=True)
    stock_read_at = models.DateTimeField(null=True)  # when the last stock pass ended
    taxonomy_read_at = models.DateTimeField(null=True)  # attributes and categories last mirrored
    # The further store views whose texts the last complete read took (services.view_texts): a view
    # mapped since has no texts in the mirror, so the next refresh reads everything.
    text_views = models.JSONField(default=list)
    # The running (or last) refresh, for the Refresh catalog button's progress: phase is "" when idle.
    refresh_phase = models.CharField(max_length=32, blank=True)
    refresh_done = models.PositiveIntegerField(default=0)  # products (or SKUs in the stock phase) so far
    refresh_total = models.PositiveIntegerField(null=True)  # known for the stock phase only
    refresh_started_at = models.DateTimeField(null=True)
    refresh_finished_at = models.DateTimeField(null=True)
    refresh_message = models.TextField(blank=True)  # the last refresh's outcome, as logged

    def __str__(self) -> str:
        return f"catalog of account {self.account_id}"
