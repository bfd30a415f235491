"""Carts (quotes) through the admin API (fact sheet §5.1 A): the "quote" way to create an order.

``create_guest`` opens an admin guest cart (``POST /V1/carts/``, id as a JSON string);
``for_customer`` returns the customer's ACTIVE cart, which may hold the shopper's own storefront basket.
Placing (``PUT /V1/carts/{id}/order``) makes the cart inactive: placing it again answers 404, so a
retried placement never creates a second order. Placing through the ``all`` scope fails on 2.4.7-p7 (400
"Type Error … ReservationData…": MSI finds no stock for the admin website) and leaves an orphan
reservation, so :meth:`Carts.place_order` refuses that scope before sending: scope the client to the
store view the cart belongs to (:meth:`Magento2Client.scoped`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .connection import Connection
from .customers import Address
from .values import Json, obj, objs, opt_float, text, to_int

ADMIN_SCOPE = "all"


def require_store_view(connection: Connection) -> None:
    """Refuses, before anything is sent, to place a cart through the admin scope (module docstring)."""
    if connection.store_code == ADMIN_SCOPE:
        raise ValueError("a cart is placed through its store view's scope, never 'all' (see carts)")


@dataclass(frozen=True)
class CartItem:
    item_id: int
    sku: str
    qty: float
    name: str
    price: float | None
    product_type: str


@dataclass(frozen=True)
class ShippingMethod:
    carrier_code: str
    method_code: str
    carrier_title: str
    method_title: str
    amount: float
    available: bool

    @property
    def code(self) -> str:
        """``carrier_method``, the form orders store in ``shipping_method``."""
        return f"{self.carrier_code}_{self.method_code}"


@dataclass(frozen=True)
class PaymentMethod:
    code: str
    title: str


@dataclass(frozen=True)
class ShippingInformation:
    payment_methods: tuple[PaymentMethod, ...]
    totals: Json


def parse_item(data: Mapping[str, Any]) -> CartItem:
    return CartItem(
        item_id=to_int(data.get("item_id")),
        sku=text(data, "sku"),
        qty=opt_float(data.get("qty")) or 0.0,
        name=text(data, "name"),
        price=opt_float(data.get("price")),
        product_type=text(data, "product_type"),
    )


def parse_shipping_method(data: Mapping[str, Any]) -> ShippingMethod:
    return ShippingMethod(
        carrier_code=text(data, "carrier_code"),
        method_code=text(data, "method_code"),
        carrier_title=text(data, "carrier_title"),
        method_title=text(data, "method_title"),
        amount=opt_float(data.get("amount")) or 0.0,
        available=bool(data.get("available", True)),
    )


def parse_payment_method(data: Mapping[str, Any]) -> PaymentMethod:
    return PaymentMethod(text(data, "code"), text(data, "title"))


class Carts:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def create_guest(self) -> int:
        return to_int(self._c.post("/V1/carts/"))

    def for_customer(self, customer_id: int) -> int:
        # Idempotent in effect: Magento answers the existing active cart when there is one.
        return to_int(self._c.post(f"/V1/customers/{customer_id}/carts", idempotent=True))

    def get(self, cart_id: int) -> Json:
        return dict(self._c.get(f"/V1/carts/{cart_id}"))

    def items(self, cart_id: int) -> list[CartItem]:
        return [parse_item(i) for i in self._c.get(f"/V1/carts/{cart_id}/items")]

    def add_item(
        self, cart_id: int, sku: str, qty: float, options: Sequence[tuple[int, int]] = ()
    ) -> CartItem:
        """A simple SKU, or a configurable's parent SKU with ``(attribute_id, option_id)`` pairs."""
        item: Json = {"sku": sku, "qty": qty, "quote_id": str(cart_id)}
        if options:
            chosen = [{"option_id": str(a), "option_value": v} for a, v in options]
            item["product_option"] = {"extension_attributes": {"configurable_item_options": chosen}}
        return parse_item(self._c.post(f"/V1/carts/{cart_id}/items", {"cartItem": item}))

    def remove_item(self, cart_id: int, item_id: int) -> bool:
        return bool(self._c.call("DELETE", f"/V1/carts/{cart_id}/items/{item_id}"))

    def estimate_shipping(self, cart_id: int, address: Address) -> list[ShippingMethod]:
        answer = self._c.post(
            f"/V1/carts/{cart_id}/estimate-shipping-methods", {"address": address}, idempotent=True
        )
        return [parse_shipping_method(m) for m in answer]

    def shipping_methods(self, cart_id: int) -> list[ShippingMethod]:
        return [parse_shipping_method(m) for m in self._c.get(f"/V1/carts/{cart_id}/shipping-methods")]

    def payment_methods(self, cart_id: int) -> list[PaymentMethod]:
        return [parse_payment_method(m) for m in self._c.get(f"/V1/carts/{cart_id}/payment-methods")]

    def set_shipping_information(
        self, cart_id: int, shipping: Address, billing: Address, carrier_code: str, method_code: str
    ) -> ShippingInformation:
        info = {
            "shipping_address": shipping,
            "billing_address": billing,
            "shipping_carrier_code": carrier_code,
            "shipping_method_code": method_code,
        }
        path = f"/V1/carts/{cart_id}/shipping-information"
        answer = self._c.post(path, {"addressInformation": info}, idempotent=True)
        methods = tuple(parse_payment_method(m) for m in objs(answer, "payment_methods"))
        return ShippingInformation(methods, obj(answer, "totals"))

    def set_billing_address(self, cart_id: int, address: Address, *, use_for_shipping: bool = False) -> int:
        body = {"address": address, "useForShipping": use_for_shipping}
        return to_int(self._c.post(f"/V1/carts/{cart_id}/billing-address", body, idempotent=True))

    def place_order(self, cart_id: int, payment_method: str) -> int:
        """The new order's entity id. Not retried after it may have arrived: see the module docstring."""
        require_store_view(self._c)
        body = {"paymentMethod": {"method": payment_method}}
        return to_int(self._c.put(f"/V1/carts/{cart_id}/order", body))
