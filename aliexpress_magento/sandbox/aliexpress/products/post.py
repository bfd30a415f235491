"""``aliexpress.solution.product.post`` / ``.edit``: the ``PostProductRequestDto`` format (fact sheet §4.1).

The DTO is translated into the schema-instance format the sandbox stores, then checked against the
category schema like a feed item. ``subject`` may hold 218 characters here (128 in the schema format).
An edit overlays only the fields it sends; a sent ``sku_info_list`` replaces every SKU.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress.call import Call, JsonDict
from aliexpress_magento.sandbox.aliexpress.errors import business_error, invalid_parameter
from aliexpress_magento.sandbox.aliexpress.products import operations
from aliexpress_magento.sandbox.aliexpress.products.handlers import product_or_error
from aliexpress_magento.sandbox.aliexpress.schemas import TITLE_MAX_LENGTH

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World

SUBJECT_MAX_LENGTH = 218
LOCALES = {
    "en": "en_US",
    "es": "es_ES",
    "ru": "ru_RU",
    "fr": "fr_FR",
    "pt": "pt_BR",
    "de": "de_DE",
    "it": "it_IT",
    "nl": "nl_NL",
}
REQUIRED = (
    "language",
    "main_image_urls_list",
    "sku_info_list",
    "inventory_deduction_strategy",
    "weight",
    "package_length",
    "package_width",
    "package_height",
    "freight_template_id",
    "shipping_lead_time",
    "service_policy_id",
)
SCALARS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "aliexpress_category_id": ("category_id", int),
    "main_image_urls_list": ("image_url_list", list),
    "inventory_deduction_strategy": ("inventory_deduction_strategy", str),
    "weight": ("package_weight", float),
    "package_length": ("package_length", int),
    "package_width": ("package_width", int),
    "package_height": ("package_height", int),
    "freight_template_id": ("shipping_template_id", str),
    "shipping_lead_time": ("shipping_preparation_time", int),
    "service_policy_id": ("service_template_id", str),
    "product_unit": ("product_units_type", str),
    "group_id": ("product_group_id", str),
}


def _locale(language: Any) -> str:
    return LOCALES.get(str(language), str(language))


def _texts(dto: JsonDict, into: JsonDict) -> None:
    if "language" in dto:
        into["locale"] = _locale(dto["language"])
    if "multi_language_subject_list" in dto:
        into["title_multi_language_list"] = [
            {"locale": _locale(s["language"]), "title": s["subject"]}
            for s in dto["multi_language_subject_list"]
        ]
    if "multi_language_description_list" in dto:
        into["description_multi_language_list"] = [
            {
                "locale": _locale(d["language"]),
                "module_list": json.loads(d["web_detail"]).get("moduleList", []),
            }
            for d in dto["multi_language_description_list"]
        ]


def _attributes(dto: JsonDict, into: JsonDict) -> None:
    if "attribute_list" not in dto:
        return
    by_id = {a.id: a for a in seed.attributes().values()}
    chosen: JsonDict = {}
    custom: list[JsonDict] = []
    for entry in dto["attribute_list"]:
        attribute = by_id.get(int(entry.get("aliexpress_attribute_name_id") or 0))
        if attribute is None:
            custom.append(
                {"attribute_name": entry["attribute_name"], "attribute_value": entry["attribute_value"]}
            )
            continue
        value = str(entry.get("aliexpress_attribute_value_id") or entry.get("attribute_value", ""))
        slot = chosen.setdefault(attribute.name, {"value": [] if attribute.multi else value})
        if attribute.multi:
            slot["value"].append(value)
        if value == str(seed.OTHER_VALUE_ID) and entry.get("attribute_value"):
            slot["customValue"] = entry["attribute_value"]
    into["category_attributes"] = chosen
    if custom:
        into["user_defined_attribute_list"] = custom


def _sku(raw: JsonDict) -> JsonDict:
    by_id = {a.id: a.name for a in seed.attributes().values()}
    sku: JsonDict = {
        "sku_code": raw["sku_code"],
        "inventory": int(raw["inventory"]),
        "price": float(raw["price"]),
    }
    if raw.get("discount_price") not in (None, ""):
        sku["discount_price"] = float(raw["discount_price"])
    attributes: JsonDict = {}
    for entry in raw.get("sku_attributes_list", []):
        chosen: JsonDict = {"value": str(entry["sku_attribute_value_id"])}
        if entry.get("sku_attribute_value"):
            chosen["alias"] = entry["sku_attribute_value"]
        if entry.get("sku_image_url") or entry.get("sku_image"):
            chosen["sku_image_url"] = entry.get("sku_image_url") or entry["sku_image"]
        attributes[by_id.get(int(entry["sku_attribute_name_id"]), str(entry["sku_attribute_name_id"]))] = (
            chosen
        )
    sku["sku_attributes"] = attributes
    return sku


def instance_fields(dto: JsonDict) -> JsonDict:
    """The schema-instance fields the DTO sends (and only those)."""
    fields: JsonDict = {}
    _texts(dto, fields)
    _attributes(dto, fields)
    for name, (target, convert) in SCALARS.items():
        if dto.get(name) not in (None, ""):
            fields[target] = convert(dto[name])
    if "sku_info_list" in dto:
        fields["sku_info_list"] = [_sku(s) for s in dto["sku_info_list"]]
    return fields


def _checked(instance: JsonDict, product_id: int | None = None) -> None:
    titles = instance.get("title_multi_language_list", [])
    if any(len(t.get("title", "")) > SUBJECT_MAX_LENGTH for t in titles):
        raise invalid_parameter(f"subject must be at most {SUBJECT_MAX_LENGTH} characters")
    probe = copy.deepcopy(instance)  # the schema's 128 limit is the feed format's, not product.post's
    for title in probe.get("title_multi_language_list", []):
        title["title"] = str(title.get("title", ""))[:TITLE_MAX_LENGTH]
    problem = operations.check_instance(probe, product_id)
    if problem is not None:
        raise business_error(problem["errorCode"], problem["errorMessage"])


def post(world: World, call: Call) -> JsonDict:
    dto = call.json_object("post_product_request")
    missing = [name for name in REQUIRED if dto.get(name) in (None, "", [])]
    if missing:
        raise invalid_parameter(f"post_product_request lacks {', '.join(missing)}")
    instance = {"product_units_type": "100000015", "category_attributes": {}, **instance_fields(dto)}
    _checked(instance)
    return {"result": {"product_id": world.products.add(instance, call.now).product_id}}


def edit(world: World, call: Call) -> JsonDict:
    dto = call.json_object("edit_product_request")
    product = product_or_error(world, int(dto.get("product_id") or 0))
    instance = {**copy.deepcopy(product.instance), **instance_fields(dto)}
    _checked(instance, product.product_id)
    product.instance, product.modified_at = instance, call.now
    return {"result": {"product_id": product.product_id}}


METHODS = {"aliexpress.solution.product.post": post, "aliexpress.solution.product.edit": edit}
