"""Cart entities: creation (admin guest cart, customer cart reusing the active one, anonymous guest cart
with a masked id), addresses, rendering and placing the order.

Recorded on 2.4.7-p3: ``POST /V1/carts/`` answers the id as a JSON string and ``POST
/V1/customers/{id}/carts`` as an int, the same id while the customer's quote is active; a new customer
cart carries a billing address copied from the default address and no shipping address; ``PUT
/V1/carts/{id}/order`` answers the order id as an int and, once the cart is inactive, 404 "No such entity
with cartId"."""

from __future__ import annotations

import hashlib
from typing import Any

from aliexpress_magento.sandbox.magento2 import customers, errors, inventory
from aliexpress_magento.sandbox.magento2.sales import orders, quote
from aliexpress_magento.sandbox.magento2.world import World

JsonDict = dict[str, Any]
PAYMENT_METHODS = {"checkmo": quote.CHECKMO}


def new_cart(world: World, stamp: str, customer: JsonDict | None) -> JsonDict:
    cart_id = world.next_id("quote")
    cart: JsonDict = {
        "id": cart_id, "created_at": stamp, "updated_at": stamp, "is_active": True, "is_virtual": False,
        "items": [], "orig_order_id": 0, "customer_is_guest": customer is None, "customer_note_notify": True,
        "customer_tax_class_id": 3, "store_id": 1,
        "currency": {"global_currency_code": "USD", "base_currency_code": "USD", "store_currency_code": "USD",
                     "quote_currency_code": "USD", "store_to_base_rate": 0, "store_to_quote_rate": 0,
                     "base_to_global_rate": 1, "base_to_quote_rate": 1},
    }  # fmt: skip
    if customer is not None:
        cart["customer"] = {k: customer[k] for k in ("id", "email", "firstname", "lastname", "group_id")}
        default = next((a for a in customer["addresses"] if a.get("default_billing")), None)
        if default is not None:
            cart["billing_address"] = address_json(world, default, customer["email"], default["id"])
    world.carts[str(cart_id)] = cart
    return cart


def customer_cart(world: World, customer_id: int, stamp: str) -> int:
    customer = customers.get(world, customer_id)
    for cart in world.carts.values():
        if cart["is_active"] and (cart.get("customer") or {}).get("id") == customer_id:
            return int(cart["id"])
    return int(new_cart(world, stamp, customer)["id"])


def masked_cart(world: World, stamp: str) -> str:
    cart = new_cart(world, stamp, None)
    masked = hashlib.md5(f"guest-{cart['id']}-{stamp}".encode()).hexdigest()  # noqa: S324 - an id
    world.masked_carts[masked] = int(cart["id"])
    return masked


def active(world: World, cart_id: int) -> JsonDict:
    cart = world.carts.get(str(cart_id))
    if cart is None or not cart["is_active"]:
        raise errors.no_such_entity("cartId", cart_id)
    return cart


def any_cart(world: World, cart_id: int) -> JsonDict:
    cart = world.carts.get(str(cart_id))
    if cart is None:
        raise errors.no_such_entity("cartId", cart_id)
    return cart


def address_json(
    world: World, sent: JsonDict, email: str, customer_address_id: int | None = None
) -> JsonDict:
    found = customers.region(sent)
    address: JsonDict = {
        "id": world.next_id("quote_address"), "region": found["region"], "region_id": found["region_id"],
        "region_code": found["region_code"], "country_id": str(sent.get("country_id", "US")),
        "street": list(sent.get("street") or []), "telephone": str(sent.get("telephone", "")),
        "postcode": str(sent.get("postcode", "")), "city": str(sent.get("city", "")),
        "firstname": str(sent.get("firstname", "")), "lastname": str(sent.get("lastname", "")),
        "email": str(sent.get("email") or email), "same_as_billing": 0, "save_in_address_book": 0,
    }  # fmt: skip
    if customer_address_id is not None:
        address["customer_address_id"] = customer_address_id
    return address


def render(cart: JsonDict) -> JsonDict:
    body = {k: v for k, v in cart.items() if not k.startswith("_")}
    body["items_count"] = len(cart["items"])
    body["items_qty"] = quote.money(quote.items_qty(cart))
    if "customer" not in body:
        body["customer"] = {"email": None, "firstname": None, "lastname": None}
    assignment: JsonDict = {"items": cart["items"], "shipping": {"method": cart.get("_shipping_method")}}
    if cart.get("_shipping_address"):
        assignment["shipping"]["address"] = cart["_shipping_address"]
    if cart["items"] or cart.get("_shipping_address"):
        body["extension_attributes"] = {"shipping_assignments": [assignment]}
    else:
        body["extension_attributes"] = {"shipping_assignments": []}
    return body


def place(world: World, cart: JsonDict, payment: JsonDict | None, stamp: str, store_code: str) -> int:
    method = str((payment or {}).get("method") or "")
    if not method:
        raise errors.bad_request("Enter a valid payment method and try again.")
    if method not in PAYMENT_METHODS:
        raise errors.bad_request("The requested Payment Method is not available.")
    if not cart.get("_shipping_method") or not cart.get("_shipping_address"):
        raise errors.bad_request("The shipping method is missing. Select the shipping method and try again.")
    billing = cart.get("billing_address")
    if not billing or not billing.get("firstname"):
        raise errors.bad_request(
            "Please check the billing address information. %1", ["Please enter the first name."]
        )
    if not billing.get("email") and not (cart.get("customer") or {}).get("email"):
        raise errors.bad_request("The customer email is missing. Enter and try again.")  # unsure: wording
    _check_stock(world, cart)
    if store_code == "all":
        _fail_in_admin_scope(world, cart)
    order = orders.from_cart(world, cart, method, stamp)
    world.orders[str(order["entity_id"])] = order
    cart["is_active"], cart["updated_at"] = False, stamp
    return int(order["entity_id"])


def _check_stock(world: World, cart: JsonDict) -> None:
    for line in cart["items"]:
        product = world.catalog.get(line["sku"])
        if product is None or float(line["qty"]) > inventory.salable_qty(world, product):
            raise errors.bad_request("Not all of your products are available in the requested quantity.")


# unsure: only the README of the second recorded store quotes this answer ("Type Error … ReservationData::
# __construct(): Argument #2 ($stock) must be of type int, null given"); the frame around it is how the
# object manager wraps a TypeError (a RuntimeException, answered 400 with its %1/%2 parameters).
ADMIN_SCOPE_ERROR = "Type Error occurred when creating object: %1, %2"
RESERVATION_TYPE_ERROR = [
    "Magento\\InventoryReservations\\Model\\ReservationData",
    "Magento\\InventoryReservations\\Model\\ReservationData::__construct(): Argument #2 ($stock) must be "
    "of type int, null given",
]


def _fail_in_admin_scope(world: World, cart: JsonDict) -> None:
    """Placing through ``/rest/all/`` (the admin scope, website 0) fails on 2.4.7-p7: MSI finds no stock
    for website 0 and the reservation cannot be built, after a reservation was already written, so it is
    left behind with no order (unsure which quantities: the sandbox leaves the lines' own). The cart
    stays active (unsure). Recorded for ``PUT /V1/carts/{id}/order``; a guest cart's
    ``payment-information`` places the same way and fails the same here (unsure: not tried)."""
    for line in cart["items"]:
        product = world.catalog.get(line["sku"])
        if product is not None:
            inventory.reserve(world, product.sku, float(line["qty"]))
    raise errors.bad_request(ADMIN_SCOPE_ERROR, RESERVATION_TYPE_ERROR)
