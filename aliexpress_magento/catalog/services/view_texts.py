"""The names and descriptions of the further store views: the ones the account maps to further AliExpress
locales (Product Global Settings, ``Account.extra_locales``), read page by page beside the product pass.

Each mapped view gets a Store of its own, opened on that view (Magento 2: a client scoped to the view's
store code; Magento 1: the view as the ``store`` argument of ``catalog_product.info``), and each page of
the product pass is read again there with ``products_by_sku``: the read path the mirror already uses,
so the view's values come exactly as the main read's do, Magento's fallback to the default values
included. That costs, per view and per page of up to 100 products, the calls of one ``products_by_sku``
(Magento 2: one search of the SKUs and one of the configurables' children; Magento 1: one list, one
multiCall of infos, one of the module's children, one multiCall of the children's infos, one of media)
plus the attribute list once per view and refresh, whatever the catalog's size: bulk and paged, never a
call per product. With no view mapped nothing is opened and nothing is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from types import TracebackType
from typing import Self

from aliexpress_magento.accounts import api_clients
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.catalog.mappers import ViewTexts, texts_by_product
from aliexpress_magento.stores.base import Store
from aliexpress_magento.stores.model import StoreProduct

_FIX = "Check that it still exists in Magento, or remove its line from Further AliExpress languages"


class ViewReadError(RuntimeError):
    """A further store view could not be read: the refresh fails with a sentence naming it."""


def mapped_views(account: Account) -> list[str]:
    """The further store views to read, sorted: those mapped to a locale other than the main one, the
    account's own view left out (its texts are the row's own)."""
    mapping = {str(k): str(v) for k, v in (account.extra_locales or {}).items()}
    own = account.store_view_code or "default"
    return sorted(view for view, locale in mapping.items() if view != own and locale != account.main_locale)


class ViewTextReader:
    """A Store per mapped view (opened on entering, closed on leaving); :meth:`attach` pairs each page
    of the product pass with its texts. Used by one thread (the refresh's read-ahead), like any Store."""

    def __init__(self, account: Account) -> None:
        self.account = account
        self.views = mapped_views(account)
        self.stores: dict[str, Store] = {}
        self._stack = ExitStack()

    def __enter__(self) -> Self:
        for view in self.views:
            self.stores[view] = self._stack.enter_context(api_clients.store(self.account, view=view))
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stack.close()

    def read(self, page: list[StoreProduct]) -> dict[int, ViewTexts]:
        """Magento id → view → texts for the products of ``page`` (and their children). A view that
        fails, or answers none of the page's products, raises :class:`ViewReadError`: nothing in between
        is mistaken for "no translation". Verified on real stores with a second view (the fixtures'
        ``views-rates/`` and ``views/``): Magento 2 answers an unknown store code 400 "Specified request
        cannot be processed." (the read fails); OpenMage answers each product of an unknown view with
        fault 100 "Requested store view not found.", which a multiCall read leaves out like an unknown
        SKU (none answered). A view's values fall back to the default ones where it has none of its own."""
        if not self.stores or not page:
            return {}
        skus = list(dict.fromkeys(p.sku for p in page))
        answers = {}
        for view, store in self.stores.items():
            try:
                answers[view] = store.products_by_sku(skus)
            except Exception as exc:
                raise ViewReadError(
                    f"{self._named(view)} could not be read: {str(exc).rstrip('.')}. {_FIX}"
                ) from exc
            if not answers[view]:
                raise ViewReadError(
                    f"{self._named(view)} answered none of the {len(skus)} products just read from the main "
                    f"store view. {_FIX}"
                )
        return texts_by_product(answers)

    def _named(self, view: str) -> str:
        locale = (self.account.extra_locales or {}).get(view, "")
        return f"the store view {view!r} (mapped to {locale} in Product Global Settings)"

    def attach(
        self, pages: Iterable[list[StoreProduct]]
    ) -> Iterator[tuple[list[StoreProduct], dict[int, ViewTexts]]]:
        """Each page with its texts, read when the page is (on the thread that iterates)."""
        try:
            for page in pages:
                yield page, self.read(page)
        finally:  # the refresh leaving early closes this generator: close the Store's too
            close = getattr(pages, "close", None)
            if close is not None:
                close()
