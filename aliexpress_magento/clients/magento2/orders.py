"""Orders (fact sheet §5): direct create and partial update, get, search, comments, cancel, hold, and
the invoice and ship actions.

A configurable sells as TWO order lines: the parent line (``product_type`` configurable, the CHILD's
SKU, the price) and a child line (``parent_item_id``, price 0). :attr:`Order.lines` keeps the parent
lines only: one per thing sold.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .connection import Connection
from .search import Pager, SearchCriteria
from .values import Json, obj, objs, opt_float, opt_int, text, to_int


@dataclass(frozen=True)
class OrderItem:
    item_id: int
    sku: str
    name: str
    product_type: str
    qty_ordered: float
    qty_shipped: float
    qty_invoiced: float
    qty_canceled: float
    price: float
    row_total: float
    parent_item_id: int | None


@dataclass(frozen=True)
class Order:
    entity_id: int
    increment_id: str
    ext_order_id: str
    state: str
    status: str
    customer_email: str
    currency: str
    grand_total: float
    created_at: str
    updated_at: str
    items: tuple[OrderItem, ...]
    quote_id: int | None = None  # the cart it was placed from (None for a direct POST /V1/orders)

    @property
    def lines(self) -> tuple[OrderItem, ...]:
        return tuple(i for i in self.items if i.parent_item_id is None)


@dataclass(frozen=True)
class ItemQty:
    order_item_id: int
    qty: float


@dataclass(frozen=True)
class NewTrack:
    track_number: str
    title: str
    carrier_code: str  # ups, usps, fedex, dhl or custom


def parse_item(data: Mapping[str, Any]) -> OrderItem:
    return OrderItem(
        item_id=to_int(data.get("item_id")),
        sku=text(data, "sku"),
        name=text(data, "name"),
        product_type=text(data, "product_type"),
        qty_ordered=opt_float(data.get("qty_ordered")) or 0.0,
        qty_shipped=opt_float(data.get("qty_shipped")) or 0.0,
        qty_invoiced=opt_float(data.get("qty_invoiced")) or 0.0,
        qty_canceled=opt_float(data.get("qty_canceled")) or 0.0,
        price=opt_float(data.get("price")) or 0.0,
        row_total=opt_float(data.get("row_total")) or 0.0,
        parent_item_id=opt_int(data.get("parent_item_id")),
    )


def parse_order(data: Mapping[str, Any]) -> Order:
    return Order(
        entity_id=to_int(data.get("entity_id")),
        increment_id=text(data, "increment_id"),
        ext_order_id=text(data, "ext_order_id"),
        state=text(data, "state"),
        status=text(data, "status"),
        customer_email=text(data, "customer_email"),
        currency=text(data, "order_currency_code"),
        grand_total=opt_float(data.get("grand_total")) or 0.0,
        created_at=text(data, "created_at"),
        updated_at=text(data, "updated_at"),
        items=tuple(parse_item(i) for i in objs(data, "items")),
        quote_id=opt_int(data.get("quote_id")),
    )


def shipping_address(order: Mapping[str, Any]) -> Json:
    """Magento keeps it only in ``extension_attributes.shipping_assignments[0].shipping.address``."""
    assignments = objs(obj(order, "extension_attributes"), "shipping_assignments")
    return obj(obj(assignments[0], "shipping"), "address") if assignments else {}


class Orders:
    def __init__(self, connection: Connection) -> None:
        self._c = connection

    def get_raw(self, order_id: int) -> Json:
        return dict(self._c.get(f"/V1/orders/{order_id}"))

    def get(self, order_id: int) -> Order:
        return parse_order(self.get_raw(order_id))

    def search(self, criteria: SearchCriteria) -> Pager:
        return Pager(lambda params: self._c.get("/V1/orders", params), criteria)

    def iter(self, criteria: SearchCriteria) -> Iterator[Order]:
        return (parse_order(o) for o in self.search(criteria).items())

    def find_by_ext_order_id(self, ext_order_id: str) -> Order | None:
        criteria = SearchCriteria().where("ext_order_id", ext_order_id).limit(1)
        return next(self.iter(criteria), None)

    def find_by_quote_id(self, quote_id: int) -> Order | None:
        """The order placed from cart ``quote_id`` (a sales order keeps its quote's id), if any."""
        criteria = SearchCriteria().where("quote_id", quote_id).limit(1)
        return next(self.iter(criteria), None)

    def create(self, entity: Mapping[str, Any]) -> Order:
        """``POST /V1/orders`` with a full entity: stored as sent, no stock reserved (fact sheet §5.1 B)."""
        return parse_order(self._c.post("/V1/orders", {"entity": dict(entity)}))

    def update(self, entity_id: int, increment_id: str, **fields: object) -> None:
        """Partial update; ``increment_id`` is re-sent since some releases regenerate it when absent."""
        entity = {"entity_id": entity_id, "increment_id": increment_id, **fields}
        self._c.post("/V1/orders", {"entity": entity}, idempotent=True)

    def add_comment(
        self,
        order_id: int,
        comment: str,
        *,
        status: str | None = None,
        notify: bool = False,
        visible: bool = False,
    ) -> bool:
        history: Json = {
            "comment": comment,
            "is_customer_notified": int(notify),
            "is_visible_on_front": int(visible),
            "parent_id": order_id,
        }
        if status is not None:
            history["status"] = status
        return bool(self._c.post(f"/V1/orders/{order_id}/comments", {"statusHistory": history}))

    def comments(self, order_id: int) -> list[Json]:
        return objs(self._c.get(f"/V1/orders/{order_id}/comments", [("searchCriteria", "")]), "items")

    def cancel(self, order_id: int) -> bool:
        """``False`` (HTTP 200) when Magento refuses: fully invoiced, complete, closed or on hold."""
        return bool(self._c.post(f"/V1/orders/{order_id}/cancel", idempotent=True))

    def hold(self, order_id: int) -> bool:
        return bool(self._c.post(f"/V1/orders/{order_id}/hold"))

    def unhold(self, order_id: int) -> bool:
        return bool(self._c.post(f"/V1/orders/{order_id}/unhold"))

    def invoice(self, order_id: int, items: Sequence[ItemQty] = (), *, capture: bool = False) -> int:
        body: Json = {"capture": capture, "items": [_qty(i) for i in items]}
        return to_int(self._c.post(f"/V1/order/{order_id}/invoice", body))

    def ship(
        self,
        order_id: int,
        items: Sequence[ItemQty] = (),
        tracks: Sequence[NewTrack] = (),
        *,
        notify: bool = False,
    ) -> int:
        """No items ships everything left; a configurable ships by its PARENT order line id."""
        body: Json = {
            "items": [_qty(i) for i in items],
            "notify": notify,
            "tracks": [
                {"track_number": t.track_number, "title": t.title, "carrier_code": t.carrier_code}
                for t in tracks
            ],
        }
        return to_int(self._c.post(f"/V1/order/{order_id}/ship", body))


def _qty(item: ItemQty) -> Json:
    return {"order_item_id": item.order_item_id, "qty": item.qty}
