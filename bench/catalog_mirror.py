"""Mirror a generated catalog from a Magento sandbox into the catalog app, against the bare Store read.

Run: ``.venv/bin/python bench/catalog_mirror.py [skus ...] [--platform magento2|magento1]
[--engines sqlite postgresql] [--postgres URL]`` (default 10000, Magento 2, SQLite). For each size and
database engine it starts the sandbox as its own process, then runs two processes of this script against
it, one after the other, each with its own peak RSS:

- the reader (``--read``): one page of products and one stock call first (the sandbox builds its search
  caches on the first query of a kind: neither timed run pays for them), then
  *bare read*: ``products_changed_since(epoch)`` iterated, nothing kept — the issue's baseline; then
  *bare read + stock read*: the same again with the salable quantities of every SKU read, 500 per call,
  after every 500 SKUs, one call after the other — the Store work the mirror does, without storing it and
  without overlapping anything;
- the mirror (``--mirror``): ``catalog.services.refresh(full=True)`` on an empty database (SQLite: a
  fresh file; PostgreSQL: a database created for the run on the ``--postgres`` server and dropped
  after), timed from the call to its return. That includes everything the refresh does: the product read,
  hashing, the writes, **and the stock read and writes of every SKU** (the stock is read beside the product
  read, on its own thread with a second Store). Then a second full refresh with nothing changed, and the
  writes it made to the product tables (``INSERT``/``UPDATE``/``DELETE`` statements on
  ``catalog_catalogproduct*``; one executed for many rows counts once a row): the target is 0.

Figures: SKUs/s of each (SKUs = products created by the mirror, products yielded by the read), the ratio
mirror ÷ bare read (the issue's target: at least 0.8) and mirror ÷ (bare read + stock read) (the honest
like-for-like: both do the same Store work), each process's own CPU seconds (the sandbox's apart) and
peak RSS (target: the mirror's within 20 % from 10k to 100k). The account's Magento call budget is lifted
(``magento_qps`` 0): this measures the mirror's own cost, not the store's pace. The machine's load average
is printed: on a shared machine wall-clock figures move with other work, CPU seconds much less.
"""

from __future__ import annotations

import json
import os
import re
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sandbox_process import TIMEOUT, arguments, figures, read_in_process, sandbox

from aliexpress_magento.stores.base import Store

M2_TOKEN = "demo-integration-token-0123456789"
PROBES = {"magento2": "/rest/V1/directory/currency", "magento1": "/_sandbox/state"}
STOCK_CHUNK = 500  # as catalog.services.refresh.STOCK_CHUNK
PAGE_SIZE = 100  # as catalog.services.refresh.PAGE_SIZE: the bare read pages as the mirror does
# A write to the product tables, as Django logs it (``N times: `` for a statement executed for many rows).
WRITE = re.compile(r'(?:(\d+) times: )?\s*(?:INSERT|UPDATE|DELETE)\b[^"]*"catalog_catalogproduct', re.I)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(count: int, started: float, cpu: float) -> dict[str, float]:
    """``figures`` with the CPU seconds since ``cpu`` (not the process's start-up, imports, migrations)."""
    result = figures(count, time.perf_counter() - started)
    result["client_cpu_seconds"] = _cpu() - cpu
    return result


def _store(platform: str, base: str) -> Store:
    if platform == "magento1":
        from aliexpress_magento.clients.magento1 import Magento1Client
        from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER
        from aliexpress_magento.stores.magento1 import Magento1Store

        client = Magento1Client(base, api_user=DEMO_API_USER, api_key=DEMO_API_KEY, timeout=TIMEOUT)
        return Magento1Store(client)
    from aliexpress_magento.clients.magento2 import BearerAuth, Magento2Client
    from aliexpress_magento.stores.magento2 import Magento2Store

    return Magento2Store(
        Magento2Client(base, auth=BearerAuth(M2_TOKEN), store_code="default", timeout=TIMEOUT)
    )


def read(platform: str, base: str, page_size: int) -> dict[str, dict[str, float]]:
    """The reader process: warm the sandbox, then the bare read, then the bare read + stock read."""
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    with _store(platform, base) as store:
        first = next(iter(store.products_changed_since(epoch, page_size=page_size)))
        store.salable_quantities([first.sku])
        started, cpu, count = time.perf_counter(), _cpu(), 0
        for _ in store.products_changed_since(epoch, page_size=page_size):
            count += 1
        bare = _timed(count, started, cpu)
        started, cpu, count, skus = time.perf_counter(), _cpu(), 0, []
        for product in store.products_changed_since(epoch, page_size=page_size):
            count += 1
            skus.append(product.sku)
            if len(skus) == STOCK_CHUNK:
                store.salable_quantities(skus)
                skus = []
        if skus:
            store.salable_quantities(skus)
        with_stock = _timed(count, started, cpu)
    return {"bare": bare, "with_stock": with_stock}


