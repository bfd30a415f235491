"""What the payload builder reads: frozen snapshots of one Magento product, its profile and the
account's settings, taken by the services from the catalog mirror, the profile rows and the account.

Frozen and Django-free so the builder is a pure function: the same snapshots always give the same item
(the listing's payload hash relies on it), and tests build them by hand. Money is ``Decimal``; dates are
plain ``date`` values in the store's time zone (Magento's special price window is day-based).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from aliexpress_magento.profiles.mappers import SchemaDescription
from aliexpress_magento.stores.model import AxisValue, SalableStock

__all__ = [
    "AttributeMappingSnapshot",
    "AxisValue",
    "ChildSnapshot",
    "ListingSettings",
    "MappedValue",
    "Package",
    "PriceRule",
    "ProductSnapshot",
    "ProfileSnapshot",
    "SalableStock",
    "SpecialPrice",
]


class PriceRule(StrEnum):
    """The manual's "Aliexpress Product Price" options; the values are ``accounts.choices.PriceRule``'s
    (a unit test keeps the two equal: that one is a Django choice, this module must not import Django)."""

    DEFAULT = "default"
    INCREASE_FIXED = "increase_fixed"
    INCREASE_PERCENT = "increase_percent"
    DECREASE_FIXED = "decrease_fixed"
    DECREASE_PERCENT = "decrease_percent"


@dataclass(frozen=True)
class SpecialPrice:
    """Magento's special price and its window (``special_from_date`` / ``special_to_date``, both
    inclusive; ``None`` = open on that side)."""

    price: Decimal
    from_date: date | None = None
    to_date: date | None = None


@dataclass(frozen=True)
class ChildSnapshot:
    """A child of a configurable: one AliExpress SKU (``sku_code`` = its SKU)."""

    sku: str
    axis_values: tuple[AxisValue, ...]  # its value on each of the parent's axes (color = Red …)
    stock: SalableStock
    price: Decimal | None = None  # None: the parent's price
    special_price: SpecialPrice | None = None
    weight: Decimal | None = None  # None: the parent's weight
    image_urls: tuple[str, ...] = ()  # Magento media URLs, main image first (the swatch image)


@dataclass(frozen=True)
class ProductSnapshot:
    """A simple product (one SKU) or a configurable with ``children`` (one SKU each).

    ``names`` / ``descriptions`` are keyed by AliExpress locale (``en_US``…): the services read the main
    store view for the main locale and each mapped store view for its locale. ``attributes`` holds
    Magento's stored values (option ids for selects, several for a multiselect, text otherwise);
    ``option_labels`` gives the label of each option id per attribute code, for custom names and free-text
    AliExpress attributes. ``photobank_urls`` maps a Magento image URL to its uploaded photobank URL;
    an image missing there has not been uploaded yet."""

    sku: str
    names: Mapping[str, str]
    descriptions: Mapping[str, str]
    price: Decimal | None
    weight: Decimal | None = None  # in the store's weight unit (ListingSettings.weight_unit)
    special_price: SpecialPrice | None = None
    attributes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    option_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    image_urls: tuple[str, ...] = ()  # main image first
    photobank_urls: Mapping[str, str] = field(default_factory=dict)
    category_ids: tuple[int, ...] = ()
    stock: SalableStock | None = None  # a simple's; a configurable's SKUs use their children's
    children: tuple[ChildSnapshot, ...] = ()

    @property
    def is_configurable(self) -> bool:
        return bool(self.children)


@dataclass(frozen=True)
class MappedValue:
    """An AliExpress value chosen for a Magento option: a value id of the schema (or text for a
    free-text attribute) and the custom text sent with "Other" (id 4)."""

    value: str
    custom: str = ""


@dataclass(frozen=True)
class AttributeMappingSnapshot:
    """``profiles.models.AttributeMapping``, field for field (``value_map`` parsed), plus ``unit``.

    ``unit`` (a unit code of the schema, e.g. ``cm``) has no column yet: AttributeMapping cannot choose
    a unit today, so it is "" (no unit sent) until the model gains one."""

    kind: str  # "category" | "sku"
    aliexpress_attribute: str  # the schema's property name ("Brand Name", "Color")
    source: str  # "magento" | "fixed"
    magento_attribute: str = ""
    fixed_value: str = ""
    fixed_custom: str = ""
    value_map: Mapping[str, MappedValue] = field(default_factory=dict)  # Magento option id → value
    default_value: str = ""
    default_custom: str = ""
    send_custom_names: bool = False
    send_swatch_image: bool = False
    unit: str = ""


@dataclass(frozen=True)
class ProfileSnapshot:
    """The profile's category and mappings, with the category's schema both parsed (what the builder
    walks) and raw (what validation runs on: the real schema, with every rule AliExpress publishes).
    ``title_template`` (``profiles.title_template``; "" = the product's name) builds the titles."""

    category_id: int
    schema: SchemaDescription
    raw_schema: Mapping[str, Any]
    mappings: tuple[AttributeMappingSnapshot, ...] = ()
    product_unit: str = "100000015"  # product_units_type: piece/pieces, AliExpress's usual unit
    title_template: str = ""

    def mapping(self, kind: str, attribute: str) -> AttributeMappingSnapshot | None:
        return next(
            (m for m in self.mappings if m.kind == kind and m.aliexpress_attribute == attribute), None
        )


@dataclass(frozen=True)
class Package:
    """Package dimensions in whole centimetres (the schema types them as integers, 1 to 700)."""

    length: int
    width: int
    height: int


@dataclass(frozen=True)
class ListingSettings:
    """The account's settings the builder applies.

    Price: ``price_rule`` with ``price_fixed_amount`` (in the store's base currency) or
    ``price_percentage``; then conversion from ``base_currency`` to ``quotation_currency`` at
    ``currency_rate`` (1 base unit = rate quotation units), required when the two differ; it comes
    from ``rate_source`` (a label: the fixed rate setting or the store's rates) as of ``rate_at``, and
    without it ``rate_problem`` says why (the sentence a refused price gives).
    Stock: ``stock_buffer`` is subtracted, the result is 0 at or below ``stock_threshold``, capped at
    ``stock_max`` (None: AliExpress's own maximum, or ``inventory.UNLIMITED_DEFAULT`` for unlimited stock).
    ``extra_locales`` are the AliExpress locales mapped to further store views, in the order sent."""

    main_locale: str
    base_currency: str
    quotation_currency: str
    freight_template_id: str
    package: Package
    extra_locales: tuple[str, ...] = ()
    price_rule: PriceRule = PriceRule.DEFAULT
    price_fixed_amount: Decimal | None = None
    price_percentage: Decimal | None = None
    currency_rate: Decimal | None = None
    rate_source: str = ""
    rate_at: datetime | None = None
    rate_problem: str = ""
    stock_buffer: int = 0
    stock_threshold: int = 0
    stock_max: int | None = None
    service_template_id: str = "0"  # AliExpress's default service template
    fulfilment_lag_days: int = 3
    weight_unit: str = "kgs"  # Magento's general/locale/weight_unit: "kgs" or "lbs"
    swatches: bool = False  # the account's "Aliexpress Swatches"
    inventory_deduction_strategy: str = "payment_success_deduct"
