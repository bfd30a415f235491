"""Store views and per-view product texts, shared by both Magento sandboxes.

Besides the default store view, the sandboxes have a second one, ``french`` (id 2, locale ``fr_FR``), in
the same website: what a merchant who sends their own translations to AliExpress has. A product may have
its own name and description in a store view (``POST /_sandbox/view-texts``); a read scoped to that view
answers them, and the default (admin) values where the view has none, as Magento's EAV falls back from
the store value to the default one (documented behaviour: ``name`` and ``description`` are store-scoped
attributes). Everything else (prices, status, images, option labels) is the same in every view here.

Verified on a real Magento 2.4.7-p7 and OpenMage 20.18 with a second view
(``tests/fixtures/magento2-recorded/views-rates/``, ``openmage-recorded/views/``): the view's own texts
and the fallback, in single reads, searches and (Magento 2) the configurable children route; filters and
sorts on the texts compare the view's values (Magento 2: ``name`` and ``description``; Magento 1:
``name``). Which view codes and ids a real store answers is the merchant's. Still a difference: a save
through the API in a view's scope is kept globally here (see the sandboxes' save calls).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aliexpress_magento.sandbox.catalog.model import Product


@dataclass(frozen=True)
class View:
    id: int
    code: str
    name: str
    locale: str


DEFAULT = View(1, "default", "Default Store View", "en_US")
FRENCH = View(2, "french", "French Store View", "fr_FR")
VIEWS = (DEFAULT, FRENCH)  # the store views of the one website, in id order
BY_CODE = {v.code: v for v in VIEWS}
TEXT_FIELDS = ("name", "description")  # what a store view may override here


def overrides(world: Any, view_code: str, product: Product) -> Mapping[str, str]:
    """The texts ``product`` has of its own in the store view ``view_code`` (none in the admin scope).
    ``world``: either sandbox's World (its ``view_texts``: view code → SKU (lower case) → texts)."""
    texts: dict[str, dict[str, str]] = world.view_texts.get(view_code, {})
    return texts.get(product.sku.lower(), {})


def name(world: Any, view_code: str, product: Product) -> str:
    """The product's name as a read scoped to ``view_code`` answers it: its own there, else the default."""
    return overrides(world, view_code, product).get("name") or product.name


def description(world: Any, view_code: str, product: Product, default: str) -> str:
    """The product's description in ``view_code``: its own there, else ``default`` (the default value)."""
    return overrides(world, view_code, product).get("description") or default


def set_texts(world: Any, view_code: str, product: Product, changes: Mapping[str, Any]) -> list[str]:
    """Give ``product`` its own texts in the store view ``view_code`` (``name``, ``description``); an
    empty or null value removes the view's own value (the default shows again, as "Use Default Value"
    does in Magento's admin). Returns the fields set. Raises ValueError for an unknown view or field."""
    if view_code not in BY_CODE:
        raise ValueError(f"unknown store view {view_code!r}; known: {', '.join(BY_CODE)}")
    unknown = sorted(set(changes) - set(TEXT_FIELDS))
    if unknown or not changes:
        raise ValueError(
            f"send one or more of {', '.join(TEXT_FIELDS)}" + (f", not {unknown}" if unknown else "")
        )
    texts = world.view_texts.setdefault(view_code, {}).setdefault(product.sku.lower(), {})
    for field, value in changes.items():
        if value in (None, ""):
            texts.pop(field, None)
        else:
            texts[field] = str(value)
    return sorted(changes)
