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

import json

from sandbox_process import TIMEOUT, arguments, read_everything, read_in_process, sandbox, summary

from aliexpress_magento.clients.magento2 import BearerAuth, Magento2Client
from aliexpress_magento.stores.magento2 import Magento2Store

TOKEN = "demo-integration-token-0123456789"
PROBE = "/rest/V1/directory/currency"


def read(base: str, page_size: int) -> dict[str, float]:
    with Magento2Client(base, auth=BearerAuth(TOKEN), store_code="default", timeout=TIMEOUT) as client:
        return read_everything(Magento2Store(client), page_size)


def main() -> None:
    args = arguments([10_000, 100_000]).parse_args()
    if args.read:
        print(json.dumps(read(args.read, args.page_size)))
        return
    for size in args.sizes:
        with sandbox("magento2", size, PROBE) as base:
            result = read_in_process(__file__, base, args.page_size)
        print(summary(f"{size:>7} SKUs generated", result))


if __name__ == "__main__":
    main()