def mirror(platform: str, base: str) -> dict[str, float]:
    """The mirror process: migrate, make an account on the sandbox, mirror everything, then again."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from aliexpress_magento.accounts.models import Account
    from aliexpress_magento.catalog.services import refresh as catalog
    from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER

    assert (catalog.PAGE_SIZE, catalog.STOCK_CHUNK) == (PAGE_SIZE, STOCK_CHUNK), (
        "the bench reads as the mirror"
    )
    call_command("migrate", verbosity=0)
    account = Account.objects.create(
        name="Bench shop",
        enabled=True,
        platform=platform,
        api_base_url="http://127.0.0.1:9",
        magento_base_url=base,
        magento_token=M2_TOKEN,
        magento1_api_user=DEMO_API_USER,
        magento1_api_key=DEMO_API_KEY,
        magento_qps=0,
        customer_email="bench@example.com",
        notification_email="bench@example.com",
    )
    started, cpu = time.perf_counter(), _cpu()
    counts = catalog.refresh(account, full=True)
    result = _timed(counts.created, started, cpu)
    result["stock_updated"] = counts.stock_updated
    with CaptureQueriesContext(connection) as queries:
        again = catalog.refresh(account, full=True)
    result["nochange_writes"] = sum(
        int(m[1] or 1) for q in queries.captured_queries if (m := WRITE.match(q["sql"]))
    )
    result["nochange_changed"] = again.created + again.changed + again.removed + again.stock_updated
    return result


@contextmanager
def database(engine: str, server: str, var: str) -> Iterator[str]:
    """A DATABASE_URL for an empty database, removed afterwards."""
    if engine == "sqlite":
        yield f"sqlite:///{var}/bench.sqlite3"
        return
    import psycopg

    name = f"bench_catalog_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _line(size: int, platform: str, engine: str, load: float, bare: Any, both: Any, mirrored: Any) -> str:
    rate, bare_rate, both_rate = (x["skus_per_second"] for x in (mirrored, bare, both))
    mirror_cpu, bare_cpu = mirrored["client_cpu_seconds"], bare["client_cpu_seconds"]
    return (
        f"{platform} {size:>7} SKUs, {engine:<10} (load {load:.1f}): mirror {rate:,.0f} SKUs/s "
        f"(products + stock, {mirrored['seconds']:.1f} s, CPU {mirror_cpu:.1f} s); "
        f"bare read {bare_rate:,.0f} SKUs/s ({bare['seconds']:.1f} s, CPU {bare_cpu:.1f} s): "
        f"ratio {rate / bare_rate:.2f}; bare read + stock read {both_rate:,.0f} SKUs/s "
        f"({both['seconds']:.1f} s): ratio {rate / both_rate:.2f}; peak RSS mirror "
        f"{mirrored['peak_rss_mb']:.0f} MB, reader {bare['peak_rss_mb']:.0f} MB; no-change refresh wrote "
        f"{mirrored['nochange_writes']:.0f} product rows ({mirrored['nochange_changed']:.0f} counted changes)"
    )


def main() -> None:
    parser = arguments([10_000])
    parser.set_defaults(page_size=PAGE_SIZE)
    parser.add_argument("--platform", choices=list(PROBES), default="magento2")
    parser.add_argument("--engines", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite"])
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432", help="server URL")
    parser.add_argument("--mirror", help="internal: mirror from this sandbox URL and print JSON")
    args = parser.parse_args()
    if args.mirror:  # (the harness passes ``--read URL`` to both processes)
        print(json.dumps(mirror(args.platform, args.mirror)))
        return
    if args.read:
        print(json.dumps(read(args.platform, args.read, args.page_size)))
        return
    extra = ("--platform", args.platform)
    for size in args.sizes:
        for engine in args.engines:
            with (
                tempfile.TemporaryDirectory() as var,
                database(engine, args.postgres, var) as url,
                sandbox(args.platform, size, PROBES[args.platform]) as base,
            ):
                os.environ.update({"VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "aliexpress_magento.settings"})
                os.environ["DATABASE_URL"] = url
                load = os.getloadavg()[0]
                reads: Any = read_in_process(__file__, base, args.page_size, extra)
                mirrored = read_in_process(__file__, base, args.page_size, (*extra, "--mirror", base))
            print(
                _line(size, args.platform, engine, load, reads["bare"], reads["with_stock"], mirrored),
                flush=True,
            )


if __name__ == "__main__":
    sys.exit(main())
