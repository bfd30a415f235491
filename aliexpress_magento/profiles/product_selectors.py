"""The reads behind product assignment: which mirrored products can join a profile, the Profile Products
grid's filters as one queryset, and the Magento category names a page of products shows.

Everything here returns querysets (not lists) so that "every product matching the filter" stays one SQL
statement however many products match: the assignment service turns it into ``INSERT … SELECT``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from django.db.models import Q, QuerySet

from aliexpress_magento.catalog.models import CatalogCategory, CatalogProduct, CatalogProductCategory
from aliexpress_magento.profiles.models import Profile

InProfile = Literal["this", "other", "none", "any"]
IN_PROFILE_CHOICES: tuple[tuple[InProfile, str], ...] = (
    ("this", "This profile"),
    ("other", "Another profile"),
    ("none", "No profile"),
    ("any", "Any"),
)
STATUS_CHOICES = (("enabled", "Enabled"), ("disabled", "Disabled"))
# Magento's Visibility attribute (the same ids on Magento 1 and 2).
VISIBILITY_CHOICES = ((1, "Not Visible Individually"), (2, "Catalog"), (3, "Search"), (4, "Catalog, Search"))


def listable(products: QuerySet[CatalogProduct]) -> QuerySet[CatalogProduct]:
    """The products that can be in a profile: live (not removed from Magento) and not a configurable's
    child (a child is sold as a SKU of its parent, and follows it through ``parent``)."""
    return products.filter(parent__isnull=True, removed_at__isnull=True)


def account_products(account_id: int) -> QuerySet[CatalogProduct]:
    """The account's listable mirrored products: the rows the Profile Products grid shows."""
    return listable(CatalogProduct.objects.filter(account_id=account_id))


def in_categories(category_ids: Iterable[int]) -> Q:
    """Products linked to one of the Magento categories, as a subquery (a join would repeat a product
    in two of them, and a repeated row cannot be inserted twice)."""
    links = CatalogProductCategory.objects.filter(category_id__in=list(category_ids))
    return Q(pk__in=links.values("product_id"))


@dataclass(frozen=True)
class ProductFilter:
    """The grid's filter, one field per column. Empty strings and ``None`` mean "no condition"."""

    name: str = ""
    sku: str = ""
    type: str = ""
    status: str = ""  # "enabled" | "disabled" | ""
    visibility: int | None = None
    price_from: Decimal | None = None
    price_to: Decimal | None = None
    qty_from: Decimal | None = None
    qty_to: Decimal | None = None
    category_id: int | None = None
    in_profile: InProfile = "this"

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> ProductFilter:
        """The filter of the grid's GET parameters. With none at all the grid opens on the profile's own
        products (the manual: "no products are assigned… click Reset Filter: all products are listed");
        an unreadable value is ignored rather than refused, as a grid filter should."""
        return cls(
            name=params.get("name", "").strip(),
            sku=params.get("sku", "").strip(),
            type=params.get("type", "").strip(),
            status=params.get("status", "") if params.get("status") in ("enabled", "disabled") else "",
            visibility=_int(params.get("visibility")),
            price_from=_decimal(params.get("price_from")),
            price_to=_decimal(params.get("price_to")),
            qty_from=_decimal(params.get("qty_from")),
            qty_to=_decimal(params.get("qty_to")),
            category_id=_int(params.get("category")),
            in_profile=_in_profile_param(params.get("in_profile")),
        )


def filtered_products(profile: Profile, wanted: ProductFilter) -> QuerySet[CatalogProduct]:
    """The profile's account's listable products that match the grid's filter."""
    found = account_products(profile.account_id)
    conditions = {
        "name__icontains": wanted.name or None,
        "sku__icontains": wanted.sku or None,
        "type": wanted.type or None,
        "enabled": {"enabled": True, "disabled": False}.get(wanted.status),
        "visibility": wanted.visibility,
        "price__gte": wanted.price_from,
        "price__lte": wanted.price_to,
        "salable_qty__gte": wanted.qty_from,
        "salable_qty__lte": wanted.qty_to,
    }
    found = found.filter(**{k: v for k, v in conditions.items() if v is not None})
    if wanted.category_id is not None:
        found = found.filter(in_categories([wanted.category_id]))
    return found.filter(_in_profile(profile, wanted.in_profile))


def _in_profile(profile: Profile, which: InProfile) -> Q:
    if which == "this":
        return Q(profile_link__profile=profile)
    if which == "other":
        return Q(profile_link__isnull=False) & ~Q(profile_link__profile=profile)
    if which == "none":
        return Q(profile_link__isnull=True)
    return Q()


def product_types(account_id: int) -> list[str]:
    """The product types the account's listable products have, for the Type filter."""
    types = account_products(account_id).order_by("type").values_list("type", flat=True).distinct()
    return list(types)


def categories(account_id: int) -> QuerySet[CatalogCategory]:
    """The account's mirrored Magento categories, for the Magento Category filter (by path)."""
    return CatalogCategory.objects.filter(account_id=account_id).order_by("path", "category_id")


def category_names(account_id: int, category_ids: Iterable[int]) -> dict[int, str]:
    """The names of some Magento categories, in one query (a page of products shows them all)."""
    found = CatalogCategory.objects.filter(account_id=account_id, category_id__in=set(category_ids))
    return dict(found.values_list("category_id", "name"))


def _in_profile_param(value: str | None) -> InProfile:
    for choice, _label in IN_PROFILE_CHOICES:
        if value == choice:
            return choice
    return "this"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _decimal(value: str | None) -> Decimal | None:
    if value is None or not value.strip():
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
