"""``build_item``: one Magento product as the schema-format ``item_content`` of a ``PRODUCT_CREATE``
feed item (fact sheet §4.3; field names as in the official category-348 sample and schema).

Pure: the same snapshots give the same item, so the listing's payload hash says whether anything the
merchant would see changed. Whatever cannot be built is a :class:`~.problems.Problem` (the item is then
not to be sent); :func:`.validation.check` adds what the category's own schema finds.

Choices made here (the fact sheet does not settle them):
- Titles: the main locale first, then each extra locale that has a name; a locale without a
  description gets an empty module list rather than the main locale's text under the wrong language.
  With the profile's title template, every locale's title is the template with ``{name}`` that
  locale's name; the other attributes give the values (option labels for selects) the mirror holds,
  those of the main store view. A configurable's own values only: its children's (colour, size…) are
  its SKUs', so ``{color}`` is empty on a configurable without a colour of its own.
- Images: the parent's images, then the children's, first six, as photobank URLs.
- A configurable's weight is its heaviest child's (the package must hold any of them), else its own.
- SKU attributes: a Magento axis that no SKU mapping covers is a problem — its SKUs would look the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from aliexpress_magento.listings.mappers import attributes
from aliexpress_magento.listings.mappers.inputs import (
    ChildSnapshot,
    ListingSettings,
    ProductSnapshot,
    ProfileSnapshot,
    SalableStock,
    SpecialPrice,
)
from aliexpress_magento.listings.mappers.inventory import aliexpress_inventory
from aliexpress_magento.listings.mappers.price import PriceError, aliexpress_price, discount_price
from aliexpress_magento.listings.mappers.problems import Problem, pointer
from aliexpress_magento.profiles import title_template

TITLE_MAX_LENGTH = 128  # the feed format's, seen in a real validator message; the schema's own wins
MAX_IMAGES = 6  # product.post's main_image_urls_list maximum; the schema's own maxItems wins
POUND_IN_KG = Decimal("0.45359237")
GRAM = Decimal("0.001")


@dataclass(frozen=True)
class SkuLine:
    """What one SKU is sent with, in Decimal: the listing records these as the last values pushed."""

    sku_code: str
    price: Decimal | None
    discount_price: Decimal | None
    inventory: int | None


@dataclass(frozen=True)
class BuildResult:
    item: dict[str, Any]
    problems: tuple[Problem, ...]
    skus: tuple[SkuLine, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


class _Problems(list[Problem]):
    def add(self, path: str, message: str) -> None:
        self.append(Problem(path, message))


def build_item(
    product: ProductSnapshot, profile: ProfileSnapshot, settings: ListingSettings, *, today: date
) -> BuildResult:
    """The item for ``product`` in ``profile``'s category; ``today`` decides the special price window."""
    problems = _Problems()  # in the item's order: the dict below is built top to bottom
    item: dict[str, Any] = {
        "category_id": profile.category_id,
        "locale": settings.main_locale,
        "product_units_type": profile.product_unit,
        "title_multi_language_list": _titles(product, profile, settings, problems),
        "description_multi_language_list": _descriptions(product, settings),
        "image_url_list": _images(product, profile, problems),
        "category_attributes": _category_attributes(product, profile, problems),
    }
    skus, lines = _skus(product, profile, settings, today, problems)
    item |= {
        "sku_info_list": skus,
        "inventory_deduction_strategy": settings.inventory_deduction_strategy,
        **_package(product, settings, problems),
        "shipping_preparation_time": settings.fulfilment_lag_days,
        "shipping_template_id": settings.freight_template_id,
        "service_template_id": settings.service_template_id or "0",
    }
    if not settings.freight_template_id:
        problems.add(
            pointer("shipping_template_id"),
            "Shipping template: none is chosen in Configuration → Product Global Settings.",
        )
    return BuildResult(item, tuple(dict.fromkeys(problems)), tuple(lines))


# --- titles, descriptions, images ------------------------------------------------------------------


def _locales(product: ProductSnapshot, settings: ListingSettings) -> list[str]:
    extra = [loc for loc in settings.extra_locales if product.names.get(loc, "").strip()]
    return list(dict.fromkeys([settings.main_locale, *extra]))


def _schema_limit(profile: ProfileSnapshot, keys: tuple[str, ...], limit: str, fallback: int) -> int:
    node: Any = profile.raw_schema
    for key in keys:
        node = node.get(key) if isinstance(node, Mapping) else None
    value = node.get(limit) if isinstance(node, Mapping) else None
    return value if isinstance(value, int) else fallback


