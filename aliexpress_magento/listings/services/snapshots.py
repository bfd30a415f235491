"""The payload builder's inputs (:mod:`..mappers.inputs`) taken from the catalog mirror, the profile rows
and the account: one product at a time, or a page of products in a fixed number of queries.

Read from the mirror only: nothing here calls Magento. A configurable's SKUs are its children that are
enabled and still in Magento (a disabled child is not for sale; AliExpress gets no SKU for it).

The account's Product Global Settings and Advanced Price Settings give the locales, the quotation
currency and its rate, the package and the stock rules (:func:`listing_settings`).

Names and descriptions: the main locale's are the row's own (the account's store view); each further
locale's come from the store view mapped to it (``Account.extra_locales``), which the catalog refresh
mirrors in ``CatalogProduct.store_view_texts`` (read with the row: no query more). Magento answers a
view's read with the default values where the view has none of its own, so a product not translated
there is sent under that locale with its default texts, as the store shows it. A view not read yet
(mapped after the last refresh) gives no text: the builder sends nothing for that locale (it drops a
locale without a name) until the next refresh reads it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services import rates
from aliexpress_magento.catalog.models import CatalogAttribute, CatalogProduct
from aliexpress_magento.listings.mappers.inputs import (
    AttributeMappingSnapshot,
    AxisValue,
    ChildSnapshot,
    ListingSettings,
    MappedValue,
    Package,
    PriceRule,
    ProductSnapshot,
    ProfileSnapshot,
    SalableStock,
    SpecialPrice,
)
from aliexpress_magento.profiles import title_template
from aliexpress_magento.profiles.mappers import parse_schema
from aliexpress_magento.profiles.models import AttributeMapping, CategorySchema, Profile

DESCRIPTION_CODES = ("description", "short_description")  # the first one set is sent


@dataclass(frozen=True)
class Prepared:
    """One product ready to build: its mirror row, its profile and the snapshots of both."""

    row: CatalogProduct
    profile: Profile
    product: ProductSnapshot
    profile_snapshot: ProfileSnapshot


def listing_settings(account: Account) -> ListingSettings:
    """The account's settings as the builder reads them. Without a quotation currency the store's base
    currency is quoted; with a different one the rate comes from the account's rate source
    (``accounts.services.rates``), and without one the builder refuses each product's price
    (``price.MissingRateError``, saying why) rather than send it unconverted."""
    base, quotation = rates.currencies(account)
    rate = rates.rate_in_use(account, base, quotation)
    extra = {str(k): str(v) for k, v in (account.extra_locales or {}).items()}
    return ListingSettings(
        main_locale=account.main_locale,
        # Sorted: the same settings give the same item (and payload hash) whatever order the database
        # keeps a JSON object's keys in.
        extra_locales=tuple(sorted(set(extra.values()) - {account.main_locale})),
        base_currency=base,
        quotation_currency=quotation,
        currency_rate=rate.rate,
        rate_source=rate.source,
        rate_at=rate.at,
        rate_problem=rate.problem,
        freight_template_id=account.freight_template_id,
        package=Package(
            length=account.package_length, width=account.package_width, height=account.package_height
        ),
        price_rule=PriceRule(account.price_rule),
        price_fixed_amount=account.price_fixed_amount,
        price_percentage=account.price_percentage,
        stock_buffer=account.stock_buffer,
        stock_threshold=account.stock_threshold,
        stock_max=account.stock_max,
        service_template_id=account.service_template_id or "0",
        fulfilment_lag_days=account.fulfilment_lag_days,
        swatches=account.swatches,
    )


def products(account: Account, product_ids: Iterable[int]) -> list[CatalogProduct]:
    """The mirror rows of ``product_ids`` (simples and configurables) with their live, enabled children
    and their profile assignment, in four queries whatever their number."""
    children = CatalogProduct.objects.filter(removed_at__isnull=True, enabled=True).order_by("sku")
    return list(
        CatalogProduct.objects.filter(account=account, pk__in=list(product_ids))
        .select_related("profile_link__profile")
        .prefetch_related(Prefetch("children", queryset=children, to_attr="live_children"))
        .order_by("pk")
    )


class Reader:
    """Snapshots of many products of one account: profiles, mappings, schemas and Magento attribute
    labels are read once for the lot (:meth:`load`), never per product."""

    def __init__(self, account: Account) -> None:
        self.account = account
        self.settings = listing_settings(account)
        # (store view, locale) of each further locale: where its texts are in the mirror
        self._views = tuple(
            (str(view), str(locale))
            for view, locale in sorted((account.extra_locales or {}).items())
            if locale in self.settings.extra_locales
        )
        self._profiles: dict[int, ProfileSnapshot | None] = {}
        self._labels: dict[str, dict[str, str]] = {}
        self._multiselect: set[str] = set()

    def load(self, profiles: Sequence[Profile]) -> None:
        """Read what ``profiles`` need: their mappings, their categories' schemas, the labels of the
        Magento attributes they map."""
        wanted = [p for p in profiles if p.pk not in self._profiles]
        if not wanted:
            return
        mappings: dict[int, list[AttributeMapping]] = {p.pk: [] for p in wanted}
        for mapping in AttributeMapping.objects.filter(profile__in=[p.pk for p in wanted]).order_by("pk"):
            mappings[mapping.profile_id].append(mapping)
        schemas = {
            s.category_id: json.loads(s.raw_schema)
            for s in CategorySchema.objects.filter(
                account=self.account, category_id__in={p.category_id for p in wanted}
            )
        }
        codes = {m.magento_attribute for rows in mappings.values() for m in rows if m.magento_attribute}
        codes |= {c for p in wanted for c in title_template.codes(p.title_template)}
        self._read_attributes(codes)
        for profile in wanted:
            raw = schemas.get(profile.category_id) if profile.category_id is not None else None
            self._profiles[profile.pk] = (
                None
                if raw is None or profile.category_id is None
                else _profile(profile, profile.category_id, raw, mappings[profile.pk])
            )

    def _read_attributes(self, codes: set[str]) -> None:
        codes -= set(self._labels)
        for attribute in CatalogAttribute.objects.filter(account=self.account, code__in=codes):
            self._labels[attribute.code] = {str(o["id"]): str(o["label"]) for o in attribute.options}
            if attribute.input_type == "multiselect":
                self._multiselect.add(attribute.code)

    def profile(self, profile: Profile) -> ProfileSnapshot | None:
        """The profile's snapshot; None while its category or schema is missing."""
        self.load([profile])
        return self._profiles[profile.pk]

    def product(self, row: CatalogProduct, photobank: Mapping[str, str]) -> ProductSnapshot:
        """``row`` (from :func:`products`) as the builder reads it; ``photobank`` maps its image URLs
        to their photobank URLs."""
        kids: list[CatalogProduct] = getattr(row, "live_children", None) or []
        names, descriptions = self._texts(row)
        return ProductSnapshot(
            sku=row.sku,
            names=names,
            descriptions=descriptions,
            price=row.price,
            weight=_decimal(row.weight),
            special_price=_special(row),
            attributes={k: self._values(k, v) for k, v in row.attributes.items()},
            option_labels=self._labels,
            image_urls=image_urls(row),
            photobank_urls=dict(photobank),
            category_ids=tuple(int(c) for c in row.category_ids),
            stock=_stock(row) if row.type != "configurable" else None,
            children=tuple(_child(kid) for kid in kids) if row.type == "configurable" else (),
        )

    def _texts(self, row: CatalogProduct) -> tuple[dict[str, str], dict[str, str]]:
        """Names and descriptions by locale: the main one's from the row, each further one's from its
        store view's mirrored texts (a view without texts yet: no entry, see the module docstring)."""
        main = self.settings.main_locale
        names, descriptions = {main: row.name}, {main: description(row.attributes)}
        views = row.store_view_texts or {}
        for view, locale in self._views:
            text = views.get(view) or {}
            if text.get("name"):
                names[locale] = str(text["name"])
                descriptions[locale] = description(text)
        return names, descriptions

    def _values(self, code: str, value: Any) -> tuple[str, ...]:
        if isinstance(value, list | tuple):
            return tuple(str(v) for v in value)
        if value is None:
            return ()
        text = str(value)
        if code in self._multiselect:
            return tuple(v.strip() for v in text.split(",") if v.strip())
        return (text,)


