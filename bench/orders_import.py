"""Import AliExpress orders into the Magento 2 sandbox through the real fetch + import (issue 14's measure).

Run: ``.venv/bin/python bench/orders_import.py [orders] [--alone N] [--catalog-size N]
[--aliexpress-qps Q]`` (default 10000 orders, 1000 orders for the Magento-alone rate, a 1,000-SKU
catalog, 50 AliExpress calls a second). Four processes, each measured apart:

- the Magento 2 sandbox (``python -m aliexpress_magento.sandbox magento2 --catalog-size N``);
- the AliExpress sandbox (this script, ``--serve-aliexpress PORT``): its shop sells 200 enabled simple
  SKUs of that catalog, and the buyer simulator (``sandbox/aliexpress/orders/buyer.py``) places the
  orders, paid, before it starts listening; the Magento stock of those SKUs is raised so none runs out;
- *Magento alone* (``--alone URL``): ``Store.create_order`` called directly, one order after the other,
  for ``--alone`` orders of the same shape (1-3 lines of the same SKUs, the same customer and method:
  quote), no connector, no database — the store's own order rate in this run, measured first;
- *the connector* (``--connector URL``): a fresh SQLite database, an account authorized on the AliExpress
  sandbox through its OAuth exchange, then ``orders.services.run.fetch_and_import`` once (the Order Cron's
  run), timed from its call to its return; its own CPU seconds (``getrusage``: the sandboxes are other
  processes) and peak RSS.

The AliExpress call budget is the account's (``--aliexpress-qps``, AliExpress's published 50 a second per
seller; the daily quota is lifted: 10,000 orders need more than an unreleased app's 5,000 calls a day).
The Magento budget is lifted (``magento_qps`` 0): Magento's own rate is the other bound. Calls per order
= (order.get pages + order.info.get + order.receiptinfo.get) ÷ orders, from the fetch's own counts.
Figures: orders/s, the budget's bound (qps ÷ calls per order), Magento alone's orders/s, their ratio to
the slower bound (target ≥ 0.9), the connector's CPU ms per order, peak RSS, and duplicates (Magento
orders sharing an ``ext_order_id``, counted by reading every Magento order back; target 0).
``--profile FILE`` writes the connector run's cProfile stats (``python -m pstats FILE``).

Read the ratio knowing that the run fetches everything, then imports (``run.fetch_and_import``): its time
is about the budget-bound fetch *plus* the Magento-bound import, so it stays near 1/(1/a + 1/b) of two
bounds a and b, about half when they are close. Both sandboxes are werkzeug servers, which close the
connection after every answer: every call pays a TCP connect (and a server thread) on both sides, the
alone run as much as the connector's.
"""

from __future__ import annotations

import cProfile
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from typing import Any

import httpx
from sandbox_process import TIMEOUT, arguments, free_port, sandbox, wait_until_up

M2_TOKEN = "demo-integration-token-0123456789"
APP_KEY, APP_SECRET = "demo-key", "demo-secret"
BUYER = "aliqatest07"  # a seed buyer paying in USD, the Magento sandbox's base currency
PAID = "WAIT_SELLER_SEND_GOODS"
SOLD_SKUS = 200
SKUS_PER_PRODUCT = 20
CUSTOMER = "bench-orders@example.com"
REDIRECT = "https://console.test/aliexpress/callback/"
PAGE_SIZE = 50  # order.get's maximum (Order Configuration's Page Size)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sold_skus(catalog_size: int) -> list[str]:
    """The catalog's first enabled simple SKUs sold on their own (the generated catalog is the same in
    every process: it is rebuilt from its seed and size)."""
    from aliexpress_magento.sandbox.catalog.demo import generate
    from aliexpress_magento.sandbox.catalog.model import ENABLED, SIMPLE

    products = generate(0, catalog_size).products
    simple = [p.sku for p in products if p.type_id == SIMPLE and p.status == ENABLED and p.parent_id is None]
    if len(simple) < SOLD_SKUS:
        raise SystemExit(f"the {catalog_size}-SKU catalog has only {len(simple)} simple SKUs")
    return simple[:SOLD_SKUS]


