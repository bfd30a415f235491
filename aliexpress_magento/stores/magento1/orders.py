"""Orders on Magento 1: the cart ("quote") flow only, made idempotent by the external id.

API v1 cannot set ``ext_order_id`` (no ``sales_order`` call writes it, and ``cart.order`` takes no
order data), although ``sales_order.list`` can filter on it. So the external id is written into the
first order comment, on a line of its own starting with :data:`MARKER`, and an order is looked up:

1. by ``ext_order_id`` (found when the store or another tool set it),
2. by the cart: a journal that remembered the quote id before the order was placed finds the order by
   ``quote_id``, even when the crash came before the marker comment (which is then added),
3. by the marker comment among the orders of the buyer's e-mail (``create_order``), or among the orders
   of the last ``lookback_days`` (``find_order``, which knows only the external id), their details read
   with ``multiCall`` 50 at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from aliexpress_magento.clients.magento1 import CartAddress, CartLine, Magento1Client
from aliexpress_magento.clients.magento1.filters import Filters
from aliexpress_magento.clients.magento1.sales import OrderInfo, OrderRow
from aliexpress_magento.clients.magento1.values import stamp

from ..marketplace import amounts_comment
from ..model import Address, CreatedOrder, OrderToCreate

MARKER = "AliExpress connector, external order id: "
INFO_BATCH = 50


class DirectOrderUnsupported(ValueError):
    """Raised for ``method="direct"``: Magento 1's API has no call that creates an order directly."""


@runtime_checkable
class Journal(Protocol):
    """Where the caller keeps the cart id of an order being placed (``recall`` / ``remember``)."""

    def recall(self, external_id: str) -> str | None: ...

    def remember(self, external_id: str, cart_ref: str) -> None: ...


def marker_line(external_id: str) -> str:
    return f"{MARKER}{external_id}"


def created(row: OrderRow, external_id: str, *, is_new: bool) -> CreatedOrder:
    return CreatedOrder(row.order_id, row.increment_id, external_id, row.state, row.status, is_new)


class Orders:
    def __init__(
        self, client: Magento1Client, store_code: str, lookback_days: int, now: Callable[[], datetime]
    ) -> None:
        self._client = client
        self._store = store_code
        self._lookback = timedelta(days=lookback_days)
        self._now = now

    def find(
        self, external_id: str, *, email: str = "", journal: Journal | None = None
    ) -> CreatedOrder | None:
        rows = self._client.orders.search({"ext_order_id": external_id})
        if rows:
            return created(rows[0], external_id, is_new=False)
        by_cart = self._by_cart(external_id, journal)
        if by_cart is not None:
            return by_cart
        since = self._now() - self._lookback
        scope: Filters = {"customer_email": email} if email else {"created_at": {"gteq": stamp(since)}}
        return self._by_marker(external_id, self._client.orders.search(scope))

    def _by_cart(self, external_id: str, journal: Journal | None) -> CreatedOrder | None:
        cart = journal.recall(external_id) if journal is not None else None
        rows = self._client.orders.search({"quote_id": cart}) if cart else []
        if not rows:
            return None
        info = self._client.orders.info(rows[0].increment_id)
        if not _has_marker(info, external_id):  # placed, then the process stopped before the comment
            self._client.orders.add_comment(
                info.order.increment_id, info.order.status, marker_line(external_id)
            )
        return created(info.order, external_id, is_new=False)

    def _by_marker(self, external_id: str, rows: Sequence[OrderRow]) -> CreatedOrder | None:
        ids = [r.increment_id for r in sorted(rows, key=lambda r: r.order_id, reverse=True)]
        for start in range(0, len(ids), INFO_BATCH):
            for info in self._client.orders.infos(ids[start : start + INFO_BATCH]):
                if _has_marker(info, external_id):
                    return created(info.order, external_id, is_new=False)
        return None

    def place(self, order: OrderToCreate, journal: Journal | None) -> CreatedOrder:
        cart = self._client.cart
        quote = cart.create(self._store)
        if journal is not None:
            journal.remember(order.external_id, str(quote))
        cart.add_products(quote, [CartLine(line.sku, line.qty) for line in order.lines])
        cart.set_customer(
            quote,
            {
                "mode": "guest",
                "firstname": order.customer_firstname,
                "lastname": order.customer_lastname,
                "email": order.customer_email,
            },
        )
        billing = cart_address(order.billing_address, "billing", order.customer_email)
        cart.set_addresses(
            quote, [billing, cart_address(order.shipping_address, "shipping", order.customer_email)]
        )
        cart.set_shipping_method(quote, order.shipping_method)
        cart.set_payment_method(quote, order.payment_method)
        increment = cart.place_order(quote)
        placed = self._client.orders.info(increment).order
        comment = f"{marker_line(order.external_id)}\n{amounts_comment(order)}"
        self._client.orders.add_comment(increment, placed.status, comment)
        return created(placed, order.external_id, is_new=True)

    def increment_id(self, order_id: int) -> str:
        """API v1 addresses orders by increment id; the Store by entity id."""
        rows = self._client.orders.search({"order_id": order_id})
        if not rows:
            raise LookupError(f"no Magento 1 order with id {order_id}")
        return rows[0].increment_id


def _has_marker(info: OrderInfo, external_id: str) -> bool:
    wanted = marker_line(external_id)
    return any(wanted in entry.comment.splitlines() for entry in info.status_history)


def cart_address(address: Address, mode: str, email: str) -> CartAddress:
    out: CartAddress = {
        "mode": mode,
        "firstname": address.firstname,
        "lastname": address.lastname,
        "street": list(address.street),
        "city": address.city,
        "postcode": address.postcode,
        "country_id": address.country_id,
        "telephone": address.telephone,
        "email": address.email or email,
    }
    if address.region:
        out["region"] = address.region
    if address.region_id:
        out["region_id"] = address.region_id
    if address.company:
        out["company"] = address.company
    return out
