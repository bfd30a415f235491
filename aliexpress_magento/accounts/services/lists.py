"""The configuration page's lists, fetched from the two sides and kept on the account
(``remote_choices``): store views, payment and shipping methods, freight and service templates,
logistics services; and, when they are the account's rate source, the store's currency rates (kept on
``store_rates`` by ``rates``). Each list is fetched on its own: one failing leaves the others usable, and the
page falls back to typing the value."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from django.utils import timezone

from aliexpress_magento.accounts import api_clients, diagnosis
from aliexpress_magento.accounts.choices import RateSource
from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.common import NO_RETRY
from aliexpress_magento.stores.base import Store
from aliexpress_magento.stores.model import Address

from . import rates, tokens

Choice = list[str]  # [value, label]
PROBE_PRODUCTS = 200
# A buyer address to ask Magento which methods it offers (Magento lists methods per cart and address).
PROBE_ADDRESS = Address(
    firstname="AliExpress",
    lastname="Buyer",
    street=("1 Market Street",),
    city="San Francisco",
    postcode="94105",
    country_id="US",
    telephone="4155550100",
    email="buyer@example.com",
    region="California",
    region_code="CA",
    region_id=12,
)


def refresh(account: Account) -> dict[str, str]:
    """Fetch every list; returns the errors by list name (empty when all came back)."""
    choices: dict[str, Any] = dict(account.remote_choices or {})
    errors: dict[str, str] = {}
    with ExitStack() as open_clients:
        for name, fetch, base_url in _fetchers(account, open_clients):
            try:
                choices[name] = fetch()
            except Exception as exc:
                errors[name] = diagnosis.explain(exc, base_url)
    if account.magento_base_url and account.rate_source == RateSource.STORE:
        problem = rates.read_store_rates(account)
        if problem:
            errors["currency_rates"] = problem
    choices["errors"] = errors
    choices["fetched_at"] = timezone.now().isoformat()
    account.remote_choices = choices
    account.save(update_fields=["remote_choices", "updated_at"])
    return errors


def fetched_at(account: Account) -> datetime | None:
    raw = (account.remote_choices or {}).get("fetched_at")
    return datetime.fromisoformat(raw) if raw else None


def _fetchers(account: Account, open_clients: ExitStack) -> list[tuple[str, Callable[[], Any], str]]:
    out: list[tuple[str, Callable[[], Any], str]] = []
    if account.magento_base_url:
        store = open_clients.enter_context(api_clients.store(account, retry=NO_RETRY))
        admin_scope = open_clients.enter_context(api_clients.store(account, retry=NO_RETRY, scope="all"))
        host = account.magento_base_url
        out += [
            ("store_views", lambda: _store_views(admin_scope), host),
            ("methods", lambda: _methods(store), host),
        ]
    if account.access_token:
        client = open_clients.enter_context(tokens.aliexpress_client(account))
        host = account.api_base_url
        out += [
            (
                "freight_templates",
                lambda: [[str(t.template_id), t.template_name] for t in client.templates.list_freight()],
                host,
            ),
            (
                "service_templates",
                lambda: [[str(t.id), t.name] for t in client.templates.query_promise()],
                host,
            ),
            (
                "logistics_services",
                lambda: [[s.service_name, s.display_name] for s in client.logistics.list_services()],
                host,
            ),
        ]
    return out


def _store_views(store: Store) -> list[dict[str, str]]:
    return [
        {"code": v.code, "name": v.name, "website": v.website_code, "currency": v.base_currency}
        for v in store.store_views()
        if v.is_active
    ]


def _methods(store: Store) -> dict[str, list[Choice]]:
    """Magento answers methods for a cart only: ask with one unit of a salable simple product."""
    sku = _probe_sku(store)
    if sku is None:
        raise LookupError("no enabled, in-stock simple product to ask Magento's checkout with")
    found = store.available_methods(sku, PROBE_ADDRESS)
    return {
        "payment": [[m.code, m.title] for m in found.payment],
        "shipping": [[m.code, m.title] for m in found.shipping],
    }


def _probe_sku(store: Store) -> str | None:
    """The first salable simple product among the first PROBE_PRODUCTS read (one stock call)."""
    products = islice(
        store.products_changed_since(datetime(2000, 1, 1, tzinfo=UTC), page_size=50), PROBE_PRODUCTS
    )
    skus = [p.sku for p in products if p.type == "simple" and p.enabled]
    stock = store.salable_quantities(skus)
    return next((sku for sku in skus if sku in stock and stock[sku].is_salable and stock[sku].qty > 0), None)