def serve_aliexpress(port: int, orders: int, catalog_size: int) -> None:
    """The AliExpress sandbox process: a shop selling the Magento SKUs, ``orders`` paid orders placed."""
    import copy

    from werkzeug.serving import run_simple

    from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox

    ae = AliExpressSandbox(app_key=APP_KEY, app_secret=APP_SECRET)
    products = ae.world.products
    template = next(iter(products.products.values())).instance
    for product in products.products.values():
        product.status = "offline"
    skus = sold_skus(catalog_size)
    for start in range(0, len(skus), SKUS_PER_PRODUCT):
        instance = copy.deepcopy(template)
        chunk = skus[start : start + SKUS_PER_PRODUCT]
        instance["sku_info_list"] = [{"sku_code": s, "inventory": 10**6, "price": "12.00"} for s in chunk]
        products.add(instance, ae.clock())
    placed = ae.place_orders(orders, status=PAID, buyer_login_id=BUYER)
    if len(placed) != orders:
        raise SystemExit(f"the buyer simulator placed {len(placed)} of {orders} orders")
    run_simple("127.0.0.1", port, ae.wsgi, threaded=True, use_reloader=False)


def _store(base: str) -> Any:
    from aliexpress_magento.clients.magento2 import BearerAuth, Magento2Client
    from aliexpress_magento.stores.magento2 import Magento2Store

    return Magento2Store(
        Magento2Client(base, auth=BearerAuth(M2_TOKEN), store_code="default", timeout=TIMEOUT)
    )


def magento_alone(base: str, count: int, catalog_size: int) -> dict[str, float]:
    """``count`` orders placed straight through the Store, as the connector places them (quote method,
    the customer account), one after the other."""
    from aliexpress_magento.stores.model import Address, OrderLine, OrderToCreate

    rng = random.Random(7)  # the same order shapes every run
    skus = sold_skus(catalog_size)
    address = Address(
        "Bench", "Buyer", ("1 Main St",), "Springfield", "12345", "US", "555 0100", CUSTOMER, "IL"
    )
    with _store(base) as store:
        customer_id = store.ensure_customer(CUSTOMER, "AliExpress", "Customer")
        started, cpu = time.perf_counter(), _cpu()
        for n in range(count):
            lines = tuple(
                OrderLine(sku=sku, qty=rng.choice((1, 1, 2)), price=Decimal("12.00"), name=sku)
                for sku in rng.sample(skus, rng.choice((1, 1, 2, 3)))
            )
            subtotal = sum((line.price * line.qty for line in lines), Decimal(0))
            order = OrderToCreate(
                external_id=f"bench-alone-{n}",
                currency="USD",
                lines=lines,
                customer_email=CUSTOMER,
                customer_firstname="Bench",
                customer_lastname="Buyer",
                billing_address=address,
                shipping_address=address,
                payment_method="checkmo",
                shipping_method="flatrate_flatrate",
                subtotal=subtotal,
                shipping_amount=Decimal(0),
                grand_total=subtotal,
                increment_id=f"BA-{n}",
                customer_id=customer_id,
            )
            store.create_order(order, "quote")
        seconds = time.perf_counter() - started
    return {"orders": count, "seconds": seconds, "cpu_seconds": _cpu() - cpu, "peak_rss_mb": _peak_rss_mb()}


def connector(ae_url: str, magento_url: str, qps: int, profile: str = "") -> dict[str, Any]:
    """The connector process: migrate, an authorized account, one fetch-and-import run."""
    import django

    django.setup()
    from django.core.management import call_command

    from aliexpress_magento.accounts.models import Account
    from aliexpress_magento.accounts.services import oauth
    from aliexpress_magento.orders.models import AliExpressOrder, ImportStatus
    from aliexpress_magento.orders.services import run

    call_command("migrate", verbosity=0)
    account = Account.objects.create(
        name="Bench shop",
        enabled=True,
        api_base_url=ae_url,
        app_key=APP_KEY,
        app_secret=APP_SECRET,
        magento_base_url=magento_url,
        magento_token=M2_TOKEN,
        customer_email=CUSTOMER,
        notification_email="owner@example.com",
        default_payment_method="checkmo",
        default_shipping_method="flatrate_flatrate",
        order_page_size=PAGE_SIZE,
        aliexpress_qps=qps,
        aliexpress_daily_quota=0,
        magento_qps=0,
    )
    answer = httpx.post(f"{ae_url}/_sandbox/authorize", json={"redirect_uri": REDIRECT}, timeout=TIMEOUT)
    oauth.exchange(account, answer.raise_for_status().json()["code"])
    account.refresh_from_db()
    profiler = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), _cpu()
    if profiler:
        profiler.enable()
    counts = run.fetch_and_import(account)
    seconds, cpu_seconds = time.perf_counter() - started, _cpu() - cpu
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    statuses = Counter(AliExpressOrder.objects.filter(account=account).values_list("status", flat=True))
    reasons = Counter(
        AliExpressOrder.objects.filter(status=ImportStatus.FAILED).values_list("failure_reason", flat=True)
    )
    fetched = counts.fetched
    pages = math.ceil(fetched.listed / PAGE_SIZE) or 1
    return {
        "listed": fetched.listed,
        "ae_calls": pages + 2 * (fetched.new + fetched.changed),
        "statuses": dict(statuses),
        "failure_reasons": dict(reasons.most_common(3)),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": _peak_rss_mb(),
    }


