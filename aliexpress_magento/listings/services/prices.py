"""Product Price Update and the Price Cron (issue 13, item 6): the live listings' SKUs whose price or
discount price (after the account's price rule and conversion, from the mirror) differs from the last
one pushed, sent with ``aliexpress.solution.batch.product.price.update`` by *Price Chunk Size* products
(≤ 20, ≤ 200 SKUs each). Nothing changed: no call.

Both values of a SKU are always sent together: AliExpress erases a discount that an update omits. A
product AliExpress refuses (``update_failed_list``) keeps its listing live with AliExpress's message in
its errors, and its SKUs keep their last pushed values, so the next run sends them again.

Read the mirror as the last catalog refresh left it: prices change with ``updated_at``, which the
incremental refresh follows.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import closing
from datetime import date

from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.aliexpress import products as ae
from aliexpress_magento.listings.mappers import sync
from aliexpress_magento.listings.models import ListingSku
from aliexpress_magento.listings.services import live, snapshots
from aliexpress_magento.listings.services.upload import Outcome, User

REFUSED = "Price update refused by AliExpress: "


def push_prices(
    account: Account,
    product_ids: Iterable[int] | None = None,
    *,
    user: User = None,
    today: date | None = None,
) -> Outcome:
    """Push the changed prices of the live listings of ``product_ids`` (Magento product ids; all the
    account's when None). Per Magento product: done (sent), skipped (unchanged) or failed (refused);
    a SKU whose price cannot be computed fails by its own SKU and is not sent."""
    outcome = Outcome()
    reader = snapshots.Reader(account)
    day = today or timezone.localdate()
    pending: list[tuple[live.Live, list[sync.SkuPrice]]] = []
    for page in live.pages(account, live.live_listings(account, product_ids)):
        for item in page:
            current = sync.current_prices(reader.product(item.row, {}), reader.settings, day)
            changes = sync.price_changes(item.pushed(), current)
            for bad in (c for c in changes if c.problem):
                outcome.failed[bad.sku_code] = f"price not sent: {bad.problem}"
            sendable = [c for c in changes if not c.problem]
            if sendable:
                pending.append((item, sendable))
            elif not changes:
                outcome.skipped[item.row.sku] = live.UNCHANGED
    sent = _send(account, pending) if pending else live.Sent()
    _record(pending, sent, outcome)
    skus = sum(len(changes) for _, changes in pending)
    live.log(account, "Price update", "price", outcome, [f"{skus} SKUs sent in {sent.calls} calls"], user)
    return outcome


def _send(account: Account, pending: list[tuple[live.Live, list[sync.SkuPrice]]]) -> live.Sent:
    calls = sync.batches([(item.product_id, changes) for item, changes in pending], account.price_chunk_size)
    with closing(live.client(account)) as client:
        return live.send(calls, lambda batch: client.products.price_update([_update(e) for e in batch]))


def _update(entry: tuple[int, list[sync.SkuPrice]]) -> ae.ProductPriceUpdate:
    product_id, skus = entry
    prices = []
    for sku in skus:
        assert sku.price is not None  # a SKU without a price is a problem, never sent
        prices.append(ae.SkuPrice(sku.sku_code, sku.price, sku.discount_price))
    return ae.ProductPriceUpdate(product_id, prices)


def _record(pending: list[tuple[live.Live, list[sync.SkuPrice]]], sent: live.Sent, outcome: Outcome) -> None:
    """Pushed values of the SKUs AliExpress took; each product done or failed; the listing's errors."""
    now = timezone.now()
    rows = {(item.product_id, s.sku_code): s for item, _ in pending for s in item.skus}
    changed: list[ListingSku] = []
    for product_id, skus in sent.done:
        for price in skus:
            row = rows[(product_id, price.sku_code)]
            row.pushed_price, row.pushed_discount_price = price.price, price.discount_price
            row.price_pushed_at = now
            changed.append(row)
    errored = live.settle(
        pending, sent, outcome, failed="AliExpress refused the price update: ", error=REFUSED
    )
    with transaction.atomic():
        fields = ["pushed_price", "pushed_discount_price", "price_pushed_at"]
        ListingSku.objects.bulk_update(changed, fields, batch_size=live.PAGE)
        live.save_errors(errored)
