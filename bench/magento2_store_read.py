"""Read a generated catalog through ``Magento2Store`` from the Magento 2 sandbox over HTTP.

Run: ``.venv/bin/python bench/magento2_store_read.py [skus ...] [--page-size N]`` (default 10000 100000,
page size 100). For each size it starts the sandbox as its own process
(``python -m aliexpress_magento.sandbox magento2 --catalog-size N``) on a free local port, then reads
every product with ``Magento2Store.products_changed_since(epoch)`` in a fresh reader process, so the
reader's peak RSS is its own and comparable between sizes. Prints SKUs per second (parents and children
counted once each, children also inside their parent), the reader's own CPU time (the client and Store
cost without the sandbox's search time) and the reader's peak RSS: it must not grow with the catalog
(streaming, one page at a time). The sandbox answers these queries from its search index
(``sandbox/magento2/search_index.py``), so a page costs about the same at 10,000 and 100,000 SKUs; the
figures measured are in the README ("Limits and figures").
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, datetime

import httpx
from sandbox_process import figures, read_in_process, sandbox, summary

from aliexpress_magento.clients.magento2 import BearerAuth, Magento2Client
from aliexpress_magento.stores.magento2 import Magento2Store

TOKEN = "demo-integration-token-0123456789"
PROBE = "/rest/V1/directory/currency"


def read(base: str, page_size: int) -> dict[str, float]:
    timeout = httpx.Timeout(120.0, connect=5.0)
    with Magento2Client(base, auth=BearerAuth(TOKEN), store_code="default", timeout=timeout) as client:
        store = Magento2Store(client)
        started, count = time.perf_counter(), 0
        for _ in store.products_changed_since(datetime(1970, 1, 1, tzinfo=UTC), page_size=page_size):
            count += 1
        return figures(count, time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--read", help="internal: read from this sandbox URL and print JSON")
    args = parser.parse_args()
    if args.read:
        print(json.dumps(read(args.read, args.page_size)))
        return
    for size in args.sizes:
        with sandbox("magento2", size, PROBE) as base:
            result = read_in_process(__file__, base, args.page_size)
        print(summary(f"{size:>7} SKUs generated", result))


if __name__ == "__main__":
    main()
