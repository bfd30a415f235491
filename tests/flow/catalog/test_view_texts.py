"""Titles and descriptions per locale (issue 13, item 2): a French store view mapped to fr_FR on each
Magento sandbox. The refresh reads that view's names and descriptions (Magento's fallback to the default
values included) into the mirror, the payload builder sends them under fr_FR, a French name changed in
Magento changes the payload hash, and an account that maps no view makes no read of another view."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from django.utils import timezone
from werkzeug.wrappers import Request

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.catalog.models import CatalogProduct, CatalogState
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.catalog.services.view_texts import ViewReadError
from aliexpress_magento.listings.mappers.listing import payload_hash
from aliexpress_magento.listings.mappers.payload import build_item
from aliexpress_magento.listings.services import snapshots
from aliexpress_magento.sandbox.catalog.model import Product
from tests.flow.catalog.conftest import SHOP_URL, Shop
from tests.unit.listings import shirts

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

FRENCH_NAME = "Chemise en lin"
FRENCH_DESCRIPTION = "<p>Une chemise légère en lin.</p>"


class ViewCalls:
    """The sandbox behind a counter of the requests that read the French store view: Magento 2's
    ``/rest/french/…`` paths, Magento 1's calls naming ``french`` as their store argument."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.french: Counter[str] = Counter()
        self.total = 0

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        body = request.get_data()
        environ["wsgi.input"] = io.BytesIO(body)  # read again by the sandbox
        self.total += 1
        if request.path.startswith("/rest/french/") or b"<string>french</string>" in body:
            self.french[request.path] += 1
        return self.app(environ, start_response)


@contextmanager
def counted(shop: Shop) -> Iterator[ViewCalls]:
    calls = ViewCalls(shop.sandbox)
    with api_clients.route_to(SHOP_URL, httpx.WSGITransport(app=calls)):
        yield calls


def _map_french(shop: Shop) -> None:
    shop.account.extra_locales = {"french": "fr_FR"}
    shop.account.save(update_fields=["extra_locales"])


def _two_simples(shop: Shop) -> tuple[Product, Product]:
    first = shop.sellable_simple()
    other = next(
        p
        for p in shop.sandbox.world.catalog.products
        if p.type_id == "simple" and p.parent_id is None and p.sku != first.sku
    )
    return first, other


def _item(shop: Shop, sku: str) -> dict[str, Any]:
    row = CatalogProduct.objects.get(account=shop.account, sku=sku)
    reader = snapshots.Reader(shop.account)
    product = reader.product(snapshots.products(shop.account, [row.pk])[0], {})
    return build_item(product, shirts.profile(), reader.settings, today=timezone.localdate()).item


def _titles(item: dict[str, Any]) -> dict[str, str]:
    return {t["locale"]: t["title"] for t in item["title_multi_language_list"]}


def _descriptions(item: dict[str, Any]) -> dict[str, str]:
    return {
        d["locale"]: "".join(m["html"]["content"] for m in d["module_list"])
        for d in item["description_multi_language_list"]
    }


def test_the_french_view_texts_are_sent_under_fr_fr(shop: Shop) -> None:
    translated, untranslated = _two_simples(shop)
    shop.sandbox.set_view_texts("french", translated.sku, name=FRENCH_NAME, description=FRENCH_DESCRIPTION)
    _map_french(shop)
    with counted(shop) as calls:
        refresh.refresh(shop.account, full=True)
    assert calls.french  # the view was read, in a few bulk calls (figures in the report)

    item = _item(shop, translated.sku)
    assert _titles(item) == {"en_US": translated.name, "fr_FR": FRENCH_NAME}
    assert _descriptions(item)["fr_FR"] == FRENCH_DESCRIPTION
    assert _descriptions(item)["en_US"] not in ("", FRENCH_DESCRIPTION)  # the default view's own

    # No French text of its own: Magento answers the default values in that view, and so do we.
    plain = _item(shop, untranslated.sku)
    assert _titles(plain) == {"en_US": untranslated.name, "fr_FR": untranslated.name}
    assert _descriptions(plain)["fr_FR"] == _descriptions(plain)["en_US"] != ""
    assert CatalogState.objects.get(account=shop.account).text_views == ["french"]


def test_a_french_name_changed_in_magento_changes_the_payload_hash(shop: Shop) -> None:
    product, _ = _two_simples(shop)
    _map_french(shop)
    refresh.refresh(shop.account, full=True)
    before = _item(shop, product.sku)
    assert _titles(before)["fr_FR"] == product.name  # no French name yet: the default one

    shop.sandbox.set_view_texts("french", product.sku, name=FRENCH_NAME)
    counts = refresh.refresh(shop.account)  # incremental: the save in the French view bumped updated_at
    after = _item(shop, product.sku)
    assert counts.changed >= 1
    assert _titles(after) == {"en_US": product.name, "fr_FR": FRENCH_NAME}
    assert payload_hash(after) != payload_hash(before)

    # Back to the default value in that view ("Use Default Value"): the hash comes back too.
    shop.sandbox.set_view_texts("french", product.sku, name="")
    refresh.refresh(shop.account)
    assert payload_hash(_item(shop, product.sku)) == payload_hash(before)


def test_no_mapped_view_no_read_of_another_view(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    product, _ = _two_simples(shop)
    shop.sandbox.set_view_texts("french", product.sku, name=FRENCH_NAME)
    opened: list[str | None] = []
    real_store = api_clients.store

    def store(account: Any, **kwargs: Any) -> Any:
        opened.append(kwargs.get("view"))
        return real_store(account, **kwargs)

    monkeypatch.setattr(api_clients, "store", store)
    with counted(shop) as calls:
        refresh.refresh(shop.account, full=True)
    assert opened == [None, None]  # the product read's and the stock read's Stores, nothing more
    assert calls.french == Counter() and calls.total > 0
    assert not CatalogProduct.objects.filter(account=shop.account).exclude(store_view_texts={}).exists()
    assert _titles(_item(shop, product.sku)) == {"en_US": product.name}


def test_a_view_mapped_after_a_refresh_is_read_by_the_next_one_in_full(shop: Shop) -> None:
    product, _ = _two_simples(shop)
    shop.sandbox.set_view_texts("french", product.sku, name=FRENCH_NAME)
    refresh.refresh(shop.account, full=True)
    _map_french(shop)
    # Unchanged in Magento since: an incremental read would not meet it, so the refresh reads everything.
    refresh.refresh(shop.account)
    assert _titles(_item(shop, product.sku))["fr_FR"] == FRENCH_NAME
    last = ActivityLog.objects.filter(log_sub_type="refresh").order_by("-pk").first()
    assert last is not None
    assert last.comment.startswith(
        "Full catalog refresh (store views newly mapped to further locales: french)"
    )


def test_a_mapped_view_magento_no_longer_has_fails_the_refresh_with_a_sentence_naming_it(shop: Shop) -> None:
    shop.account.extra_locales = {"german": "de_DE"}  # deleted in Magento since the page checked it
    shop.account.save(update_fields=["extra_locales"])
    with pytest.raises(ViewReadError):
        refresh.refresh(shop.account, full=True)
    last = ActivityLog.objects.filter(log_sub_type="refresh").order_by("-pk").first()
    assert last is not None
    # Magento 2 refuses the view's path; Magento 1 answers each product with "store not found"
    assert last.comment.startswith(
        "Full catalog refresh failed: the store view 'german' (mapped to de_DE in Product Global Settings) "
    )
    assert "Check that it still exists in Magento, or remove its line from Further AliExpress languages" in (
        last.comment
    )
    assert CatalogState.objects.get(account=shop.account).text_views == []
