"""Price and inventory sync after 1 % of SKUs changed in Magento (issue 13, Measure).

Run: ``.venv/bin/python bench/listing_changes.py [skus ...] [--changed 0.01] [--budget 50]`` (default
10000 SKUs = 2,000 configurables x 5 children, as bench/listing_initial.py builds them). In a worker
process, with both sandboxes as their own processes:

1. the initial listing, through the real path (not a shortcut): set-up, Image(s) Upload, Validate &
   Upload, the feeds sync until every listing is live;
2. the price and the stock of ``--changed`` of the SKUs (children, picked at random with a fixed seed)
   changed in the Magento 2 sandbox (its control endpoints: a price edit stamps ``updated_at``, a source
   quantity does not, as on a real store);
3. counted at the client: the incremental catalog refresh, then the Price Cron's and the Inventory
   Cron's services (``prices.push_prices``, ``inventory.push_inventory``: it reads the salable quantity
   of every live SKU from Magento itself) on every listing;
4. the same again with nothing changed.

Figures: per kind, the update calls made against ⌈changed products ÷ Inventory / Price Chunk Size (20)⌉
(target: equal), and the calls of the run with no change (target: 0), with the Magento reads beside.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
import time
from typing import Any

import httpx
from listing_harness import (
    CHILDREN,
    Counting,
    django_setup,
    initial_listing,
    run_worker,
    sandboxes,
    serve_aliexpress,
    serve_magento,
    setup,
)

PRICE = "aliexpress.solution.batch.product.price.update"
INVENTORY = "aliexpress.solution.batch.product.inventory.update"


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000])
    parser.add_argument("--changed", type=float, default=0.01, help="share of SKUs changed")
    parser.add_argument("--budget", type=int, default=50, help="AliExpress calls per second")
    parser.add_argument("--feed-delay", type=float, default=20.0, help="the sandbox's feed delay, s")
    parser.add_argument("--families", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--serve-magento", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--serve-aliexpress", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", nargs=3, help=argparse.SUPPRESS)
    return parser.parse_args()


def change_in_magento(magento: str, skus: list[str], share: float) -> set[str]:
    """Price + 1.00 and stock + 7 for ``share`` of ``skus`` (children), through the sandbox's control
    endpoints; returns the SKUs changed."""
    chosen = random.Random(13).sample(sorted(skus), max(1, round(len(skus) * share)))
    with httpx.Client(base_url=magento, timeout=30) as control:
        for sku in chosen:
            product = control.get(f"/rest/V1/products/{sku}", headers=_bearer()).json()
            control.post(
                "/_sandbox/products", json={"sku": sku, "price": product["price"] + 1}
            ).raise_for_status()
            stock = control.get(f"/rest/V1/stockItems/{sku}", headers=_bearer()).json()
            quantity = stock["qty"] + 7
            control.post("/_sandbox/source-items", json={"sku": sku, "quantity": quantity}).raise_for_status()
    return set(chosen)


def _bearer() -> dict[str, str]:
    from listing_harness import M2_TOKEN

    return {"Authorization": f"Bearer {M2_TOKEN}"}


def sync_round(account: Any, counting: Counting) -> dict[str, Any]:
    """The incremental refresh, then the price and inventory services on every listing; counted."""
    from aliexpress_magento.catalog.services import refresh
    from aliexpress_magento.listings.services import inventory, prices

    counting.calls.clear()
    started = time.perf_counter()
    refresh.refresh(account)
    price = prices.push_prices(account)
    stock = inventory.push_inventory(account)
    return {
        "seconds": time.perf_counter() - started,
        "calls": dict(counting.calls),
        "price_done": len(price.done),
        "inventory_done": len(stock.done),
        "failed": {**price.failed, **stock.failed},
    }


def work(magento: str, aliexpress: str, code: str, budget: int, share: float) -> dict[str, Any]:
    from aliexpress_magento.accounts import api_clients
    from aliexpress_magento.catalog.models import CatalogProduct
    from aliexpress_magento.listings.models import Listing
    from aliexpress_magento.profiles.models import ProfileProduct

    counting = Counting()
    with api_clients.route_to(aliexpress, counting), api_clients.route_to(magento, counting):
        account, profile = setup(magento, aliexpress, code, budget)
        ids = list(ProfileProduct.objects.filter(profile=profile).values_list("product_id", flat=True))
        listing_seconds = initial_listing(account, ids)["seconds"]
        live = Listing.objects.filter(account=account, status="live").count()
        children = CatalogProduct.objects.filter(account=account, parent__in=ids)
        changed = change_in_magento(magento, list(children.values_list("sku", flat=True)), share)
        parents = set(children.filter(sku__in=changed).values_list("parent_id", flat=True))
        first = sync_round(account, counting)
        second = sync_round(account, counting)
    return {
        "configurables": len(ids),
        "live": live,
        "listing_seconds": listing_seconds,
        "changed_skus": len(changed),
        "changed_products": len(parents),
        "chunk": (account.price_chunk_size, account.inventory_chunk_size),
        "first": first,
        "second": second,
    }


def report(skus: int, result: dict[str, Any]) -> list[str]:
    changed = result["changed_products"]
    price_chunk, inventory_chunk = result["chunk"]
    expected = {PRICE: math.ceil(changed / price_chunk), INVENTORY: math.ceil(changed / inventory_chunk)}
    lines = [
        f"{skus:,} SKUs ({result['configurables']:,} configurables x {CHILDREN}; {result['live']:,} live "
        f"after the initial listing, {result['listing_seconds']:.0f} s): {result['changed_skus']} SKUs of "
        f"{changed} products changed price and stock",
    ]
    for label, run, want in (
        ("after the change", result["first"], expected),
        ("nothing changed", result["second"], {PRICE: 0, INVENTORY: 0}),
    ):
        calls = run["calls"]
        ae = {k: v for k, v in calls.items() if not k.startswith("magento")}
        magento = {k: v for k, v in calls.items() if k.startswith("magento")}
        lines.append(f"  {label} ({run['seconds']:.1f} s):")
        for kind, short in ((PRICE, "price.update"), (INVENTORY, "inventory.update")):
            verdict = "equal" if ae.get(kind, 0) == want[kind] else "NOT equal"
            lines.append(f"    {short:<17} {ae.get(kind, 0):>4} calls, target {want[kind]:>4}: {verdict}")
        others = {k: v for k, v in ae.items() if k not in (PRICE, INVENTORY)}
        lines.append(f"    other AliExpress calls {json.dumps(others)}; Magento reads {json.dumps(magento)}")
        lines.append(
            f"    products sent: price {run['price_done']}, inventory {run['inventory_done']}; "
            f"failed {len(run['failed'])}"
        )
    return lines


def main() -> None:
    args = arguments()
    if args.serve_magento:
        serve_magento(args.serve_magento, args.families)
        return
    if args.serve_aliexpress:
        serve_aliexpress(args.serve_aliexpress, args.budget, args.feed_delay)
        return
    if args.work:
        with tempfile.TemporaryDirectory() as var:
            django_setup(var)
            print(json.dumps(work(*args.work, budget=args.budget, share=args.changed)))
        return
    for skus in args.sizes:
        with sandboxes(__file__, skus // CHILDREN, args.budget, args.feed_delay) as boxes:
            extra = ["--budget", str(args.budget), "--changed", str(args.changed)]
            result = run_worker(__file__, boxes, extra)
        print("\n".join(report(skus, result)), flush=True)


if __name__ == "__main__":
    sys.exit(main())
