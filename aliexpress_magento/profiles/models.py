"""The per-account caches the Profiles pages read: AliExpress's category tree and leaf schemas."""

from __future__ import annotations

from django.db import models


class AliExpressCategory(models.Model):
    """One node of the seller category tree, as ``category.tree.query`` listed it for the account
    (the tree depends on the seller's permissions, so it is cached per account)."""

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    category_id = models.BigIntegerField("Category ID")
    parent_id = models.BigIntegerField("Parent ID")  # 0 = a root
    name = models.CharField(max_length=255)
    names = models.JSONField("Names by language", default=dict)
    level = models.PositiveSmallIntegerField()
    is_leaf = models.BooleanField("Leaf")
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = "AliExpress category"
        verbose_name_plural = "AliExpress categories"
        ordering = ("account", "parent_id", "name")
        constraints = [
            models.UniqueConstraint(fields=("account", "category_id"), name="profiles_category_unique")
        ]
        indexes = [models.Index(fields=("account", "parent_id"))]

    def __str__(self) -> str:
        return f"{self.name} ({self.category_id})"


class CategorySchema(models.Model):
    """A leaf category's product schema: the text exactly as received (later validation runs on the
    real schema) and its parsed description (``schema_parser.SchemaDescription`` as JSON)."""

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    category_id = models.BigIntegerField("Category ID")
    raw_schema = models.TextField()
    parsed = models.JSONField()
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = "AliExpress category schema"
        constraints = [
            models.UniqueConstraint(fields=("account", "category_id"), name="profiles_schema_unique")
        ]

    def __str__(self) -> str:
        return f"schema of category {self.category_id}"
