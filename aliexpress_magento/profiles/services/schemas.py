"""The product schema of a leaf category, cached per account: the text as AliExpress sent it and its
parsed description (:mod:`aliexpress_magento.profiles.mappers`)."""

from __future__ import annotations

import json

from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.profiles.mappers import SchemaDescription, parse_schema
from aliexpress_magento.profiles.models import AliExpressCategory, CategorySchema
from aliexpress_magento.profiles.services import remote

LOG_TYPE = "schema"


class NotLeafError(ValueError):
    """Only a leaf category has a product schema; ``str(exc)`` says which category and what to do."""


def schema(account: Account, category_id: int, *, refresh: bool = False) -> CategorySchema:
    """The cached schema of ``category_id``, fetched the first time or when ``refresh`` is set. A
    category the cached tree knows as a non-leaf is refused before any call; one it does not know is
    asked, and AliExpress's refusal is reported (with the cached copy kept) like any failure."""
    cached = CategorySchema.objects.filter(account=account, category_id=category_id).first()
    if cached is not None and not refresh:
        return cached
    _check_leaf(account, category_id)
    raw = remote.fetch(
        account,
        f"the product schema of category {category_id}",
        LOG_TYPE,
        lambda c: c.categories.schema_text(category_id),
    )
    description = parse_schema(json.loads(raw))  # schema_text checked it decodes to an object
    stored, _ = CategorySchema.objects.update_or_create(
        account=account,
        category_id=category_id,
        defaults={"raw_schema": raw, "parsed": description.as_json(), "fetched_at": timezone.now()},
    )
    record(Level.INFO, LOG_TYPE, _summary(category_id, description), sub_type="fetch", account_id=account.pk)
    return stored


def _check_leaf(account: Account, category_id: int) -> None:
    node = AliExpressCategory.objects.filter(account=account, category_id=category_id).first()
    if node is None or node.is_leaf:
        return
    message = (
        f"{node} is not a leaf category: only a leaf category has a product schema; "
        "choose one of its subcategories."
    )
    record(Level.ERROR, LOG_TYPE, message, sub_type="fetch", account_id=account.pk)
    raise NotLeafError(message)


def _summary(category_id: int, description: SchemaDescription) -> str:
    required = sum(1 for a in description.attributes if a.required)
    return (
        f"Fetched the product schema of category {category_id}: {len(description.attributes)} "
        f"attributes ({required} required), {len(description.sku_attributes)} SKU attributes."
    )
