"""``sales_order.list`` / ``.info`` / ``.addComment`` / ``.cancel`` and ``sales_order_shipment.list`` /
``.info``. Orders and shipments are addressed by increment id; ``list`` filters any order field
(``order_id`` is the entity id, ``ext_order_id``, ``quote_id``, ``customer_email``…).

A configurable sells as two order lines, the parent (carrying the child's SKU and the price) and the
child (``parent_item_id`` set); :attr:`OrderInfo.lines` keeps one line per thing sold.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ValidationError
from .filters import Filters
from .session import Session
from .values import Json, objs, opt_float, opt_int, text, to_int


@dataclass(frozen=True)
class OrderRow:
    order_id: int
    increment_id: str
    ext_order_id: str
    quote_id: int
    state: str
    status: str
    customer_email: str
    grand_total: float
    currency: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class OrderItem:
    item_id: int
    sku: str
    name: str
    product_type: str
    qty_ordered: float
    qty_shipped: float
    qty_canceled: float
    price: float
    parent_item_id: int | None


@dataclass(frozen=True)
class StatusEntry:
    comment: str
    status: str
    created_at: str
    customer_notified: bool


@dataclass(frozen=True)
class OrderInfo:
    order: OrderRow
    items: tuple[OrderItem, ...]
    status_history: tuple[StatusEntry, ...]  # newest first
    payment_method: str
    shipping_method: str

    @property
    def lines(self) -> tuple[OrderItem, ...]:
        return tuple(i for i in self.items if i.parent_item_id is None)


@dataclass(frozen=True)
class ShipmentRow:
    shipment_id: int
    increment_id: str
    order_id: int
    order_increment_id: str
    total_qty: float
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class ShipmentItem:
    sku: str
    qty: float
    order_item_id: int


@dataclass(frozen=True)
class ShipmentTrack:
    number: str
    carrier_code: str
    title: str


@dataclass(frozen=True)
class ShipmentInfo:
    shipment: ShipmentRow
    items: tuple[ShipmentItem, ...]
    tracks: tuple[ShipmentTrack, ...]


def parse_order(data: Json) -> OrderRow:
    return OrderRow(
        order_id=to_int(data.get("order_id")),
        increment_id=text(data, "increment_id"),
        ext_order_id=text(data, "ext_order_id"),
        quote_id=to_int(data.get("quote_id")),
        state=text(data, "state"),
        status=text(data, "status"),
        customer_email=text(data, "customer_email"),
        grand_total=opt_float(data.get("grand_total")) or 0.0,
        currency=text(data, "order_currency_code"),
        created_at=text(data, "created_at"),
        updated_at=text(data, "updated_at"),
    )


def _item(data: Json) -> OrderItem:
    return OrderItem(
        item_id=to_int(data.get("item_id")),
        sku=text(data, "sku"),
        name=text(data, "name"),
        product_type=text(data, "product_type"),
        qty_ordered=opt_float(data.get("qty_ordered")) or 0.0,
        qty_shipped=opt_float(data.get("qty_shipped")) or 0.0,
        qty_canceled=opt_float(data.get("qty_canceled")) or 0.0,
        price=opt_float(data.get("price")) or 0.0,
        parent_item_id=opt_int(data.get("parent_item_id")),
    )


def parse_order_info(data: Json) -> OrderInfo:
    payment = data.get("payment")
    return OrderInfo(
        order=parse_order(data),
        items=tuple(_item(i) for i in objs(data.get("items"))),
        status_history=tuple(
            StatusEntry(
                text(h, "comment"),
                text(h, "status"),
                text(h, "created_at"),
                text(h, "is_customer_notified") == "1",
            )
            for h in objs(data.get("status_history"))
        ),
        payment_method=text(payment, "method") if isinstance(payment, dict) else "",
        shipping_method=text(data, "shipping_method"),
    )


def parse_shipment(data: Json) -> ShipmentRow:
    return ShipmentRow(
        shipment_id=to_int(data.get("shipment_id")),
        increment_id=text(data, "increment_id"),
        order_id=to_int(data.get("order_id")),
        order_increment_id=text(data, "order_increment_id"),
        total_qty=opt_float(data.get("total_qty")) or 0.0,
        created_at=text(data, "created_at"),
        updated_at=text(data, "updated_at"),
    )


def parse_shipment_info(data: Json) -> ShipmentInfo:
    return ShipmentInfo(
        shipment=parse_shipment(data),
        items=tuple(
            ShipmentItem(text(i, "sku"), opt_float(i.get("qty")) or 0.0, to_int(i.get("order_item_id")))
            for i in objs(data.get("items"))
        ),
        # The flat table's column is track_number; older releases called it number.
        tracks=tuple(
            ShipmentTrack(
                text(t, "track_number") or text(t, "number"), text(t, "carrier_code"), text(t, "title")
            )
            for t in objs(data.get("tracks"))
        ),
    )


class Orders:
    def __init__(self, session: Session) -> None:
        self._session = session

    def search(self, filters: Filters | None = None) -> list[OrderRow]:
        return [parse_order(o) for o in objs(self._session.call("sales_order.list", [filters or {}]))]

    def info(self, increment_id: str) -> OrderInfo:
        answer = self._session.call("sales_order.info", [increment_id])
        return parse_order_info(answer if isinstance(answer, dict) else {})

    def infos(self, increment_ids: list[str]) -> list[OrderInfo]:
        """Many orders in one multiCall; a fault is raised."""
        answers = self._session.multi_call([("sales_order.info", [i]) for i in increment_ids])
        for answer in answers:
            if isinstance(answer, Exception):
                raise answer
        return [parse_order_info(a) for a in answers if isinstance(a, dict)]

    def add_comment(self, increment_id: str, status: str, comment: str, notify: bool = False) -> bool:
        answer = self._session.call(
            "sales_order.addComment", [increment_id, status, comment, notify], idempotent=False
        )
        return bool(answer)

    def cancel(self, increment_id: str) -> bool:
        """True when canceled; False when Magento refuses (fault 103: already canceled, shipped…)."""
        try:
            return bool(self._session.call("sales_order.cancel", [increment_id]))
        except ValidationError as error:
            if error.fault_code == 103:
                return False
            raise


class Shipments:
    def __init__(self, session: Session) -> None:
        self._session = session

    def search(self, filters: Filters | None = None) -> list[ShipmentRow]:
        """The shipments the filters select (any shipment column may be filtered on). A real store answers
        only ``increment_id``, ``created_at``, ``total_qty`` and ``shipment_id`` null in these rows: the
        other fields are 0 / "" here; :meth:`info` / :meth:`infos` carry them (recorded)."""
        return [
            parse_shipment(s) for s in objs(self._session.call("sales_order_shipment.list", [filters or {}]))
        ]

    def info(self, increment_id: str) -> ShipmentInfo:
        answer = self._session.call("sales_order_shipment.info", [increment_id])
        return parse_shipment_info(answer if isinstance(answer, dict) else {})

    def infos(self, increment_ids: list[str]) -> list[ShipmentInfo]:
        answers = self._session.multi_call([("sales_order_shipment.info", [i]) for i in increment_ids])
        for answer in answers:
            if isinstance(answer, Exception):
                raise answer
        return [parse_shipment_info(a) for a in answers if isinstance(a, dict)]
