"""The shared Store suite's order checks on Magento 2, read through the store's own REST API: the same for
the sandbox's backend and the live one (``Backend`` in ``tests/stores/store_contract.py``)."""

from __future__ import annotations

from aliexpress_magento.clients.magento2 import Magento2Client, SearchCriteria
from aliexpress_magento.clients.magento2.orders import NewTrack
from aliexpress_magento.stores import Track


class Magento2OrderChecks:
    """Mixed into a backend that has ``client``: a Magento 2 client allowed to read and ship orders."""

    client: Magento2Client

    def order_count(self) -> int:
        return next(self.client.orders.search(SearchCriteria().limit(1)).pages()).total_count

    def order_lines(self, order_id: int) -> list[tuple[str, str, str]]:
        items = self.client.orders.get(order_id).items
        skus = {i.item_id: i.sku for i in items}
        return [(i.sku, i.product_type, skus.get(i.parent_item_id or 0, "")) for i in items]

    def order_state(self, order_id: int) -> str:
        return self.client.orders.get(order_id).state

    def comments(self, order_id: int) -> list[str]:
        """``GET /V1/orders/{id}/comments``: oldest first, as a real store lists them."""
        return [str(c.get("comment") or "") for c in self.client.orders.comments(order_id)]

    def ship(self, order_id: int, track: Track) -> None:
        self.client.orders.ship(order_id, tracks=[NewTrack(track.number, track.title, track.carrier_code)])
