"""Prices converted at the store's own currency rates (issue 13): the Magento 2 sandbox's Stores →
Currency Rates give 1 USD = 0.9213 EUR, the account quotes in EUR with the store's rates as its source.
The catalog refresh reads the rates (kept with their time), the upload sends the converted prices, the
Manage Products grid and the Preview say how each price was converted; a store that drops EUR gets each
product refused with the sentence saying so, nothing sent unconverted."""

from __future__ import annotations

import html
from datetime import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from aliexpress_magento.accounts.choices import RateSource
from aliexpress_magento.listings.models import ListingStatus
from aliexpress_magento.listings.services import upload as listings
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from tests.flow.listings.test_manage_products import GRID
from tests.flow.listings.test_upload import SUBMIT, USD_STORE, World, _converted, _upload_both, world

pytestmark = pytest.mark.parametrize("media", ["magento2"], indirect=True)
__all__ = ["world"]  # the upload tests' fixture, used here
RATE = "0.9213"


@pytest.fixture
def eur(world: World) -> World:
    """Given the store's EUR rate, the account quoting in EUR from the store's rates, the mirror read."""
    sandbox = world.media.sandbox
    assert isinstance(sandbox, Magento2Sandbox)
    sandbox.set_currency_rate("EUR", float(RATE))
    world.account.remote_choices = USD_STORE
    world.account.quotation_currency, world.account.rate_source = "EUR", RateSource.STORE
    world.account.save()
    world.mirror()
    world.account.refresh_from_db()
    return world


def _read_at(world: World) -> datetime:
    return datetime.fromisoformat(world.account.store_rates["read_at"])


def test_the_catalog_refresh_reads_the_stores_rates_and_the_upload_converts_at_them(eur: World) -> None:
    assert eur.account.store_rates["base"] == "USD"
    assert eur.account.store_rates["rates"] == {"EUR": RATE, "USD": "1.0"}

    outcome = _upload_both(eur)

    assert outcome.failed == {}
    listing = eur.listing(eur.simple)
    assert listing.status == ListingStatus.LIVE
    sent = eur.ae.world.products.products[listing.aliexpress_product_id].skus
    assert [Decimal(str(s["price"])) for s in sent] == [_converted(eur.simple.price, RATE)]


def test_the_grid_and_the_preview_say_how_the_price_was_converted(
    merchant_client: Client, eur: World
) -> None:
    price = eur.simple.price
    assert price is not None
    note = (
        f"{price:.2f} USD = {_converted(price, RATE)} EUR at rate {RATE} "
        f"(store's rates, {_read_at(eur):%Y-%m-%d %H:%M} UTC)"
    )

    grid = html.unescape(merchant_client.get(GRID, {"q": eur.simple.sku}).content.decode())
    detail = merchant_client.get(reverse("admin:listings_managedproduct_change", args=[eur.simple.pk]))

    assert f'<span class="price-converted" title="{note}">{_converted(price, RATE)}</span>' in grid
    assert detail.context["preview"].conversions == (f"{eur.simple.sku}: {note}",)
    assert f"<li>{eur.simple.sku}: {note}</li>" in html.unescape(detail.content.decode())


def test_a_store_without_the_rate_gets_each_product_refused_and_nothing_sent(eur: World) -> None:
    sandbox = eur.media.sandbox
    assert isinstance(sandbox, Magento2Sandbox)
    sandbox.set_currency_rate("EUR", None)  # the merchant no longer allows EUR
    eur.mirror()

    outcome = listings.upload(eur.account, [eur.simple.pk])

    why = (
        "Prices are in USD but AliExpress quotes this seller in EUR, and the store's currency rates give no "
        "USD → EUR rate: the store has no EUR rate (allow EUR and enter its rate in Magento). Nothing is "
        "sent unconverted."
    )
    assert outcome.failed == {eur.simple.sku: f"Price of SKU {eur.simple.sku}: {why}"}
    assert eur.listing(eur.simple).status == ListingStatus.INVALID
    assert eur.calls[SUBMIT] == 0
