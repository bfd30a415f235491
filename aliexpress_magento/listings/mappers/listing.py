"""Pure pieces of a listing's state: the payload's hash, the feed item of an update, the problems as the
listing's ``errors`` rows, and the SKU values a sent item carried."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from aliexpress_magento.listings.mappers.inputs import ProfileSnapshot
from aliexpress_magento.listings.mappers.problems import Problem

PRODUCT_ID_KEY = "aliexpress_product_id"  # what a PRODUCT_FULL_UPDATE item adds (fact sheet §5)
# The Magento side of the fields the builder fills from the product itself (attributes say their own).
MAGENTO_FIELD = {
    "title_multi_language_list": "name",
    "description_multi_language_list": "description",
    "image_url_list": "image",
    "price": "price",
    "discount_price": "special_price",
    "inventory": "salable quantity",
    "package_weight": "weight",
    "shipping_template_id": "Shipping template (Configuration)",
}


def payload_hash(item: Mapping[str, Any]) -> str:
    """sha256 of the item as sent, without the product id an update adds: a canonical JSON, so the same
    item always hashes the same."""
    content = {k: v for k, v in item.items() if k != PRODUCT_ID_KEY}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def update_item(item: Mapping[str, Any], product_id: int) -> dict[str, Any]:
    """The ``PRODUCT_FULL_UPDATE`` item: the schema instance plus the AliExpress product id."""
    return {**item, PRODUCT_ID_KEY: product_id}


def error(attribute: str, magento: str, message: str) -> dict[str, str]:
    return {"attribute": attribute, "magento": magento, "message": message}


def problem_errors(problems: Iterable[Problem], profile: ProfileSnapshot) -> list[dict[str, str]]:
    """Each problem as ``{attribute, magento, message}``: the AliExpress field (an attribute by its
    name), and the Magento attribute the profile maps to it, or the Magento field it comes from."""
    return [_error(problem, profile) for problem in problems]


def _error(problem: Problem, profile: ProfileSnapshot) -> dict[str, str]:
    parts = [p for p in problem.path.split("/") if p]
    if len(parts) >= 2 and parts[0] == "category_attributes":
        return error(parts[1], _mapped(profile, "category", parts[1]), problem.message)
    if len(parts) >= 4 and parts[0] == "sku_info_list" and parts[2] == "sku_attributes":
        return error(parts[3], _mapped(profile, "sku", parts[3]), problem.message)
    field = parts[2] if len(parts) >= 3 and parts[0] == "sku_info_list" else (parts[0] if parts else "")
    return error(field, MAGENTO_FIELD.get(field, ""), problem.message)


def _mapped(profile: ProfileSnapshot, kind: str, attribute: str) -> str:
    mapping = profile.mapping(kind, attribute)
    if mapping is None:
        return ""
    return mapping.magento_attribute or (f"fixed value {mapping.fixed_value}" if mapping.fixed_value else "")


@dataclass(frozen=True)
class SentSku:
    sku_code: str
    price: Decimal | None
    discount_price: Decimal | None
    inventory: int | None


def sent_skus(item: Mapping[str, Any]) -> list[SentSku]:
    """The SKUs of an item as sent (JSON numbers back to Decimal cents): what AliExpress now has."""
    return [
        SentSku(
            str(s["sku_code"]),
            _money(s.get("price")),
            _money(s.get("discount_price")),
            _int(s.get("inventory")),
        )
        for s in item.get("sku_info_list") or []
        if isinstance(s, Mapping) and s.get("sku_code")
    ]


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _int(value: Any) -> int | None:
    return None if value is None else int(value)
