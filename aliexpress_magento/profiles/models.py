"""The per-account caches the Profiles pages read: AliExpress's category tree and leaf schemas."""

from __future__ import annotations

from django.core.validators import RegexValidator
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


PROFILE_CODE_HELP = (
    "For internal use. Please use only letters (a-z), numbers (0-9) or underscore(_) in this field, "
    "first character should be a letter"
)


TITLE_TEMPLATE_HELP = (
    "Optional. The AliExpress title built from Magento attribute codes, e.g. {brand} {name} {color}: "
    "{name} is the product's name (in each language's), {sku} its SKU, a select attribute gives its "
    "option label. A value a product lacks is left out with its separator. Empty: the product's name."
)


class Profile(models.Model):
    """A set of Magento products sold in one AliExpress leaf category, with the rules that turn their
    Magento attributes into that category's attributes (manual §4)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        INACTIVE = "inactive", "Inactive"

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(
        "Profile Code",
        max_length=64,
        help_text=PROFILE_CODE_HELP,
        validators=[
            RegexValidator(
                r"^[a-z][a-z0-9_]*$",
                "Use only small letters (a-z), numbers (0-9) or underscore (_), "
                "and start with a small letter — no spaces.",
            )
        ],
    )
    name = models.CharField(
        "Profile Name", max_length=255, help_text="Give some name to profile to identify them"
    )
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text="Make active to enable the profile",
    )
    category_id = models.BigIntegerField("AliExpress category", null=True, blank=True)
    # The picked category's names from the root down, kept with the pick: the grid's Profile Category
    # (the root) and Profile Sub Category (the leaf) need no tree walk.
    category_path = models.JSONField(default=list, blank=True)
    # Auto-assignment (beyond the manual): products first mirrored after ``rules_since`` that are in one
    # of these Magento categories or attribute sets join the profile on the catalog refresh.
    rule_category_ids = models.JSONField("Auto-add Magento categories", default=list, blank=True)
    rule_attribute_set_ids = models.JSONField("Auto-add attribute sets", default=list, blank=True)
    rules_since = models.DateTimeField(null=True, blank=True)
    # The AliExpress title from Magento attributes (``profiles.title_template``); "" = the product's name.
    title_template = models.CharField(
        "Title template",
        max_length=255,
        blank=True,
        help_text=TITLE_TEMPLATE_HELP,
    )
    # Sent by the Product Cron (``listings.sync_products``), beyond the manual (CedCommerce's newer
    # connectors): the profile's products never uploaded, and live configurables' new children.
    auto_upload_new_products = models.BooleanField(
        "Upload new products automatically",
        default=False,
        help_text="The Product Cron uploads this profile's products that were never uploaded (assigned "
        "by hand or by the auto-assignment rules). Invalid ones stay for Validate & Upload.",
    )
    auto_upload_new_children = models.BooleanField(
        "Send new children of listed configurables automatically",
        default=False,
        help_text="The Product Cron sends a full update of a live configurable that gained an enabled "
        "child. Off: such a configurable waits for Update Selected Product(s).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "profile"
        verbose_name_plural = "Aliexpress Profile Listing"
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("account", "code"), name="profile_code_unique"),
            models.UniqueConstraint(fields=("account", "name"), name="profile_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def root_category_name(self) -> str:
        return self.category_path[0] if self.category_path else ""

    @property
    def leaf_category_name(self) -> str:
        return self.category_path[-1] if len(self.category_path) > 1 else ""


class AttributeMapping(models.Model):
    """How one AliExpress attribute of the profile's category gets its value: from a Magento attribute
    (with a map of its options to AliExpress values, and a default) or a fixed AliExpress value.

    ``value_map`` is ``{magento option id: {"value": AliExpress value id, "custom": text}}``; ``custom``
    is the text sent with "Other" where the schema allows a custom value. For a SKU attribute (Color,
    Size…) the Magento attribute is a configurable axis; ``send_custom_names`` sends Magento's option
    label as the SKU property's custom name, ``send_swatch_image`` the swatch image."""

    class Kind(models.TextChoices):
        CATEGORY = "category", "Category attribute"
        SKU = "sku", "SKU attribute"

    class Source(models.TextChoices):
        MAGENTO = "magento", "Magento attribute"
        FIXED = "fixed", "Fixed AliExpress value"

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="mappings")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CATEGORY)
    aliexpress_attribute = models.CharField(max_length=255)  # the schema's property name
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MAGENTO)
    magento_attribute = models.CharField(max_length=255, blank=True)
    fixed_value = models.CharField(max_length=255, blank=True)  # a value id, or text for a free-text one
    fixed_custom = models.CharField(max_length=255, blank=True)
    value_map = models.JSONField(default=dict, blank=True)
    default_value = models.CharField(max_length=255, blank=True)
    default_custom = models.CharField(max_length=255, blank=True)
    send_custom_names = models.BooleanField(default=False)
    send_swatch_image = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("profile", "kind", "aliexpress_attribute"), name="profile_mapping_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.aliexpress_attribute} ← {self.magento_attribute or self.fixed_value}"


class ProfileProduct(models.Model):
    """A Magento product (a simple, or a configurable with its children) assigned to a profile. The
    product is the primary key: the database itself keeps a product in at most one profile — stricter
    than "one active profile", and it means a status change can never make two profiles claim one
    product. Children are not assigned on their own: they follow their configurable."""

    class Origin(models.TextChoices):
        MANUAL = "manual", "By hand"
        RULE = "rule", "Auto-assignment rule"

    product = models.OneToOneField(
        "catalog.CatalogProduct", on_delete=models.CASCADE, primary_key=True, related_name="profile_link"
    )
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="assignments")
    assigned_by = models.CharField(max_length=16, choices=Origin.choices, default=Origin.MANUAL)
    assigned_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=("profile", "product"))]

    def __str__(self) -> str:
        return f"product {self.product_id} in profile {self.profile_id}"
