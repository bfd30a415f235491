"""The live Backend of a real Magento 1 / OpenMage: what the shared suite sets up and checks, read and
done through the store's own API v1 (no sandbox behind it).

One call at a time, never ``multiCall`` (finding 1 of issue 10: OpenMage ≥ 20.11 refuses the array form
the client sends), so the backend works whatever the client's state. API v1 cannot list a configurable's
children: the connector module's ``children`` names them (the README asks for the module), and their
axis labels come from ``catalog_product.info`` and ``product_attribute.options``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from aliexpress_magento.clients.magento1 import Magento1Client, condition, where
from aliexpress_magento.clients.magento1.connector import RESOURCE
from aliexpress_magento.clients.magento1.products import ProductInfo
from aliexpress_magento.stores import Track
from aliexpress_magento.stores.magento1 import Magento1Store
from tests.stores.store_contract import ExpectedConfigurable

from .common import (
    DISCOVERY_LIMIT,
    MIN_STOCK,
    DateRecorder,
    PacedTouch,
    clock_of,
    store_time,
    with_image_first,
)
from .config import Magento1Target

ENABLED, NOT_VISIBLE_INDIVIDUALLY = 1, 1
CHILDREN_PER_CALL = 100  # the module refuses more than 500 identifiers (finding 4)


def client_of(target: Magento1Target, transport: DateRecorder | None = None) -> Magento1Client:
    return Magento1Client(
        target.base_url, api_user=target.api_user, api_key=target.api_key, transport=transport
    )


def store_of(target: Magento1Target) -> Magento1Store:
    """As ``accounts.api_clients.store`` builds it (default retry policy, the account's store view)."""
    return Magento1Store(client_of(target), store_view_code=target.store_code)


@dataclass
class Magento1LiveBackend:
    """The shared suite's ``Backend`` over a real Magento 1 / OpenMage (``store_contract.py``)."""

    target: Magento1Target
    payment_method: str = "checkmo"
    shipping_method: str = "flatrate_flatrate"

    def __post_init__(self) -> None:
        self.clock = DateRecorder()
        self.client = client_of(self.target, self.clock)
        self.touch = PacedTouch(self._resave, lambda sku: store_time(self._info(sku).updated_at))
        self._simple: tuple[str, Decimal] | None = None
        self._configurable: ExpectedConfigurable | None = None

    def close(self) -> None:
        self.client.close()

    def _info(self, sku: str, store: str | None = None) -> ProductInfo:
        """``store=None``: the admin (default) values."""
        return self.client.products.info(sku, store)

    # --- catalog ---------------------------------------------------------------------------------------
    def all_skus(self) -> set[str]:
        """The products of the store view's website: ``catalog_product.list`` answers every website's
        (recorded: its store argument filters none), while the Store reads its view's website only."""
        views = self.client.stores.all()
        website = next(
            (v.website_id for v in views if self.target.store_code in (v.code, str(v.store_id))), None
        )
        if website is None:
            raise AssertionError(
                f"the store has no store view {self.target.store_code!r} (MAGENTO1_LIVE_STORE_CODE)"
            )
        return {row.sku for row in self.client.products.search() if website in row.website_ids}

    def simple(self) -> tuple[str, Decimal]:
        if self._simple is None:
            pinned = self.target.pins.simple_sku
            info = self._info(pinned, self.target.store_code) if pinned else self._find_simple()
            if info.price is None:
                raise AssertionError(f"{info.sku} has no price")
            self._simple = (info.sku, Decimal(info.price))
        return self._simple

    def _find_simple(self) -> ProductInfo:
        rows = sorted(self.client.products.search(where(type="simple")), key=lambda r: r.product_id)
        fits = [
            info
            for row in rows[:DISCOVERY_LIMIT]
            if (info := self._info(row.sku, self.target.store_code)).status == ENABLED
            and info.visibility != NOT_VISIBLE_INDIVIDUALLY
            and info.special_price is None
            and not _window(info)
            and self.salable(row.sku) >= MIN_STOCK
        ]
        return with_image_first(fits, lambda info: bool(self.client.products.media(info.sku)), "in stock")

    def special_window(self) -> tuple[str, date, date]:
        filters = where(
            special_from_date=condition(None, "notnull"), special_to_date=condition(None, "notnull")
        )
        rows = sorted(self.client.products.search(filters), key=lambda r: r.product_id)
        for row in rows[:DISCOVERY_LIMIT]:
            if window := _window(self._info(row.sku, self.target.store_code)):
                return row.sku, *window
        raise AssertionError(
            f"no product with both special price dates among the first {DISCOVERY_LIMIT}: set "
            "'Special Price From Date' and 'To Date' on one"
        )

    def configurable(self) -> ExpectedConfigurable:
        if self._configurable is None:
            pinned = self.target.pins.configurable_sku
            skus = [pinned] if pinned else self._configurable_skus()
            self._configurable = self._find_configurable(skus)
        return self._configurable

    def _configurable_skus(self) -> list[str]:
        rows = self.client.products.search(where(type="configurable", status=condition(ENABLED)))
        return [r.sku for r in sorted(rows, key=lambda r: r.product_id)][:DISCOVERY_LIMIT]

    def _find_configurable(self, skus: list[str]) -> ExpectedConfigurable:
        for start in range(0, len(skus), CHILDREN_PER_CALL):
            for family in self.client.connector.children(skus[start : start + CHILDREN_PER_CALL]):
                if len(family.attributes) == 2 and family.children:
                    axes = tuple(a.code for a in sorted(family.attributes, key=lambda a: a.position))
                    return ExpectedConfigurable(
                        family.sku, axes, self._labels(axes, [c.sku for c in family.children])
                    )
        raise AssertionError(
            f"no enabled configurable with two axes and children among {skus[:5]}…: create one or set "
            f"LIVE_CONFIGURABLE_SKU (and install the connector module, whose {RESOURCE}.children lists them)"
        )

    def _labels(self, axes: tuple[str, ...], children: list[str]) -> dict[str, tuple[str, ...]]:
        store = self.target.store_code
        options = {
            code: {o.value: o.label for o in self.client.attributes.options(code, store)} for code in axes
        }
        values = {sku: self._info(sku, store).values for sku in children}
        return {sku: tuple(options[code][str(values[sku].get(code))] for code in axes) for sku in children}

    def salable(self, sku: str) -> float:
        """``cataloginventory_stock_item.list``: the quantity when in stock, else 0."""
        [item] = self.client.inventory.items([sku])
        return item.qty if item.is_in_stock else 0.0

    def _resave(self, sku: str) -> None:
        """A real edit through the API that changes nothing: the default name, saved again."""
        name = self._info(sku).name
        self.client.call("catalog_product.update", [sku, {"name": name}, None, "sku"], idempotent=False)

    # --- orders ----------------------------------------------------------------------------------------
    def _increment(self, order_id: int) -> str:
        [row] = self.client.orders.search(where(order_id=order_id))
        return row.increment_id

    def order_count(self) -> int:
        return len(self.client.orders.search())

    def order_lines(self, order_id: int) -> list[tuple[str, str, str]]:
        items = self.client.orders.info(self._increment(order_id)).items
        skus = {i.item_id: i.sku for i in items}
        return [(i.sku, i.product_type, skus.get(i.parent_item_id or 0, "")) for i in items]

    def order_state(self, order_id: int) -> str:
        [row] = self.client.orders.search(where(order_id=order_id))
        return row.state

    def comments(self, order_id: int) -> list[str]:
        """``sales_order.info``'s ``status_history`` oldest first (the store lists it newest first:
        ``getStatusHistoryCollection`` sorts by ``created_at`` and id, descending)."""
        history = self.client.orders.info(self._increment(order_id)).status_history
        return [entry.comment for entry in reversed(history)]

    def ship(self, order_id: int, track: Track) -> None:
        """``sales_order_shipment.create`` (every item left), then ``addTrack`` on that shipment."""
        shipment = self.client.call(
            "sales_order_shipment.create", [self._increment(order_id), [], "", False, False], idempotent=False
        )
        self.client.call(
            "sales_order_shipment.addTrack",
            [str(shipment), track.carrier_code, track.title, track.number],
            idempotent=False,
        )

    def now(self) -> datetime:
        return clock_of(self.clock, self.client.stores.all)


def _window(info: ProductInfo) -> tuple[date, date] | None:
    """Both special price days of ``catalog_product.info``'s raw values ("2026-12-04 00:00:00"), else None."""
    starts, ends = info.values.get("special_from_date"), info.values.get("special_to_date")
    if not isinstance(starts, str) or not isinstance(ends, str) or not starts or not ends:
        return None
    return date.fromisoformat(starts[:10]), date.fromisoformat(ends[:10])
