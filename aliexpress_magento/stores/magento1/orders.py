"""Orders on Magento 1: the cart ("quote") flow only, made idempotent by the external id.

API v1 cannot set ``ext_order_id`` (no ``sales_order`` call writes it, and ``cart.order`` takes no
order data), although ``sales_order.list`` can filter on it. So the external id is written into the
first order comment, on a line of its own starting with :data:`MARKER`, and an order is looked up:

1. by ``ext_order_id`` (found when the store or another tool set it),
2. by the cart: the placement journal (the caller's, else the Store's own in memory) remembered the
   quote id before the order was placed, so the order is found by ``quote_id`` even when the crash came
   before the marker comment (which is then added),
3. by the marker comment, the details of the candidates read with ``multiCall``: for ``create_order``,
   the orders of the buyer's e-mail **and shipping name** placed in the last ``lookback_days``, the newest
   :data:`INFO_BATCH` only (one multiCall). Every AliExpress order may share the configured e-mail, so
   the e-mail alone would make order N read the N-1 before it; a crashed attempt of this order is recent
   and carries this buyer's shipping name. ``find_order`` (only the external id known) reads the orders
   of the last ``lookback_days``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from aliexpress_magento.clients.magento1 import CartAddress, CartCustomer, Magento1Client
from aliexpress_magento.clients.magento1.filters import Filters
from aliexpress_magento.clients.magento1.sales import OrderInfo, OrderRow
from aliexpress_magento.clients.magento1.values import stamp

from ..base import PlacementJournal
from ..convert import money
from ..marketplace import amounts_comment
from ..model import Address, CreatedOrder, OrderToCreate
from .cart_lines import CartLines
from .catalog import Catalog

MARKER = "AliExpress connector, external order id: "
INFO_BATCH = 50


class DirectOrderUnsupported(ValueError):
    """Raised for ``method="direct"``: Magento 1's API has no call that creates an order directly."""


def marker_line(external_id: str) -> str:
    return f"{MARKER}{external_id}"


def created(row: OrderRow, external_id: str, *, is_new: bool) -> CreatedOrder:
    return CreatedOrder(
        row.order_id,
        row.increment_id,
        external_id,
        row.state,
        row.status,
        is_new,
        grand_total=money(row.grand_total),
        currency=row.currency,
    )


class Orders:
    def __init__(
        self,
        client: Magento1Client,
        store_view_code: str,
        lookback_days: int,
        now: Callable[[], datetime],
        catalog: Catalog,
    ) -> None:
        self._client = client
        self._store_view = store_view_code
        self._catalog = catalog
        self._lookback = timedelta(days=lookback_days)
        self._now = now

    def find(self, external_id: str, journal: PlacementJournal | None = None) -> CreatedOrder | None:
        """Any order of ``external_id`` placed in the last ``lookback_days``."""
        return self._find(external_id, {}, journal, limit=None)

    def find_for(self, order: OrderToCreate, journal: PlacementJournal) -> CreatedOrder | None:
        """The order of ``order.external_id`` if an earlier attempt placed it (see the module docstring)."""
        address = order.shipping_address
        # sales_order.list joins the addresses and maps shipping_firstname / _lastname to their columns
        # (OpenMage's Sales/Model/Resource/Order/Collection::_addAddressFields): filterable on a real store.
        buyer: Filters = {
            "customer_email": order.customer_email,
            "shipping_firstname": address.firstname,
            "shipping_lastname": address.lastname,
        }
        return self._find(order.external_id, buyer, journal, limit=INFO_BATCH)

    def _find(
        self, external_id: str, scope: Filters, journal: PlacementJournal | None, limit: int | None
    ) -> CreatedOrder | None:
        rows = self._client.orders.search({"ext_order_id": external_id})
        if rows:
            return created(rows[0], external_id, is_new=False)
        by_cart = self._by_cart(external_id, journal)
        if by_cart is not None:
            return by_cart
        since = self._now() - self._lookback
        candidates = self._client.orders.search({**scope, "created_at": {"gteq": stamp(since)}})
        newest = sorted(candidates, key=lambda r: r.order_id, reverse=True)
        return self._by_marker(external_id, newest[:limit])

    def _by_cart(self, external_id: str, journal: PlacementJournal | None) -> CreatedOrder | None:
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
        ids = [r.increment_id for r in rows]
        for start in range(0, len(ids), INFO_BATCH):
            for info in self._client.orders.infos(ids[start : start + INFO_BATCH]):
                if _has_marker(info, external_id):
                    return created(info.order, external_id, is_new=False)
        return None

    def place(self, order: OrderToCreate, journal: PlacementJournal) -> CreatedOrder:
        """A configurable's child goes into the cart through its parent (``cart_lines.py``), looked up
        before the cart is opened: a failed look-up leaves no cart behind."""
        lines = CartLines(self._client, self._store_view, self._catalog).of(order.lines)
        cart = self._client.cart
        quote = cart.create(self._store_view)
        journal.remember(order.external_id, str(quote))
        cart.add_products(quote, lines)
        cart.set_customer(quote, cart_customer(order))
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


def cart_customer(order: OrderToCreate) -> CartCustomer:
    """The order's customer account (``cart_customer.set`` mode customer, recorded on OpenMage), else a
    guest in the order's name and e-mail."""
    if order.customer_id is not None:
        return {"mode": "customer", "customer_id": order.customer_id}
    return {
        "mode": "guest",
        "firstname": order.customer_firstname,
        "lastname": order.customer_lastname,
        "email": order.customer_email,
    }


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
