"""The profile page's side of the title template (``profiles.title_template``): whether a template may be
saved — its form, and each code an attribute of the account's catalog mirror —, and what it gives on one
of the profile's products (the preview shown under the field)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aliexpress_magento.catalog.models import CatalogAttribute, CatalogProduct
from aliexpress_magento.profiles import title_template
from aliexpress_magento.profiles.models import Profile


def problems(account_id: int, template: str) -> list[str]:
    """Sentences for a template that cannot be saved; [] for a good one (or none)."""
    if not template.strip():
        return []
    found = [f"Title template: {p}" for p in title_template.syntax_problems(template)]
    wanted = [c for c in title_template.codes(template) if title_template.CODE.match(c)]
    known = set(
        CatalogAttribute.objects.filter(account_id=account_id, code__in=wanted).values_list("code", flat=True)
    )
    unknown = [c for c in wanted if c not in known and c not in title_template.BUILT_IN]
    if unknown:
        names = ", ".join(f"{{{c}}}" for c in unknown)
        found.append(
            f"Title template: {names} is no attribute of the Magento catalog mirrored for this account "
            "(see the attribute codes in the Category Mapping tab, or refresh the catalog)."
        )
    return found


@dataclass(frozen=True)
class Preview:
    sku: str
    title: str


def preview(profile: Profile) -> Preview | None:
    """The profile's template on its first assigned product (the main store view's values): two queries.
    None without a template or a product."""
    template = profile.title_template.strip()
    row = (
        CatalogProduct.objects.filter(profile_link__profile=profile, removed_at__isnull=True)
        .order_by("pk")
        .first()
    )
    if not template or row is None:
        return None
    codes = title_template.codes(template)
    attributes = {
        a.code: a for a in CatalogAttribute.objects.filter(account=profile.account_id, code__in=codes)
    }

    def value(code: str) -> str:
        if code in title_template.BUILT_IN:
            return row.name if code == "name" else row.sku
        attribute = attributes.get(code)
        labels = {str(o["id"]): str(o["label"]) for o in attribute.options} if attribute else {}
        multiselect = attribute is not None and attribute.input_type == "multiselect"
        return title_template.attribute_text(_stored(row.attributes.get(code), multiselect), labels)

    return Preview(row.sku, title_template.render(template, value))


def _stored(value: Any, multiselect: bool) -> tuple[str, ...]:
    """A mirrored value as the builder's snapshot holds it (``listings.services.snapshots``): a list, a
    multiselect's "12,13" split, any other value whole."""
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return tuple(v.strip() for v in str(value).split(",")) if multiselect else (str(value),)