def duplicates(base: str) -> tuple[int, int]:
    """(Magento orders the connector made, AliExpress orders with more than one), read back from Magento."""
    from aliexpress_magento.clients.magento2.search import SearchCriteria

    seen: Counter[str] = Counter()
    with _store(base) as store:
        for order in store.client.orders.iter(SearchCriteria().limit(500)):
            if not order.ext_order_id.startswith("bench-alone-"):
                seen[order.ext_order_id] += 1
    return sum(seen.values()), sum(1 for n in seen.values() if n > 1)


def _child(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def report(orders: int, qps: int, alone: dict[str, Any], run: dict[str, Any], made: int, doubled: int) -> str:
    rate = run["statuses"].get("imported", 0) / run["seconds"]
    calls_per_order = run["ae_calls"] / max(run["listed"], 1)
    budget_rate = qps / calls_per_order if qps else math.inf
    alone_rate = alone["orders"] / alone["seconds"]
    bound = min(budget_rate, alone_rate)
    return (
        f"{orders} orders (load {os.getloadavg()[0]:.1f}): imported {run['statuses']} in "
        f"{run['seconds']:.0f} s "
        f"= {rate:.1f} orders/s; bounds: AliExpress budget {qps} calls/s ÷ {calls_per_order:.2f} calls per "
        f"order = {budget_rate:.1f} orders/s, Magento alone {alone_rate:.1f} orders/s ({alone['orders']} "
        f"orders in {alone['seconds']:.0f} s); ratio to the slower {rate / bound:.2f}; connector CPU "
        f"{run['cpu_seconds']:.0f} s = {1000 * run['cpu_seconds'] / orders:.1f} ms per order, peak RSS "
        f"{run['peak_rss_mb']:.0f} MB; Magento orders made {made}, AliExpress orders with more than one: "
        f"{doubled}; failures {run['failure_reasons'] or 'none'}"
    )


def main() -> None:
    parser = arguments([10_000])
    parser.add_argument("--alone", type=int, default=1000, help="orders placed by Magento alone")
    parser.add_argument("--catalog-size", type=int, default=1000)
    parser.add_argument("--aliexpress-qps", type=int, default=50)
    parser.add_argument("--profile", default="", help="write the connector's cProfile stats to this file")
    parser.add_argument("--serve-aliexpress", type=int, help="internal: serve the AliExpress sandbox here")
    parser.add_argument("--alone-at", help="internal: place orders through the Store at this URL")
    parser.add_argument("--connector", nargs=2, help="internal: AliExpress and Magento URLs to import with")
    args = parser.parse_args()
    orders = args.sizes[0]
    if args.serve_aliexpress:
        serve_aliexpress(args.serve_aliexpress, orders, args.catalog_size)
        return
    if args.alone_at:
        print(json.dumps(magento_alone(args.alone_at, args.alone, args.catalog_size)))
        return
    if args.connector:
        print(json.dumps(connector(*args.connector, args.aliexpress_qps, args.profile)))
        return
    with (
        tempfile.TemporaryDirectory() as var,
        sandbox("magento2", args.catalog_size, "/rest/V1/directory/currency") as m2,
    ):
        os.environ.update({"VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "aliexpress_magento.settings"})
        os.environ["DATABASE_URL"] = f"sqlite:///{var}/bench.sqlite3"
        for sku in sold_skus(args.catalog_size):
            httpx.post(f"{m2}/_sandbox/source-items", json={"sku": sku, "quantity": 10**6}).raise_for_status()
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, __file__, str(orders), "--serve-aliexpress", str(port), "--catalog-size",
             str(args.catalog_size)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            ae = f"http://127.0.0.1:{port}"
            wait_until_up(ae, "/_sandbox/state", timeout=600)
            common = ("--catalog-size", str(args.catalog_size), "--alone", str(args.alone))
            alone = _child("--alone-at", m2, *common)
            connecting = ("--connector", ae, m2, "--aliexpress-qps", str(args.aliexpress_qps))
            run = _child(
                *connecting, "--profile", os.path.abspath(args.profile) if args.profile else "", *common
            )
        finally:
            server.terminate()
            server.wait()
        made, doubled = duplicates(m2)
    print(report(orders, args.aliexpress_qps, alone, run, made, doubled), flush=True)


if __name__ == "__main__":
    sys.exit(main())
