"""Products rendered in the shapes of ``product.info.get`` and ``product.list.get`` (official samples).

Known departures: the SKU ``id`` is ``"14:193;5:361386"`` without the embedded quotes of the doc sample;
doc placeholder fields (``error_code``, ``ws_offline_date`` …) are sent with neutral values of the
sample's JSON type; videos, bulk pricing and lot selling are not emulated (neutral values).
"""

from __future__ import annotations

import json
from typing import Any

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress import timefmt
from aliexpress_magento.sandbox.aliexpress.products.model import JsonDict, Product

CURRENCY = "USD"  # the sandbox shop quotes in USD, like the official samples


def money(value: Any) -> str:
    return f"{float(value):.2f}"


def _value_name(attribute: seed.Attribute | None, value_id: str) -> str:
    if attribute is None:
        return value_id
    return next((v.name for v in attribute.values if str(v.id) == value_id), value_id)


def _value_id(value: str) -> int:
    return int(value) if value.isdigit() else 0


def properties(product: Product) -> list[JsonDict]:
    found = seed.attributes()
    rows = []
    for name, chosen in product.instance.get("category_attributes", {}).items():
        attribute = found.get(name)
        values = chosen.get("value")
        for value in values if isinstance(values, list) else [values]:
            text = chosen.get("customValue") or _value_name(attribute, str(value))
            rows.append(
                {
                    "attr_name": name,
                    "attr_name_id": attribute.id if attribute else 0,
                    "attr_value": text,
                    "attr_value_id": _value_id(str(value)),
                    "attr_value_unit": str(chosen.get("unit", "")),
                }
            )
    return rows


def _sku_properties(sku: JsonDict) -> list[JsonDict]:
    found = seed.attributes()
    rows = []
    for name, chosen in (sku.get("sku_attributes") or {}).items():
        attribute, value = found.get(name), str(chosen.get("value", ""))
        rows.append(
            {
                "property_value_definition_name": chosen.get("alias") or _value_name(attribute, value),
                "property_value_id": _value_id(value),
                "sku_image": chosen.get("sku_image_url", ""),
                "sku_property_id": attribute.id if attribute else 0,
            }
        )
    return rows


def sku_view(sku: JsonDict) -> JsonDict:
    props = _sku_properties(sku)
    view: JsonDict = {
        "aeop_s_k_u_property_list": {"global_aeop_sku_property": props},
        "barcode": str(sku.get("bar_code", "")),
        "currency_code": CURRENCY,
        "id": ";".join(f"{p['sku_property_id']}:{p['property_value_id']}" for p in props),
        "ipm_sku_stock": int(sku["inventory"]),
        "sku_code": sku["sku_code"],
        "sku_price": money(sku["price"]),
        "sku_stock": int(sku["inventory"]) > 0,
    }
    if sku.get("discount_price") is not None:
        view["sku_discount_price"] = money(sku["discount_price"])
    return view


def _details(product: Product) -> list[JsonDict]:
    rows = []
    for description in product.instance.get("description_multi_language_list", []):
        detail = json.dumps(
            {"version": "2.0.0", "moduleList": description.get("module_list", [])}, ensure_ascii=False
        )
        rows.append({"locale": description["locale"], "mobile_detail": detail, "web_detail": detail})
    return rows


def _country_prices(raw: JsonDict | None) -> JsonDict:
    countries = []
    for country in (raw or {}).get("country_price_list", []):
        prices = [
            {
                "sku_code": p["sku_code"],
                "price": str(p["price"]),
                "discount_price": str(p.get("discount_price", "")),
            }
            for p in country.get("sku_price_by_country_list", [])
        ]
        countries.append(
            {
                "ship_to_country": country["ship_to_country"],
                "sku_price_by_country_list": {"single_sku_price_by_country_dto": prices},
            }
        )
    return {
        "price_type": (raw or {}).get("price_type", ""),
        "country_price_list": {"single_country_price_dto": countries},
    }


