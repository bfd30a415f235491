"""What the Magento sandboxes' ``World`` objects share for the ``--state`` file: the saved fields, the knobs
read back (names that no longer exist are dropped) and the product edits replayed on a fresh catalog."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

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