def _titles(
    product: ProductSnapshot, profile: ProfileSnapshot, settings: ListingSettings, problems: _Problems
) -> list[dict[str, str]]:
    limit = _schema_limit(
        profile,
        ("properties", "title_multi_language_list", "items", "properties", "title"),
        "maxLength",
        TITLE_MAX_LENGTH,
    )
    template = profile.title_template.strip()
    titles = []
    for index, locale in enumerate(_locales(product, settings)):
        name = product.names.get(locale, "").strip()
        title = title_template.render(template, _template_values(product, locale)) if template else name
        path = pointer("title_multi_language_list", index, "title")
        if not name:
            problems.add(
                path, f"Title ({locale}): product {product.sku} has no name in the store view of {locale}."
            )
        else:
            source = f"the title template “{template}” for" if template else "the Magento name of"
            for message in _title_problems(title, f"Title ({locale}): {source} product {product.sku}", limit):
                problems.add(path, message)
        titles.append({"locale": locale, "title": title})
    return titles


def _template_values(product: ProductSnapshot, locale: str) -> Callable[[str], str]:
    """A template code's value for ``product`` in ``locale``: its name there, its SKU, or the Magento
    attribute's stored value (the option label of a select, labels joined by ", " for a multiselect)."""

    def value(code: str) -> str:
        if code == "name":
            return product.names.get(locale, "")
        if code == "sku":
            return product.sku
        return title_template.attribute_text(
            tuple(product.attributes.get(code, ())), product.option_labels.get(code, {})
        )

    return value


def _title_problems(title: str, source: str, limit: int) -> Iterator[str]:
    """``source`` starts the sentence: "Title (en_US): the Magento name of product SKU"."""
    if not title:
        yield f"{source} gives an empty title: none of its attributes has a value."
        return
    if len(title) > limit:
        yield f"{source} has {len(title)} characters; AliExpress allows at most {limit}."
    bad = title_template.forbidden_characters(title)
    if bad:
        yield f"{source} contains {title_template.shown(bad)}, not allowed in a title."


def _descriptions(product: ProductSnapshot, settings: ListingSettings) -> list[dict[str, Any]]:
    out = []
    for locale in _locales(product, settings):
        content = product.descriptions.get(locale, "").strip()
        modules = [{"type": "html", "html": {"content": content}}] if content else []
        out.append({"locale": locale, "module_list": modules})
    return out


def _images(product: ProductSnapshot, profile: ProfileSnapshot, problems: _Problems) -> list[str]:
    limit = _schema_limit(profile, ("properties", "image_url_list"), "maxItems", MAX_IMAGES)
    every = [product.image_urls, *(c.image_urls for c in product.children)]
    chosen = list(dict.fromkeys(url for urls in every for url in urls))[:limit]
    if not chosen:
        problems.add(pointer("image_url_list"), f"Images: product {product.sku} has no image in Magento.")
    urls = []
    for url in chosen:
        uploaded = product.photobank_urls.get(url)
        if uploaded:
            urls.append(uploaded)
        else:
            problems.add(
                pointer("image_url_list"),
                f"Images: {url} is not uploaded to the AliExpress photobank yet (run Image(s) Upload).",
            )
    return urls


# --- attributes ------------------------------------------------------------------------------------


