"""What the Add/Edit Profile page offers from the account's Magento mirror: attributes (with their
options) for the attribute mapping, the configurable axes for the SKU attributes, and the categories and
attribute sets of the auto-assignment rules. Reads only; the catalog refresh writes these rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from aliexpress_magento.catalog.models import CatalogAttribute, CatalogCategory, CatalogProduct


@dataclass(frozen=True)
class MagentoOption:
    id: str
    label: str


@dataclass(frozen=True)
class MagentoAttribute:
    code: str
    label: str
    options: tuple[MagentoOption, ...]  # empty: a text, number, price… attribute
    is_axis: bool  # a variation attribute of at least one mirrored configurable

    @property
    def is_select(self) -> bool:
        return bool(self.options)


def magento_attributes(account_id: int) -> list[MagentoAttribute]:
    """Every mirrored attribute, the configurable axes first (what SKU attributes map to), then by label."""
    axes = configurable_axes(account_id)
    found = [
        MagentoAttribute(
            code=a.code,
            label=a.label or a.code,
            options=tuple(_options(a.options)),
            is_axis=a.code in axes,
        )
        for a in CatalogAttribute.objects.filter(account_id=account_id)
    ]
    return sorted(found, key=lambda a: (not a.is_axis, a.label.lower(), a.code))


def configurable_axes(account_id: int) -> set[str]:
    """The attribute codes mirrored configurables vary on (distinct lists: a few rows however large
    the catalog is)."""
    rows = CatalogProduct.objects.filter(account_id=account_id, type="configurable", removed_at=None)
    found: set[str] = set()
    for axes in rows.values_list("axes", flat=True).distinct():
        found.update(str(code) for code in axes or ())
    return found


def magento_categories(account_id: int) -> list[tuple[int, str]]:
    """(category id, path from the root) of the mirrored Magento categories, in path order."""
    rows = CatalogCategory.objects.filter(account_id=account_id).order_by("path", "category_id")
    return [(c.category_id, str(c)) for c in rows]


def attribute_sets(account_id: int) -> list[tuple[int, int]]:
    """(attribute set id, number of live mirrored products) — Magento's set names are not mirrored."""
    rows = (
        CatalogProduct.objects.filter(account_id=account_id, removed_at=None, attribute_set_id__isnull=False)
        .values("attribute_set_id")
        .annotate(products=Count("pk"))
        .order_by("attribute_set_id")
    )
    return [(row["attribute_set_id"] or 0, row["products"]) for row in rows]


def _options(raw: object) -> list[MagentoOption]:
    if not isinstance(raw, list):
        return []
    return [
        MagentoOption(str(o["id"]), str(o.get("label") or o["id"]))
        for o in raw
        if isinstance(o, dict) and str(o.get("id", "")).strip()
    ]