def description(values: Mapping[str, Any]) -> str:
    """The first of :data:`DESCRIPTION_CODES` set in ``values`` (a row's attributes or a view's texts)."""
    return next((_text(values.get(c)) for c in DESCRIPTION_CODES if values.get(c)), "")


def _profile(
    profile: Profile, category_id: int, raw: Mapping[str, Any], rows: Sequence[AttributeMapping]
) -> ProfileSnapshot:
    return ProfileSnapshot(
        category_id=category_id,
        schema=parse_schema(raw),
        raw_schema=raw,
        mappings=tuple(_mapping(m) for m in rows),
        title_template=profile.title_template,
    )


def _mapping(row: AttributeMapping) -> AttributeMappingSnapshot:
    return AttributeMappingSnapshot(
        kind=row.kind,
        aliexpress_attribute=row.aliexpress_attribute,
        source=row.source,
        magento_attribute=row.magento_attribute,
        fixed_value=row.fixed_value,
        fixed_custom=row.fixed_custom,
        value_map={
            str(option): MappedValue(str(v.get("value", "")), str(v.get("custom", "")))
            for option, v in (row.value_map or {}).items()
            if isinstance(v, Mapping)
        },
        default_value=row.default_value,
        default_custom=row.default_custom,
        send_custom_names=row.send_custom_names,
        send_swatch_image=row.send_swatch_image,
    )


