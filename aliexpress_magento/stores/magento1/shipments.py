"""Shipments on Magento 1, one line per product sold.

A shipment of a configurable lists both of its order lines (recorded: ``second-store/
sales_order_shipment.info``; checked on a lab store): the configurable line (the child's SKU, the shipped
quantity) and the hidden child line (the same SKU, quantity 1 whatever was shipped: OpenMage gives a
"dummy" item one unit and leaves it out of ``total_qty``). Shipment items carry no ``parent_item_id``, so
the hidden lines are told by the orders' items: only for shipments that list a SKU twice (a hidden line
always follows its configurable line's SKU), one ``sales_order.list`` (order ids → increment ids) and one
multiCall of ``sales_order.info`` per :data:`BATCH` shipments. Shipments of simples cost nothing more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator
from datetime import datetime

from aliexpress_magento.clients.magento1 import Magento1Client, condition, updated_since, where
from aliexpress_magento.clients.magento1.sales import ShipmentInfo

from ..convert import quantity, utc
from ..model import ShipmentLine, StoreShipment, Track

BATCH = 50  # shipments (and their orders) per multiCall


class Shipments:
    def __init__(self, client: Magento1Client) -> None:
        self._client = client

    def since(self, since: datetime) -> Iterator[StoreShipment]:
        rows = sorted(
            self._client.shipments.search(updated_since(since)), key=lambda r: (r.updated_at, r.shipment_id)
        )
        ids = [r.increment_id for r in rows]
        for start in range(0, len(ids), BATCH):
            infos = self._client.shipments.infos(ids[start : start + BATCH])
            hidden = self._hidden_items({i.shipment.order_id for i in infos if _repeats_a_sku(i)})
            yield from (_shipment(info, hidden) for info in infos)

    def _hidden_items(self, order_ids: Collection[int]) -> set[int]:
        """The order item ids of the hidden child lines of ``order_ids``."""
        if not order_ids:
            return set()
        rows = self._client.orders.search(where(order_id=condition(sorted(order_ids), "in")))
        infos = self._client.orders.infos([r.increment_id for r in rows])
        return {i.item_id for info in infos for i in info.items if i.parent_item_id is not None}


def _repeats_a_sku(info: ShipmentInfo) -> bool:
    return any(n > 1 for n in Counter(i.sku for i in info.items).values())


def _shipment(info: ShipmentInfo, hidden: Collection[int]) -> StoreShipment:
    head = info.shipment
    return StoreShipment(
        id=head.shipment_id,
        order_id=head.order_id,
        created_at=utc(head.created_at),
        updated_at=utc(head.updated_at),
        lines=tuple(
            ShipmentLine(i.sku, quantity(i.qty)) for i in info.items if i.order_item_id not in hidden
        ),
        tracks=tuple(Track(t.number, t.carrier_code, t.title) for t in info.tracks),
    )
