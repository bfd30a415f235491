"""The live Backend of a real Magento 2: what the shared suite sets up and checks, read and done through
the store's own REST API (no sandbox behind it).

Reads go through a client scoped like the Store's (the store view); the one product edit (``touch``) goes
through the ``all`` scope, so it saves the default values and leaves no store-view copy behind. Salable
quantities come from ``get-product-salable-quantity`` (one SKU at a time), not from the bulk export the
adapter reads, so the two are checked against each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx

from aliexpress_magento.clients.magento2 import (
    AdminTokenAuth,
    BearerAuth,
    Magento2Client,
    NotFoundError,
    OAuth1Auth,
    OAuth1Credentials,
    SearchCriteria,
    segment,
)
from aliexpress_magento.clients.magento2.products import ENABLED, Product
from aliexpress_magento.stores.magento2 import Magento2Store
from tests.stores.store_contract import ExpectedConfigurable
from tests.support.magento2_orders import Magento2OrderChecks

from .common import (
    DISCOVERY_LIMIT,
    MIN_STOCK,
    DateRecorder,
    PacedTouch,
    clock_of,
    store_time,
    with_image_first,
)
from .config import Magento2Target

NOT_VISIBLE_INDIVIDUALLY = 1


def auth_of(target: Magento2Target) -> httpx.Auth:
    """As ``accounts.api_clients`` builds it for each credential kind."""
    if target.auth_kind == "admin":
        return AdminTokenAuth(*target.credentials)
    if target.auth_kind == "oauth1":
        key, secret, token, token_secret = target.credentials
        return OAuth1Auth(OAuth1Credentials(key, secret, token, token_secret))
    return BearerAuth(target.credentials[0])


def client_of(
    target: Magento2Target, scope: str, transport: httpx.BaseTransport | None = None
) -> Magento2Client:
    return Magento2Client(target.base_url, auth=auth_of(target), store_code=scope, transport=transport)


def website_code(client: Magento2Client, store_code: str) -> str:
    """The website of the store view, as the account would be configured for this store."""
    view = next((v for v in client.stores.views() if v.code == store_code), None)
    if view is None:
        raise AssertionError(f"the store has no store view {store_code!r} (MAGENTO2_LIVE_STORE_CODE)")
    return next(w.code for w in client.stores.websites() if w.id == view.website_id)


def store_of(target: Magento2Target) -> Magento2Store:
    """The Store as ``accounts.api_clients.store`` builds it (default retry policy, store-view scope)."""
    client = client_of(target, target.store_code)
    return Magento2Store(
        client, website_code=website_code(client, target.store_code), store_view_code=target.store_code
    )


@dataclass
class Magento2LiveBackend(Magento2OrderChecks):
    """The shared suite's ``Backend`` over a real Magento 2 (``tests/stores/store_contract.py``)."""

    target: Magento2Target
    payment_method: str = "checkmo"
    shipping_method: str = "flatrate_flatrate"

    def __post_init__(self) -> None:
        self.clock = DateRecorder()
        self.client = client_of(self.target, self.target.store_code, self.clock)
        self.admin = client_of(self.target, "all")
        self.website = website_code(self.client, self.target.store_code)
        self.touch = PacedTouch(self._resave, lambda sku: store_time(self.admin.products.get(sku).updated_at))
        self._simple: tuple[str, Decimal] | None = None
        self._configurable: ExpectedConfigurable | None = None

    def close(self) -> None:
        self.client.close()
        self.admin.close()

    def currency_answer(self) -> dict[str, Any]:
        """``GET /V1/directory/currency`` of the store view, as the store sends it (JSON, unparsed)."""
        return dict(self.client.connection.get("/V1/directory/currency"))

    # --- catalog ---------------------------------------------------------------------------------------
    def all_skus(self) -> set[str]:
        return {str(item["sku"]) for item in self.client.products.search(SearchCriteria().limit(200)).items()}

    def simple(self) -> tuple[str, Decimal]:
        if self._simple is None:
            pinned = self.target.pins.simple_sku
            product = self.client.products.get(pinned) if pinned else self._find_simple()
            if product.price is None:
                raise AssertionError(f"{product.sku} has no price")
            self._simple = (product.sku, Decimal(str(product.price)))
        return self._simple

    def _find_simple(self) -> Product:
        criteria = (
            SearchCriteria()
            .where("type_id", "simple")
            .where("status", ENABLED)
            .where("visibility", NOT_VISIBLE_INDIVIDUALLY, "neq")
            .order_by("entity_id")
            .limit(DISCOVERY_LIMIT)
        )
        fits = [
            product
            for listed in next(self.client.products.search(criteria).pages()).items
            if (product := self.client.products.get(str(listed["sku"]))).special_price is None
            and not _window(product.attributes)
            and self.salable(product.sku) >= MIN_STOCK
        ]
        return with_image_first(fits, lambda p: bool(p.media), "salable")

    def special_window(self) -> tuple[str, date, date]:
        criteria = (
            SearchCriteria()
            .where("special_from_date", None, "notnull")
            .where("special_to_date", None, "notnull")
            .order_by("entity_id")
            .limit(DISCOVERY_LIMIT)
        )
        for listed in next(self.client.products.search(criteria).pages()).items:
            product = self.client.products.get(str(listed["sku"]))
            if window := _window(product.attributes):
                return product.sku, *window
        raise AssertionError(
            f"no product with both special price dates among the first {DISCOVERY_LIMIT}: set "
            "'Special Price From' and 'To' on one"
        )

    def configurable(self) -> ExpectedConfigurable:
        if self._configurable is None:
            pinned = self.target.pins.configurable_sku
            self._configurable = self._expected(pinned) if pinned else self._find_configurable()
            if self._configurable is None:
                raise AssertionError(f"{pinned} is not a configurable with two axes and children")
        return self._configurable

    def _find_configurable(self) -> ExpectedConfigurable:
        criteria = (
            SearchCriteria()
            .where("type_id", "configurable")
            .where("status", ENABLED)
            .order_by("entity_id")
            .limit(DISCOVERY_LIMIT)
        )
        for listed in next(self.client.products.search(criteria).pages()).items:
            found = self._expected(str(listed["sku"]))
            if found is not None:
                return found
        raise AssertionError(
            f"no enabled configurable with two axes and children among the first {DISCOVERY_LIMIT}: create "
            "one or set LIVE_CONFIGURABLE_SKU"
        )

    def _expected(self, sku: str) -> ExpectedConfigurable | None:
        """Axes in their ``position`` order, each child's labels from the axis attributes' options."""
        options = sorted(self.client.products.options(sku), key=lambda o: o.position)
        children = self.client.products.children(sku)
        if len(options) != 2 or not children:
            return None
        ids = [o.attribute_id for o in options]
        by_id = {
            a.id: a.code
            for a in self.client.attributes.iter(SearchCriteria().where("attribute_id", ids, "in"))
        }
        axes = tuple(by_id[i] for i in ids)
        labels = {code: {o.value: o.label for o in self.client.attributes.options(code)} for code in axes}
        return ExpectedConfigurable(
            sku,
            axes,
            {
                kid.sku: tuple(labels[code][str(kid.attributes.get(code))] for code in axes)
                for kid in children
            },
        )

    def salable(self, sku: str) -> float:
        """The salable quantity of the store's website stock (MSI), or the legacy stock item's qty."""
        try:
            stock_id = self.client.inventory.stock_id(self.website)
        except NotFoundError:
            item = self.client.inventory.stock_item(sku)
            return item.qty if item.is_in_stock else 0.0
        return self.client.inventory.salable_qty(sku, stock_id)

    def _resave(self, sku: str) -> None:
        """A real edit through the API that changes nothing: the default name, saved again."""
        name = self.admin.products.get(sku).name
        self.admin.connection.put(f"/V1/products/{segment(sku)}", {"product": {"sku": sku, "name": name}})

    def now(self) -> datetime:
        return clock_of(self.clock, self.client.stores.views)


def _window(attributes: Mapping[str, object]) -> tuple[date, date] | None:
    """Both special price days of a product's raw custom attributes ("2026-12-04 00:00:00"), else None."""
    starts, ends = attributes.get("special_from_date"), attributes.get("special_to_date")
    if not isinstance(starts, str) or not isinstance(ends, str) or not starts or not ends:
        return None
    return date.fromisoformat(starts[:10]), date.fromisoformat(ends[:10])