def image_urls(row: CatalogProduct) -> tuple[str, ...]:
    """The product's Magento image URLs, the main one (role ``image``) first, then by position."""
    images = sorted(
        (i for i in row.images or [] if i.get("url")),
        key=lambda i: ("image" not in (i.get("types") or []), i.get("position") or 0),
    )
    return tuple(dict.fromkeys(str(i["url"]) for i in images))


def needed_images(row: CatalogProduct, swatches: bool, limit: int = 6) -> list[str]:
    """The images the payload will take (the builder's choice: the parent's then the children's, first
    ``limit``) plus each child's swatch image when the account sends swatches: what to upload first."""
    kids: list[CatalogProduct] = getattr(row, "live_children", None) or []
    every = [image_urls(row), *(image_urls(k) for k in kids)]
    chosen = list(dict.fromkeys(url for urls in every for url in urls))[:limit]
    if swatches:
        chosen += [urls[0] for urls in every[1:] if urls]
    return list(dict.fromkeys(chosen))


def _child(row: CatalogProduct) -> ChildSnapshot:
    return ChildSnapshot(
        sku=row.sku,
        axis_values=tuple(
            AxisValue(str(a["attribute_code"]), str(a["option_id"]), str(a.get("label") or a["option_id"]))
            for a in row.axis_values or []
        ),
        stock=_stock(row) or SalableStock(row.sku, Decimal(0), False),
        price=row.price,
        special_price=_special(row),
        weight=_decimal(row.weight),
        image_urls=image_urls(row),
    )


def _stock(row: CatalogProduct) -> SalableStock | None:
    if row.salable_qty is None and row.limited:
        return None  # never read: the builder says so
    return SalableStock(row.sku, row.salable_qty or Decimal(0), row.is_salable, row.limited)


def _special(row: CatalogProduct) -> SpecialPrice | None:
    if row.special_price is None:
        return None
    return SpecialPrice(row.special_price, row.special_price_from, row.special_price_to)


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _text(value: Any) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else str(value or "")
