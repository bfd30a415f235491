"""``cart_customer.set`` / ``.addresses``, ``cart_shipping.list`` / ``.method``, ``cart_payment.list`` /
``.method``: the quote's customer, addresses, shipping and payment, with Magento 1's checks and faults.

Carriers: Flat Rate only (the stock default: $5.00 per item, "Fixed"), as recorded. Payment: Check /
Money order only (the stock default), as recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aliexpress_magento.sandbox.magento1 import customers, directory
from aliexpress_magento.sandbox.magento1.call import Call, Method
from aliexpress_magento.sandbox.magento1.cart import quote
from aliexpress_magento.sandbox.magento1.faults import fault
from aliexpress_magento.sandbox.magento1.values import decimal4

JsonDict = dict[str, Any]
CUSTOMER, SHIPPING, PAYMENT = "cart_customer", "cart_shipping", "cart_payment"
FLAT_RATE_PER_ITEM = 5.0
PAYMENT_METHODS = ({"code": "checkmo", "title": "Check / Money order", "cc_types": None},)
_ADDRESS_FIELDS = (
    "firstname", "lastname", "company", "street", "city", "region", "region_id", "postcode", "country_id",
    "telephone", "fax", "email",
)  # fmt: skip


def set_customer(ctx: Call, quote_id: object, data: object, store: object = None) -> bool:
    cart = quote(ctx, quote_id, store, CUSTOMER)
    fields = data if isinstance(data, Mapping) else {}
    mode = fields.get("mode")
    if mode == "customer":
        # _prepareCustomerData maps customer_id onto entity_id, so either names the customer (recorded
        # with entity_id); customer_id wins when both are set.
        ident = fields["customer_id"] if fields.get("customer_id") is not None else fields.get("entity_id")
        found = ctx.world.customers.get(str(ident))
        if found is None:
            raise fault("customer_not_exists", CUSTOMER)
        cart["customer"] = {
            "mode": mode,
            **{k: found.get(k) for k in ("customer_id", "email", "firstname", "lastname")},
        }
        return True
    if mode not in ("guest", "register"):
        raise fault("customer_mode_is_unknown", CUSTOMER)
    invalid = customers.problems(fields)
    if invalid:
        raise fault("customer_data_invalid", CUSTOMER, invalid)
    cart["customer"] = {
        "mode": mode,
        "customer_id": None,
        **{k: str(fields[k]) for k in ("email", "firstname", "lastname")},
    }
    return True


def set_addresses(ctx: Call, quote_id: object, addresses: object, store: object = None) -> bool:
    cart = quote(ctx, quote_id, store, CUSTOMER)
    if not isinstance(addresses, list) or not addresses:
        raise fault("customer_address_data_empty", CUSTOMER)
    for item in addresses:
        fields = dict(item) if isinstance(item, Mapping) else {}
        mode = fields.pop("mode", None)
        address = normalized(fields)
        invalid = address_problems(address)
        if invalid:
            raise fault("customer_address_invalid", CUSTOMER, "\n".join(invalid))
        if mode == "billing":
            cart["billing"] = address
            if str(fields.get("use_for_shipping", "")) == "1":
                cart["shipping"] = dict(address)
        elif mode == "shipping":
            cart["shipping"] = address
        # Another mode is ignored, as Magento's switch does.
    cart["shipping_method"] = None  # new addresses: the rates are collected again
    return True


def normalized(fields: Mapping[str, Any]) -> JsonDict:
    street = fields.get("street")
    lines = street if isinstance(street, list) else [street] if street else []
    address = {k: (None if fields.get(k) in (None, "") else str(fields[k])) for k in _ADDRESS_FIELDS}
    address["street"] = "\n".join(str(s) for s in lines) or None  # implodeStreetAddress
    return address


def address_problems(address: Mapping[str, Any]) -> list[str]:
    """``Mage_Customer_Model_Address_Abstract::validate``'s messages, in its order."""
    checks = (
        ("firstname", "Please enter the first name."), ("lastname", "Please enter the last name."),
        ("street", "Please enter the street."), ("city", "Please enter the city."),
        ("telephone", "Please enter the telephone number."),
        ("postcode", "Please enter the zip/postal code."),
        ("country_id", "Please enter the country."),
    )  # fmt: skip
    found = [message for name, message in checks if not str(address.get(name) or "").strip()]
    country = str(address.get("country_id") or "")
    if directory.region_required(country) and not (address.get("region_id") or address.get("region")):
        found.append("Please enter the state/province.")
    return found


def rates(cart: JsonDict) -> list[JsonDict]:
    qty = sum(line["qty"] for line in cart["items"])
    return [
        {
            "code": "flatrate_flatrate", "carrier": "flatrate", "carrier_title": "Flat Rate",
            "carrierName": "Flat Rate", "method": "flatrate", "method_title": "Fixed",
            "method_description": None,
            "price": decimal4(FLAT_RATE_PER_ITEM * qty), "error_message": None,
        }
    ]  # fmt: skip


def shipping_list(ctx: Call, quote_id: object, store: object = None) -> list[JsonDict]:
    cart = quote(ctx, quote_id, store, SHIPPING)
    if cart["shipping"] is None:
        raise fault("shipping_address_is_not_set", SHIPPING)
    return rates(cart)


def shipping_method(ctx: Call, quote_id: object, code: object, store: object = None) -> bool:
    cart = quote(ctx, quote_id, store, SHIPPING)
    if cart["shipping"] is None:
        raise fault("shipping_address_is_not_set", SHIPPING)
    if code not in [rate["code"] for rate in rates(cart)]:
        raise fault("shipping_method_is_not_available", SHIPPING)
    cart["shipping_method"] = code
    return True


def payment_list(ctx: Call, quote_id: object, store: object = None) -> list[JsonDict]:
    quote(ctx, quote_id, store, PAYMENT)
    return [dict(m) for m in PAYMENT_METHODS]


def payment_method(ctx: Call, quote_id: object, data: object, store: object = None) -> bool:
    cart = quote(ctx, quote_id, store, PAYMENT)
    method = data.get("method") if isinstance(data, Mapping) else None
    if not method:
        raise fault("payment_method_empty", PAYMENT)
    if cart["billing"] is None:
        raise fault("billing_address_is_not_set", PAYMENT)
    if cart["shipping"] is None:
        raise fault("shipping_address_is_not_set", PAYMENT)
    if method not in [m["code"] for m in PAYMENT_METHODS]:
        raise fault("method_not_allowed", PAYMENT)
    cart["payment_method"] = method
    return True


METHODS = {
    "cart_customer.set": Method(CUSTOMER, set_customer),
    "cart_customer.addresses": Method(CUSTOMER, set_addresses),
    "cart_shipping.list": Method(SHIPPING, shipping_list),
    "cart_shipping.method": Method(SHIPPING, shipping_method),
    "cart_payment.list": Method(PAYMENT, payment_list),
    "cart_payment.method": Method(PAYMENT, payment_method),
}
