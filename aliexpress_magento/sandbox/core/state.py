"""What the Magento sandboxes' ``World`` objects share for the ``--state`` file: the saved fields, the knobs
read back (names that no longer exist are dropped) and the product edits replayed on a fresh catalog.
:class:`SavedWorld` is their base: a world is rebuilt from ``(seed, catalog_size)`` by ``fresh`` and the
saved fields are laid over it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, Protocol, Self

from aliexpress_magento.sandbox.core.knobs import BaseKnobs


def header(version: int, seed: int, size: int | None, knobs: BaseKnobs) -> dict[str, Any]:
    return {"version": version, "seed": seed, "catalog_size": size, "knobs": knobs.as_json()}


def fields(holder: object, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(holder, name) for name in names}


def restore(holder: object, knobs: BaseKnobs, raw: Mapping[str, Any], names: Iterable[str]) -> None:
    known = {f.name for f in dataclasses.fields(knobs)}
    knobs.update({k: v for k, v in raw.get("knobs", {}).items() if k in known})
    for name in names:
        if name in raw:
            setattr(holder, name, raw[name])


def replay_edits(find: Callable[[str], object | None], edits: Mapping[str, Mapping[str, Any]]) -> None:
    """Product edits made through the sandbox helpers survive a restart: replay them on the catalog."""
    for sku, edit in edits.items():
        product = find(sku)
        if product is not None:
            for name, value in edit.items():
                setattr(product, name, value)


class Catalog(Protocol):
    def get(self, sku: str) -> object | None: ...


class SavedWorld:
    PERSISTED: ClassVar[tuple[str, ...]] = ()
    VERSION: ClassVar[int] = 1
    catalog: Catalog
    knobs: BaseKnobs
    product_edits: dict[str, dict[str, Any]]

    @classmethod
    def fresh(cls, seed: int, size: int | None) -> Self:
        raise NotImplementedError

    def to_json(self, seed: int, size: int | None) -> dict[str, Any]:
        return {**header(self.VERSION, seed, size, self.knobs), **fields(self, self.PERSISTED)}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any], seed: int, size: int | None) -> Self:
        world = cls.fresh(int(raw.get("seed", seed)), raw.get("catalog_size", size))
        restore(world, world.knobs, raw, cls.PERSISTED)
        world.apply_edits()
        return world

    def apply_edits(self) -> None:
        replay_edits(self.catalog.get, self.product_edits)
