"""What a Store hands the apps and takes from them: platform-neutral, frozen, no raw dicts.

Money is ``Decimal`` (prices are summed and compared; floats would drift). Times are aware UTC
datetimes: Magento answers UTC wall time, converted at the adapter's edge. One mutable helper lives
here too: :class:`InMemoryJournal`, the default placement journal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

OrderMethod = Literal["quote", "direct"]


@dataclass(frozen=True)
class Image:
    url: str
    label: str
    position: int
    roles: tuple[str, ...]  # image, small_image, thumbnail… (the first "image" is the main one)


@dataclass(frozen=True)
class AxisValue:
    """A child's value on one variation axis of its configurable parent (e.g. color = Red)."""

    attribute_code: str
    option_id: str
    label: str


@dataclass(frozen=True)
class StoreProduct:
    # The platform's own product id: a binding keys on it (a SKU can be renamed; the id cannot).
    entity_id: int
    sku: str
    name: str
    type: str  # "simple" or "configurable" (others pass through as the platform names them)
    enabled: bool
    visibility: int  # 1 not visible individually, 2 catalog, 3 search, 4 both
    price: Decimal | None
    special_price: Decimal | None
    weight: float | None
    updated_at: datetime
    # Attribute code → value as stored: option ids for selects, comma lists for multiselects.
    attributes: Mapping[str, str | tuple[str, ...]]
    images: tuple[Image, ...]
    category_ids: tuple[int, ...]
    # A configurable's variation attributes (codes) and its children; a child's own axis values.
    axes: tuple[str, ...] = ()
    children: tuple[StoreProduct, ...] = ()
    axis_values: tuple[AxisValue, ...] = ()
    # Why this product cannot be used as it is, e.g. a Magento 1 configurable whose children cannot be
    # read without the connector module; empty when the product is complete.
    unavailable_reason: str = ""
    # Magento's attribute set (Magento 2 ``attribute_set_id``, Magento 1 ``set``): auto-assignment rules
    # take products by set. None when the platform did not say.
    attribute_set_id: int | None = None
    # The special price's window (``special_from_date`` / ``special_to_date``), both ends inclusive; None:
    # open on that side (or unset, or unreadable). A ``date``, not a datetime: Magento keeps a calendar day
    # of the store's time zone as "YYYY-MM-DD 00:00:00" (recorded on 2.4.7 and OpenMage; no zone, unlike
    # ``updated_at`` which is UTC) and compares it with the store's local day, so making it a UTC instant
    # would move the window by the store's offset.
    special_from: date | None = None
    special_to: date | None = None


@dataclass(frozen=True)
class StoreOption:
    id: str
    label: str


@dataclass(frozen=True)
class StoreAttribute:
    code: str
    label: str
    input_type: str
    required: bool
    options: tuple[StoreOption, ...]


@dataclass(frozen=True)
class StoreCategory:
    id: int
    parent_id: int
    name: str
    active: bool
    position: int
    level: int
    children: tuple[StoreCategory, ...] = ()


@dataclass(frozen=True)
class SalableStock:
    """What the store would sell of one SKU. ``is_salable`` is the answer to "would an order for it go
    through"; ``qty`` is the quantity Magento counts (0 when not salable). ``limited`` False: Magento sells
    any quantity (stock not managed, or backorders allowed), ``qty`` is then no limit and may be 0 or
    negative (units already backordered). The README's "Salable quantity" says how each platform maps."""

    sku: str
    qty: Decimal
    is_salable: bool
    limited: bool = True


@dataclass(frozen=True)
class Address:
    firstname: str
    lastname: str
    street: tuple[str, ...]
    city: str
    postcode: str
    country_id: str
    telephone: str
    email: str = ""
    region: str = ""
    region_code: str = ""
    region_id: int | None = None
    company: str = ""


@dataclass(frozen=True)
class OrderLine:
    sku: str
    qty: int  # AliExpress sells whole units
    price: Decimal  # the marketplace's unit price (used by "direct"; recorded by "quote")
    name: str = ""
    # The configurable this SKU is sold as a child of, when the caller knows it (its catalog mirror
    # does): Magento 2 orders the child through it and has no cheap way to find it otherwise.
    parent_sku: str = ""


@dataclass(frozen=True)
class OrderToCreate:
    external_id: str  # stored as Magento's ext_order_id: the key that makes creation idempotent
    currency: str
    lines: tuple[OrderLine, ...]
    customer_email: str
    customer_firstname: str
    customer_lastname: str
    billing_address: Address
    shipping_address: Address
    payment_method: str  # e.g. checkmo
    shipping_method: str  # carrier_method, e.g. flatrate_flatrate
    subtotal: Decimal
    shipping_amount: Decimal
    grand_total: Decimal
    increment_id: str | None = None  # the order number of a "direct" order (prefix + marketplace id)
    comment: str = ""
    # The store's customer the order is placed for (``Store.ensure_customer``); None: a guest order in
    # the customer e-mail and name above. A quote order only: a direct order is always a guest's.
    customer_id: int | None = None


@dataclass(frozen=True)
class CreatedOrder:
    id: int
    number: str
    external_id: str
    state: str
    status: str
    created: bool  # False: it already existed (found by external id), nothing was created
    # What Magento charged, to compare with the marketplace's amounts (None: the platform did not say).
    grand_total: Decimal | None = None
    currency: str = ""


@dataclass
class InMemoryJournal:
    """A :class:`~.base.PlacementJournal` in a dict: for tests, and the default of a Store object (it
    covers a retry by the same process, not a crashed one)."""

    carts: dict[str, str] = field(default_factory=dict)  # external id → cart reference

    def recall(self, external_id: str) -> str | None:
        return self.carts.get(external_id)

    def remember(self, external_id: str, cart_ref: str) -> None:
        self.carts[external_id] = cart_ref


@dataclass(frozen=True)
class Method:
    code: str
    title: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class AvailableMethods:
    payment: tuple[Method, ...]
    shipping: tuple[Method, ...]


@dataclass(frozen=True)
class Track:
    number: str
    carrier_code: str
    title: str


@dataclass(frozen=True)
class ShipmentLine:
    sku: str
    qty: Decimal


@dataclass(frozen=True)
class StoreShipment:
    id: int
    order_id: int
    created_at: datetime
    updated_at: datetime
    lines: tuple[ShipmentLine, ...]
    tracks: tuple[Track, ...] = field(default=())


@dataclass(frozen=True)
class StoreView:
    """A store view the account can sell from, with what the configuration page shows of it."""

    code: str
    name: str
    # Magento 2: the website's code. Magento 1's API v1 gives only the website's id (as text here), and
    # no currency, time zone or URL (those stay empty).
    website_code: str
    base_currency: str
    timezone: str
    base_url: str
    is_active: bool


@dataclass(frozen=True)
class CurrencyRates:
    """The store's own currency rates (Magento: Stores → Currency Rates), from its base currency:
    1 ``base_currency`` = ``rates[code]`` units of ``code``. A currency without a rate is left out."""

    base_currency: str
    rates: Mapping[str, Decimal]


class RatesUnavailable(Exception):
    """The platform's API cannot tell its currency rates; ``str(exc)`` says why, for the merchant."""
