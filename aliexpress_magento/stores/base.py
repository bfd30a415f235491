"""The Store interface: everything the apps ask of a Magento, whatever its version."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Protocol, Self

from .model import (
    Address,
    AvailableMethods,
    CreatedOrder,
    CurrencyRates,
    OrderMethod,
    OrderToCreate,
    SalableStock,
    StoreAttribute,
    StoreCategory,
    StoreProduct,
    StoreShipment,
    StoreView,
)


class PlacementJournal(Protocol):
    """What a Store notes while it places an order, so that a retry after a crash finds the order the
    first attempt placed instead of placing a second one (DESIGN.md §8: never two orders).

    Before the step that turns a cart into an order, the Store calls ``remember(external_id, cart_ref)``;
    a retry that cannot find the order by its external id asks ``recall(external_id)`` and looks the order
    up by that cart. ``remember`` must be durable when it returns (the orders app keeps the reference on
    the order's claim row, committed); :class:`~.model.InMemoryJournal` lasts as long as the process."""

    def recall(self, external_id: str) -> str | None:
        """The cart reference last remembered for ``external_id``, or None."""
        ...

    def remember(self, external_id: str, cart_ref: str) -> None: ...


class Store(Protocol):
    def products_changed_since(self, since: datetime, *, page_size: int = 100) -> Iterator[StoreProduct]:
        """Products updated at or after ``since``, oldest first, read page by page (memory stays flat).

        A configurable comes with its children and their axis values. Children are also yielded on
        their own: a child's price change bumps only the child's ``updated_at``. A product edited
        during the read is not lost: it comes again later (paged by key, not offset).
        """
        ...

    def products_by_sku(self, skus: Sequence[str]) -> list[StoreProduct]:
        """The products found among ``skus`` (unknown SKUs are left out)."""
        ...

    def salable_quantities(self, skus: Sequence[str]) -> dict[str, SalableStock]:
        """Salable stock of the store's website by SKU (unknown SKUs are left out)."""
        ...

    def attributes(self) -> list[StoreAttribute]: ...

    def category_tree(self) -> StoreCategory: ...

    def available_methods(self, sku: str, address: Address) -> AvailableMethods:
        """Payment and shipping methods Magento offers for one unit of ``sku`` sent to ``address``."""
        ...

    def find_order(self, external_id: str) -> CreatedOrder | None: ...

    def ensure_customer(self, email: str, firstname: str, lastname: str) -> int:
        """The id of the store's customer with ``email``, created (no password, no address: an account
        the marketplace's orders are filed under, never logged into) when there is none. Idempotent: a
        creation that races another finds the other's customer."""
        ...

    def create_order(
        self, order: OrderToCreate, method: OrderMethod = "quote", *, journal: PlacementJournal | None = None
    ) -> CreatedOrder:
        """Create the order once: an order with the same external id is returned, not duplicated
        (``created=False``). The quote method notes its cart in ``journal`` before placing it, so an
        order placed by an attempt that crashed before it carried the external id is found by its cart,
        completed and returned, not placed again. Without a journal the Store uses its own in memory."""
        ...

    def add_order_comment(self, order_id: int, comment: str) -> None: ...

    def cancel_order(self, order_id: int) -> bool:
        """True when canceled; False when the platform refuses (fully invoiced, complete, held…)."""
        ...

    def shipments_since(self, since: datetime) -> Iterator[StoreShipment]:
        """Shipments created or updated at or after ``since``, with their tracks, oldest first."""
        ...

    def store_views(self) -> list[StoreView]:
        """Every store view with its website, base currency and time zone; also the connection test."""
        ...

    def currency_rates(self) -> CurrencyRates:
        """The rates of the store view the Store sells from (Stores → Currency Rates), for converting
        prices to the seller's AliExpress currency. ``RatesUnavailable`` when the platform's API has no
        such call (Magento 1), with the reason for the merchant: then the account's fixed rate is used."""
        ...

    def close(self) -> None:
        """Release the connections (the HTTP pool). A Store is also a context manager that closes itself:
        every caller that builds one closes it (``with api_clients.store(account) as store: …``)."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...