def price_range(product: Product) -> tuple[str, str]:
    prices = [float(s.get("discount_price") or s["price"]) for s in product.skus]
    return money(min(prices)), money(max(prices))


def _content(product: Product) -> JsonDict:
    instance, details = product.instance, _details(product)
    main = next((d for d in details if d["locale"] == instance.get("locale")), details[0] if details else {})
    return {
        "aeop_a_e_multimedia": {"aeop_a_e_videos": {"global_aeop_ae_video": []}},
        "aeop_ae_product_propertys": {"global_aeop_ae_product_property": properties(product)},
        "aeop_ae_product_s_k_us": {"global_aeop_ae_product_sku": [sku_view(s) for s in product.skus]},
        "detail": main.get("web_detail", ""),
        "mobile_detail": main.get("mobile_detail", ""),
        "image_u_r_ls": ";".join(instance.get("image_url_list", [])),
        "subject": product.subject(),
        "multi_language_subject_list": {
            "global_subject": [
                {"locale": t["locale"], "subject": t["title"]}
                for t in instance.get("title_multi_language_list", [])
            ]
        },
        "multi_language_description_list": {"global_description": details},
        "multi_country_price_configuration": _country_prices(
            instance.get("multi_country_price_configuration")
        ),
    }


def _logistics(instance: JsonDict) -> JsonDict:
    return {
        "delivery_time": int(instance["shipping_preparation_time"]),
        "freight_template_id": int(instance["shipping_template_id"]),
        "gross_weight": f"{float(instance['package_weight']):.3f}",
        "package_height": int(instance["package_height"]),
        "package_length": int(instance["package_length"]),
        "package_width": int(instance["package_width"]),
        "package_type": False,
        "product_unit": int(instance["product_units_type"]),
        "promise_template_id": int(instance["service_template_id"]),
        "reduce_strategy": instance["inventory_deduction_strategy"],
    }


def info(product: Product) -> JsonDict:
    group = str(product.instance.get("product_group_id", ""))
    # Lot and bulk selling are not emulated: neutral values of the sample's types.
    neutral = {
        "add_unit": 0,
        "add_weight": "0.00",
        "base_unit": 0,
        "bulk_discount": 0,
        "bulk_order": 0,
        "is_pack_sell": False,
        "lot_num": 1,
        "sizechart_id": 0,
        "ws_offline_date": "",
    }
    return {
        **neutral,
        **_content(product),
        **_logistics(product.instance),
        "category_id": product.category_id,
        "currency_code": CURRENCY,
        "gmt_create": timefmt.pacific(product.created_at),
        "gmt_modified": timefmt.pacific(product.modified_at),
        "group_id": int(group) if group.isdigit() else 0,
        "group_ids": {"number": [[int(group)]] if group.isdigit() else []},
        "owner_member_id": seed.shop()["seller"]["user_nick"],
        "owner_member_seq": int(seed.shop()["seller"]["seller_id"]),
        "product_id": product.product_id,
        "product_price": price_range(product)[0],
        "product_status_type": product.status,
    }


def display(product: Product) -> JsonDict:
    low, high = price_range(product)
    group = str(product.instance.get("product_group_id", ""))
    created, modified = timefmt.pacific(product.created_at), timefmt.pacific(product.modified_at)
    return {
        "ws_offline_date": "",
        "ws_display": "" if product.status != "offline" else "user_offline",
        "subject": product.subject(),
        "src": "isv",
        "product_min_price": low,
        "product_max_price": high,
        "product_id": product.product_id,
        "owner_member_seq": int(seed.shop()["seller"]["seller_id"]),
        "owner_member_id": seed.shop()["seller"]["user_nick"],
        "image_u_r_ls": ";".join(product.instance.get("image_url_list", [])),
        "group_id": int(group) if group.isdigit() else 0,
        "gmt_modified": modified,
        "gmt_create": created,
        "freight_template_id": int(product.instance["shipping_template_id"]),
        "currency_code": CURRENCY,
        "coupon_start_date": "",
        "coupon_end_date": "",
    }
