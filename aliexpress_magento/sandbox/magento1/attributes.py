"""Product attributes as a stock Magento 1.9 / OpenMage install numbers them (ids, types, scopes and the
``required`` flag of ``product_attribute.list`` are those recorded on OpenMage 20.18), plus the demo
catalog's four select attributes. Option ids and labels are the shared demo catalog's
(``sandbox/catalog/attributes.py``); only the attribute ids differ, since 93 and 137 are taken by
system attributes on Magento 1."""

from __future__ import annotations

from dataclasses import dataclass

from aliexpress_magento.sandbox.catalog import attributes as shared


@dataclass(frozen=True)
class Attribute:
    attribute_id: int
    code: str
    type: str | None  # frontend_input; None for the attributes of bundle/downloadable types, as recorded
    scope: str
    required: int
    options: tuple[tuple[int, str], ...] = ()
    label: str = ""


_SYSTEM = (  # id, code, type, scope, required — in the recorded order
    (73, "name", "text", "store", 1), (74, "description", "textarea", "store", 1),
    (75, "short_description", "textarea", "store", 1), (76, "sku", "text", "global", 1),
    (82, "weight", "weight", "global", 1), (91, "old_id", "text", "global", 0),
    (95, "news_from_date", "date", "website", 0), (96, "news_to_date", "date", "website", 0),
    (98, "status", "select", "website", 1), (99, "url_key", "text", "store", 0),
    (100, "url_path", "text", "store", 0), (104, "visibility", "select", "store", 1),
    (110, "category_ids", "text", "global", 0), (112, "required_options", "text", "global", 0),
    (113, "has_options", "text", "global", 0), (114, "image_label", "text", "store", 0),
    (115, "small_image_label", "text", "store", 0), (116, "thumbnail_label", "text", "store", 0),
    (117, "created_at", "text", "global", 1), (118, "updated_at", "text", "global", 1),
    (119, "country_of_manufacture", "select", "website", 0), (125, "price_type", None, "global", 1),
    (126, "sku_type", None, "global", 1), (127, "weight_type", None, "global", 1),
    (129, "shipment_type", None, "global", 1), (130, "links_purchased_separately", None, "global", 1),
    (131, "samples_title", None, "store", 1), (132, "links_title", None, "store", 1),
    (133, "links_exist", None, "global", 0),
)  # fmt: skip
_AFTER = (  # the price, meta and design groups the recording lists after the user-defined attributes
    (77, "price", "price", "website", 1), (92, "group_price", "text", "website", 0),
    (78, "special_price", "price", "website", 0), (79, "special_from_date", "date", "website", 0),
    (80, "special_to_date", "date", "website", 0), (81, "cost", "price", "website", 0),
    (93, "tier_price", "text", "website", 0), (101, "minimal_price", "price", "store", 0),
    (120, "msrp_enabled", "select", "website", 0),
    (121, "msrp_display_actual_price_type", "select", "website", 0),
    (122, "msrp", "price", "website", 0), (123, "tax_class_id", "select", "website", 1),
    (128, "price_view", "select", "global", 1), (84, "meta_title", "text", "store", 0),
    (85, "meta_keyword", "textarea", "store", 0), (86, "meta_description", "textarea", "store", 0),
    (102, "is_recurring", "select", "global", 0), (103, "recurring_profile", "text", "global", 0),
    (105, "custom_design", "select", "store", 0), (106, "custom_design_from", "date", "store", 0),
    (107, "custom_design_to", "date", "store", 0), (108, "custom_layout_update", "textarea", "store", 0),
    (109, "page_layout", "select", "store", 0), (111, "options_container", "select", "store", 0),
    (124, "gift_message_available", "select", "global", 0),
)  # fmt: skip
USER_DEFINED = tuple(
    Attribute(134 + n, a.code, "select", "global", 0, a.options, a.label)
    for n, a in enumerate(shared.USER_DEFINED)
)
TEXTS = tuple(
    Attribute(138 + n, a.code, "text", "global", 0, (), a.label) for n, a in enumerate(shared.TEXTS)
)
ALL = (
    tuple(Attribute(*row) for row in _SYSTEM)
    + USER_DEFINED
    + TEXTS
    + tuple(Attribute(*row) for row in _AFTER)
)
BY_ID = {a.attribute_id: a for a in ALL}
BY_CODE = {a.code: a for a in ALL}
DEFAULT_SET = (4, "Default")
# Mage_Catalog_Model_Product_Status::getAllOptions: integer values after the placeholder, as recorded.
STATUS_OPTIONS: list[dict[str, object]] = [
    {"label": "-- Please Select --", "value": ""},
    {"label": "Enabled", "value": 1},
    {"label": "Disabled", "value": 2},
]
VISIBILITY_OPTIONS: list[dict[str, object]] = [
    {"label": "-- Please Select --", "value": ""},
    {"label": "Not Visible Individually", "value": 1},
    {"label": "Catalog", "value": 2},
    {"label": "Search", "value": 3},
    {"label": "Catalog, Search", "value": 4},
]


def find(identifier: object) -> Attribute | None:
    """``product_attribute.options`` takes an attribute id or code."""
    if isinstance(identifier, int) or (isinstance(identifier, str) and identifier.isdigit()):
        return BY_ID.get(int(identifier))
    return BY_CODE.get(str(identifier))


def options(attribute: Attribute) -> list[dict[str, object]]:
    """``eav/entity_attribute_source_table::getAllOptions()``: an empty placeholder, then string values,
    ordered by sort order (0 for every demo option) then label, case-insensitively (the option collection's
    ``setPositionOrder`` and ``setStoreFilter``; recorded alphabetical for ``color``)."""
    if attribute.code == "status":
        return STATUS_OPTIONS
    if attribute.code == "visibility":
        return VISIBILITY_OPTIONS
    if not attribute.options:
        return []
    placeholder: list[dict[str, object]] = [{"label": "", "value": ""}]
    ordered = sorted(attribute.options, key=lambda option: option[1].casefold())
    return placeholder + [{"label": label, "value": str(i)} for i, label in ordered]


def option_label(code: str, option_id: int) -> str:
    attribute = BY_CODE.get(code)
    return dict(attribute.options).get(option_id, "") if attribute else ""