def _category_attributes(
    product: ProductSnapshot, profile: ProfileSnapshot, problems: _Problems
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in profile.schema.attributes:
        mapped = attributes.category_attribute(
            spec, profile.mapping(attributes.CATEGORY, spec.name), product, profile.category_id
        )
        for message in mapped.problems:
            problems.add(pointer("category_attributes", spec.name), message)
        if mapped.value is not None:
            out[spec.name] = mapped.value
    return out


def _sku_attributes(
    index: int,
    child: ChildSnapshot,
    product: ProductSnapshot,
    profile: ProfileSnapshot,
    settings: ListingSettings,
    problems: _Problems,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    # The Magento attributes this configurable varies on. A SKU attribute mapped to another one (a
    # colour-only shirt in a profile that also maps Size) is not sent: one profile serves configurables
    # of different axes, and AliExpress takes a product whose SKUs vary on fewer attributes.
    axes = {a.attribute_code for c in product.children for a in c.axis_values}
    for spec in profile.schema.sku_attributes:
        mapping = profile.mapping(attributes.SKU, spec.name)
        if mapping is None:
            continue
        if mapping.source != attributes.FIXED and mapping.magento_attribute not in axes:
            continue
        mapped = attributes.sku_attribute(spec, mapping, child, profile.category_id)
        path = pointer("sku_info_list", index, "sku_attributes", spec.name)
        for message in mapped.problems:
            problems.add(path, message)
        if mapped.value is None:
            continue
        if mapping.send_swatch_image and settings.swatches and child.image_urls:
            swatch = product.photobank_urls.get(child.image_urls[0])
            if swatch:
                mapped.value["sku_image_url"] = swatch
            else:
                problems.add(
                    path,
                    f"{spec.name}: the swatch image {child.image_urls[0]} of SKU {child.sku} is not "
                    "uploaded to the AliExpress photobank yet (run Image(s) Upload).",
                )
        out[spec.name] = mapped.value
    return out


def _unmapped_axes(product: ProductSnapshot, profile: ProfileSnapshot, problems: _Problems) -> None:
    mapped = {m.magento_attribute for m in profile.mappings if m.kind == attributes.SKU}
    axes = dict.fromkeys(a.attribute_code for c in product.children for a in c.axis_values)
    for code in axes:
        if code not in mapped:
            problems.add(
                pointer("sku_info_list"),
                f"SKU attributes: the Magento attribute {code}, on which product {product.sku} varies, "
                "is mapped to no AliExpress SKU attribute in the profile.",
            )


def _duplicates(skus: list[dict[str, Any]], problems: _Problems) -> None:
    """Two SKUs with the same AliExpress properties: AliExpress could not tell them apart."""
    seen: dict[str, str] = {}
    for sku in skus:
        props = sku.get("sku_attributes") or {}
        if not props:
            continue
        key = repr(
            sorted((k, v.get("value"), v.get("customValue"), v.get("alias")) for k, v in props.items())
        )
        if key in seen:
            problems.add(
                pointer("sku_info_list"),
                f"SKU attributes: SKUs {seen[key]} and {sku['sku_code']} get the same AliExpress values; "
                "map their Magento values to different AliExpress values or send Magento's names.",
            )
        else:
            seen[key] = sku["sku_code"]


# --- SKUs: price, discount, inventory --------------------------------------------------------------


def _skus(
    product: ProductSnapshot,
    profile: ProfileSnapshot,
    settings: ListingSettings,
    today: date,
    problems: _Problems,
) -> tuple[list[dict[str, Any]], list[SkuLine]]:
    skus: list[dict[str, Any]] = []
    lines: list[SkuLine] = []
    if not product.is_configurable:
        sku, line = _sku(
            0, product.sku, product.price, product.special_price, product.stock, settings, today, problems
        )
        return [sku], [line]
    _unmapped_axes(product, profile, problems)
    for index, child in enumerate(product.children):
        price = child.price if child.price is not None else product.price
        special = child.special_price if child.price is not None else product.special_price
        sku, line = _sku(index, child.sku, price, special, child.stock, settings, today, problems)
        properties = _sku_attributes(index, child, product, profile, settings, problems)
        if properties:
            sku["sku_attributes"] = properties
        skus.append(sku)
        lines.append(line)
    _duplicates(skus, problems)
    return skus, lines


def _sku(
    index: int,
    code: str,
    price: Decimal | None,
    special: SpecialPrice | None,
    stock: SalableStock | None,
    settings: ListingSettings,
    today: date,
    problems: _Problems,
) -> tuple[dict[str, Any], SkuLine]:
    sku: dict[str, Any] = {"sku_code": code}
    sent_price = sent_discount = None
    if price is None:
        problems.add(pointer("sku_info_list", index, "price"), f"Price: SKU {code} has no price in Magento.")
    else:
        try:
            sent_price = aliexpress_price(price, settings)
            sent_discount = discount_price(special, price, settings, today)
        except PriceError as error:
            problems.add(pointer("sku_info_list", index, "price"), f"Price of SKU {code}: {error}")
    if sent_price is not None and sent_price <= 0:
        problems.add(
            pointer("sku_info_list", index, "price"),
            f"Price: SKU {code} costs {price} in Magento, {sent_price} after the price rule; "
            "AliExpress needs at least 0.01.",
        )
    if sent_price is not None:
        sku["price"] = float(sent_price)
    if sent_discount is not None:
        sku["discount_price"] = float(sent_discount)
    inventory = None
    if stock is None:
        problems.add(
            pointer("sku_info_list", index, "inventory"),
            f"Stock: the salable quantity of SKU {code} has not been read from Magento yet.",
        )
    else:
        inventory = aliexpress_inventory(stock, settings)
        sku["inventory"] = inventory
    return sku, SkuLine(code, sent_price, sent_discount, inventory)


# --- package ---------------------------------------------------------------------------------------


def _weight(product: ProductSnapshot) -> Decimal | None:
    weights = [c.weight for c in product.children if c.weight is not None]
    return max(weights) if weights else product.weight


def _package(product: ProductSnapshot, settings: ListingSettings, problems: _Problems) -> dict[str, Any]:
    package = settings.package
    out: dict[str, Any] = {}
    weight = _weight(product)
    if weight is None or weight <= 0:
        problems.add(
            pointer("package_weight"),
            f"Package weight: product {product.sku} has no weight in Magento (attribute weight).",
        )
    else:
        kg = weight * POUND_IN_KG if settings.weight_unit == "lbs" else weight
        out["package_weight"] = float(max(GRAM, kg.quantize(GRAM, rounding=ROUND_HALF_UP)))
    out.update(package_length=package.length, package_height=package.height, package_width=package.width)
    return out
