"""The shopping cart API (``cart``, ``cart_product``, ``cart_customer``, ``cart_shipping``,
``cart_payment``): Magento 1's only way to create an order through API v1 (the "quote" method).

``cart.create`` answers the quote id as an integer and ``cart.order`` the order's increment id as a
string (both recorded). A configurable is added by its parent SKU with ``super_attribute``
``{attribute id: option id}`` naming the child.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypedDict

from .session import Session
from .values import objs, opt_float, text, to_int


@dataclass(frozen=True)
class CartLine:
    sku: str
    qty: float
    super_attribute: Mapping[int, int] = field(default_factory=dict)

    def as_api(self) -> dict[str, Any]:
        line: dict[str, Any] = {"sku": self.sku, "qty": self.qty}
        if self.super_attribute:
            line["super_attribute"] = {str(k): str(v) for k, v in self.super_attribute.items()}
        return line


class CartCustomer(TypedDict, total=False):
    mode: str  # guest, register or customer
    firstname: str
    lastname: str
    email: str
    customer_id: int


class CartAddress(TypedDict, total=False):
    mode: str  # billing or shipping
    firstname: str
    lastname: str
    company: str
    street: list[str]
    city: str
    region: str
    region_id: int
    postcode: str
    country_id: str
    telephone: str
    email: str
    use_for_shipping: int


@dataclass(frozen=True)
class ShippingRate:
    code: str
    carrier: str
    carrier_title: str
    method: str
    method_title: str
    price: float | None
    error_message: str


@dataclass(frozen=True)
class PaymentMethod:
    code: str
    title: str


class Cart:
    def __init__(self, session: Session) -> None:
        self._session = session

    def create(self, store: str | int | None = None) -> int:
        return to_int(self._session.call("cart.create", [store], idempotent=False))

    def add_products(self, quote_id: int, lines: Sequence[CartLine]) -> bool:
        payload = [line.as_api() for line in lines]
        return bool(self._session.call("cart_product.add", [quote_id, payload], idempotent=False))

    def set_customer(self, quote_id: int, customer: CartCustomer) -> bool:
        return bool(self._session.call("cart_customer.set", [quote_id, dict(customer)]))

    def set_addresses(self, quote_id: int, addresses: Sequence[CartAddress]) -> bool:
        return bool(self._session.call("cart_customer.addresses", [quote_id, [dict(a) for a in addresses]]))

    def shipping_methods(self, quote_id: int) -> list[ShippingRate]:
        return [
            ShippingRate(
                code=text(r, "code"),
                carrier=text(r, "carrier"),
                carrier_title=text(r, "carrier_title"),
                method=text(r, "method"),
                method_title=text(r, "method_title"),
                price=opt_float(r.get("price")),
                error_message=text(r, "error_message"),
            )
            for r in objs(self._session.call("cart_shipping.list", [quote_id]))
        ]

    def set_shipping_method(self, quote_id: int, code: str) -> bool:
        return bool(self._session.call("cart_shipping.method", [quote_id, code]))

    def payment_methods(self, quote_id: int) -> list[PaymentMethod]:
        answer = self._session.call("cart_payment.list", [quote_id])
        return [PaymentMethod(text(p, "code"), text(p, "title")) for p in objs(answer)]

    def set_payment_method(self, quote_id: int, method: str) -> bool:
        return bool(self._session.call("cart_payment.method", [quote_id, {"method": method}]))

    def place_order(self, quote_id: int) -> str:
        """The increment id of the new order. Never re-sent after it may have reached Magento."""
        return str(self._session.call("cart.order", [quote_id], idempotent=False))
