"""Anonymous guest carts (``/V1/guest-carts/{maskedId}/…``, fact sheet §5.1): the storefront's checkout.

The admin API's own guest cart is :meth:`Carts.create_guest`; these masked-id routes need no token and
are the ones 2.4.7's optional back-pressure limiter covers (placing answers 429 when it trips).
"""

from __future__ import annotations

from .carts import (
    CartItem,
    PaymentMethod,
    ShippingInformation,
    ShippingMethod,
    parse_item,
    parse_payment_method,
    parse_shipping_method,
    require_store_view,
)
from .connection import Connection, segment
from .customers import Address
from .values import Json, obj, objs, to_int


class GuestCarts:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def create(self) -> str:
        """A new cart's masked id (32 hex characters)."""
        return str(self._c.post("/V1/guest-carts"))

    def _path(self, masked_id: str, tail: str = "") -> str:
        return f"/V1/guest-carts/{segment(masked_id)}{tail}"

    def add_item(
        self, masked_id: str, sku: str, qty: float, options: list[tuple[int, int]] | None = None
    ) -> CartItem:
        item: Json = {"sku": sku, "qty": qty, "quote_id": masked_id}
        if options:
            chosen = [{"option_id": str(a), "option_value": v} for a, v in options]
            item["product_option"] = {"extension_attributes": {"configurable_item_options": chosen}}
        return parse_item(self._c.post(self._path(masked_id, "/items"), {"cartItem": item}))

    def items(self, masked_id: str) -> list[CartItem]:
        return [parse_item(i) for i in self._c.get(self._path(masked_id, "/items"))]

    def shipping_methods(self, masked_id: str) -> list[ShippingMethod]:
        return [parse_shipping_method(m) for m in self._c.get(self._path(masked_id, "/shipping-methods"))]

    def set_shipping_information(
        self, masked_id: str, shipping: Address, billing: Address, carrier_code: str, method_code: str
    ) -> ShippingInformation:
        info = {
            "shipping_address": shipping,
            "billing_address": billing,
            "shipping_carrier_code": carrier_code,
            "shipping_method_code": method_code,
        }
        body = {"addressInformation": info}
        answer = self._c.post(self._path(masked_id, "/shipping-information"), body, idempotent=True)
        methods = tuple(parse_payment_method(m) for m in objs(answer, "payment_methods"))
        return ShippingInformation(methods, obj(answer, "totals"))

    def payment_methods(self, masked_id: str) -> list[PaymentMethod]:
        return [parse_payment_method(m) for m in self._c.get(self._path(masked_id, "/payment-methods"))]

    def place_order(self, masked_id: str, payment_method: str, email: str, billing: Address) -> int:
        """``POST …/payment-information``: set payment and billing and place, in one call; never through
        the ``all`` scope (see :mod:`.carts`)."""
        require_store_view(self._c)
        body = {"email": email, "paymentMethod": {"method": payment_method}, "billingAddress": billing}
        return to_int(self._c.post(self._path(masked_id, "/payment-information"), body))
