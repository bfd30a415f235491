"""Cart routes for admin/integration callers (``/V1/carts/{cartId}/…``, ``/V1/customers/{id}/carts``) and
the anonymous guest-cart routes (``/V1/guest-carts/{maskedId}/…``), sharing one implementation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aliexpress_magento.sandbox.magento2 import errors
from aliexpress_magento.sandbox.magento2.call import Call
from aliexpress_magento.sandbox.magento2.routing import Route
from aliexpress_magento.sandbox.magento2.sales import carts, quote

JsonDict = dict[str, Any]
ACL = "Magento_Cart::manage"
Resolver = Callable[[Call], JsonDict]
CartHandler = Callable[[Call, JsonDict], object]


def admin_cart(call: Call) -> JsonDict:
    return carts.active(call.world, call.int_param("cartId"))


def guest_cart(call: Call) -> JsonDict:
    cart_id = call.world.masked_carts.get(call.params["cartId"])
    if cart_id is None:
        raise errors.no_such_entity("cartId", call.params["cartId"])
    return carts.active(call.world, cart_id)


def get_cart(call: Call, cart: JsonDict) -> object:
    return carts.render(cart)


def items(call: Call, cart: JsonDict) -> object:
    return cart["items"]


def add_item(call: Call, cart: JsonDict) -> object:
    raw = call.body().get("cartItem")
    if not isinstance(raw, dict):
        raise errors.required("cartItem")
    item = call.arg("cartItem")
    quote.check_fields(raw)
    line = quote.add_item(call.world, cart, item)
    cart["updated_at"] = call.stamp
    return line


def update_item(call: Call, cart: JsonDict) -> object:
    item = call.arg("cartItem")
    line = quote.set_qty(call.world, cart, call.int_param("itemId"), float(item.get("qty") or 0))
    cart["updated_at"] = call.stamp
    return line


def delete_item(call: Call, cart: JsonDict) -> object:
    item_id = call.int_param("itemId")
    kept = [line for line in cart["items"] if line["item_id"] != item_id]
    if len(kept) == len(cart["items"]):
        # recorded (magento2-recorded/orders-customers/customer_cart.remove_item.again)
        raise errors.MagentoError(404, "The %1 Cart doesn't contain the %2 item.", [cart["id"], item_id])
    cart["items"] = kept
    return True


def estimate(call: Call, cart: JsonDict) -> object:
    return [quote.flat_rate(cart)] if cart["items"] else []


def shipping_methods(call: Call, cart: JsonDict) -> object:
    return [quote.flat_rate(cart)] if cart.get("_shipping_address") and cart["items"] else []


def payment_methods(call: Call, cart: JsonDict) -> object:
    return list(carts.PAYMENT_METHODS.values())


def shipping_information(call: Call, cart: JsonDict) -> object:
    info = call.arg("addressInformation")
    carrier, method = info.get("shipping_carrier_code"), info.get("shipping_method_code")
    if not cart["items"]:
        raise errors.bad_request(
            "The shipping method can't be set for an empty cart. Add an item to cart and try again."
        )
    if (carrier, method) != ("flatrate", "flatrate"):
        raise errors.bad_request("Carrier with such method not found: %1, %2", [carrier, method])
    email = str((cart.get("customer") or {}).get("email") or "")
    shipping = carts.address_json(call.world, info.get("shipping_address") or {}, email)
    cart["_shipping_address"], cart["_shipping_method"] = shipping, "flatrate_flatrate"
    if info.get("billing_address"):
        cart["billing_address"] = carts.address_json(call.world, info["billing_address"], email)
    cart["updated_at"] = call.stamp
    return {"payment_methods": list(carts.PAYMENT_METHODS.values()), "totals": quote.totals(cart)}


def billing_address(call: Call, cart: JsonDict) -> object:
    email = str((cart.get("customer") or {}).get("email") or "")
    address = carts.address_json(call.world, call.arg("address"), email)
    cart["billing_address"] = address
    if call.optional("useForShipping", False):
        cart["_shipping_address"] = {**address, "same_as_billing": 1}
    return str(address["id"])


def totals(call: Call, cart: JsonDict) -> object:
    return quote.totals(cart)


def place_order(call: Call, cart: JsonDict) -> object:
    return carts.place(call.world, cart, call.optional("paymentMethod"), call.stamp, call.store_code)


def guest_payment_information(call: Call, cart: JsonDict) -> object:
    billing = call.optional("billingAddress")
    if billing:
        cart["billing_address"] = carts.address_json(call.world, billing, str(call.optional("email", "")))
    return carts.place(call.world, cart, call.optional("paymentMethod"), call.stamp, call.store_code)


def create_admin_cart(call: Call) -> object:
    return str(carts.new_cart(call.world, call.stamp, None)["id"])


def create_customer_cart(call: Call) -> object:
    return carts.customer_cart(call.world, call.int_param("customerId"), call.stamp)


def create_guest_cart(call: Call) -> object:
    return carts.masked_cart(call.world, call.stamp)


def get_any_admin_cart(call: Call) -> object:
    return carts.render(carts.any_cart(call.world, call.int_param("cartId")))


def _bind(resolve: Resolver, handler: CartHandler) -> Callable[[Call], object]:
    def run(call: Call) -> object:
        return handler(call, resolve(call))

    return run


SHARED: list[tuple[str, str, CartHandler]] = [
    ("GET", "/items", items), ("POST", "/items", add_item), ("DELETE", "/items/{itemId}", delete_item),
    ("PUT", "/items/{itemId}", update_item),
    ("POST", "/estimate-shipping-methods", estimate), ("GET", "/shipping-methods", shipping_methods),
    ("GET", "/payment-methods", payment_methods), ("POST", "/shipping-information", shipping_information),
    ("POST", "/billing-address", billing_address), ("GET", "/totals", totals), ("PUT", "/order", place_order),
]  # fmt: skip


def _routes() -> list[Route]:
    found = [
        Route("POST", "/V1/carts", create_admin_cart, ACL),
        Route("POST", "/V1/customers/{customerId}/carts", create_customer_cart, ACL),
        Route("GET", "/V1/carts/{cartId}", get_any_admin_cart, ACL),
        Route("POST", "/V1/guest-carts", create_guest_cart, None),
        Route("GET", "/V1/guest-carts/{cartId}", _bind(guest_cart, get_cart), None),
        Route(
            "POST",
            "/V1/guest-carts/{cartId}/payment-information",
            _bind(guest_cart, guest_payment_information),
            None,
        ),
    ]
    for method, tail, handler in SHARED:
        found.append(Route(method, "/V1/carts/{cartId}" + tail, _bind(admin_cart, handler), ACL))
        found.append(Route(method, "/V1/guest-carts/{cartId}" + tail, _bind(guest_cart, handler), None))
    return found


ROUTES = _routes()
