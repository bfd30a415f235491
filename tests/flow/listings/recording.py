"""An AliExpress sandbox that also keeps each batch call's parameters, in order: what the syncs sent."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

PRICE = "aliexpress.solution.batch.product.price.update"
INVENTORY = "aliexpress.solution.batch.product.inventory.update"
DELETE = "aliexpress.solution.batch.product.delete"
OFFLINE = "aliexpress.postproduct.redefining.offlineaeproduct"
ONLINE = "aliexpress.postproduct.redefining.onlineaeproduct"
RECORDED = (PRICE, INVENTORY, DELETE, OFFLINE, ONLINE)


@dataclass(frozen=True)
class Sent:
    method: str
    params: dict[str, str]

    def updates(self) -> list[tuple[int, list[dict[str, Any]]]]:
        """A batch update's (product id, SKU updates), in the order sent."""
        entries = json.loads(self.params["mutiple_product_update_list"])
        return [(int(e["product_id"]), e["multiple_sku_update_list"]) for e in entries]


class RecordingSandbox(AliExpressSandbox):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent: list[Sent] = []

    def of(self, method: str) -> list[Sent]:
        return [s for s in self.sent if s.method == method]

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            if form.get("method") in RECORDED:
                self.sent.append(Sent(form["method"], form))
        return super().__call__(environ, start_response)
