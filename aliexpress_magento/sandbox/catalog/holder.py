"""What the two Magento sandboxes share around their catalog: the state file, reset, the product helpers
of tests, the demo and the control endpoints, and the product images they serve."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

from werkzeug.wrappers import Response

from aliexpress_magento.sandbox.catalog import edits, media, views
from aliexpress_magento.sandbox.catalog.model import Product
from aliexpress_magento.sandbox.core.http import JsonDict
from aliexpress_magento.sandbox.core.persistence import StateFile


class CatalogSandbox:
    """Mixed into ``Magento1Sandbox`` and ``Magento2Sandbox``; each builds its own world in ``_load``."""

    # Each sandbox's own World (it redeclares the type); what is used here: ``catalog`` (a CatalogState),
    # ``knobs`` (kept by identity across a reset: the fault injector holds them), ``product_edits`` and
    # ``to_json(seed, size)``.
    world: Any
    clock: Callable[[], float]
    seed: int
    catalog_size: int | None
    _file: StateFile | None
    _lock: threading.RLock
    _media: dict[str, Product] | None

    def _load(self) -> Any:
        raise NotImplementedError

    def _after_reset(self) -> None:
        """What else a reset clears (the Magento 2 sandbox's rate limiter)."""

    def persist(self) -> None:
        if self._file is not None:
            self._file.save(self.world.to_json(self.seed, self.catalog_size))

    def reset(self) -> None:
        """A fresh world (the state file is not read), keeping the knobs."""
        with self._lock:
            knobs = self.world.knobs
            self._file, kept = None, self._file
            self.world = self._load()
            self._file = kept
            self.world.knobs = knobs
            self._media = None  # the image index points at the old catalog's products
            self._after_reset()
            self.persist()

    def product(self, sku: str) -> Product:
        found: Product | None = self.world.catalog.get(sku)
        if found is None:
            raise LookupError(f"no product {sku!r}")
        return found

    def update_product(self, sku: str, **changes: Any) -> None:
        """Edit a product (``price``, ``special_price``, ``special_from_date`` / ``special_to_date`` as
        Magento keeps them, ``"YYYY-MM-DD 00:00:00"``, ``status``, ``name``, ``images``: how many files its
        gallery holds, a new one under a new name) and bump ``updated_at``."""
        with self._lock:
            edits.apply(self.world, self.product(sku), changes, self.clock())
            if "images" in changes:
                self._media = None  # the image index lists the files the product had before
            self.persist()

    def set_view_texts(self, view_code: str, sku: str, **texts: Any) -> list[str]:
        """Give a product its own ``name`` / ``description`` in a store view (empty: the default again)
        and bump ``updated_at``, as saving the product in that view's scope does in Magento's admin."""
        with self._lock:
            product = self.product(sku)
            changed = views.set_texts(self.world, view_code, product, texts)
            edits.apply(self.world, product, {}, self.clock())
            self.persist()
            return changed

    def add_product_like(self, template_sku: str, sku: str) -> Product:
        """A new simple product ``sku``, a copy of ``template_sku`` without its stock (give it some with
        the sandbox's stock helper): the merchant created the product an order names. For tests: kept in
        memory only, since a state file regenerates the catalog from its seed."""
        with self._lock:
            catalog = self.world.catalog
            if catalog.get(sku) is not None:
                raise ValueError(f"product {sku!r} exists")
            template = self.product(template_sku)
            product = dataclasses.replace(
                template, id=max(catalog.by_id) + 1, sku=sku, name=f"{template.name} {sku}", parent_id=None
            )
            catalog.products.append(product)
            catalog.by_id[product.id], catalog.by_sku[sku.lower()] = product, product
            product.updated_at = product.created_at = edits.stamp(self.clock())
            catalog.changed()
            self._media = None
            return product

    def _image(self, file: str) -> Response:
        if self._media is None:
            self._media = {
                media.file_name(p, n): p for p in self.world.catalog.products for n in range(1, p.images + 1)
            }
        product = self._media.get(file)
        if product is None:
            return Response("Not Found", status=404, content_type="text/plain")
        return Response(media.render(file, media.color_of(product)), content_type="image/png")


def view_texts_action(sandbox: CatalogSandbox, request: object, body: JsonDict) -> Any:
    """``POST /_sandbox/view-texts`` ``{"store", "sku", "name"?, "description"?}`` of both sandboxes."""
    texts = {k: v for k, v in body.items() if k not in ("store", "sku")}
    updated = sandbox.set_view_texts(str(body["store"]), str(body["sku"]), **texts)
    return {"sku": body["sku"], "store": body["store"], "updated": updated}
