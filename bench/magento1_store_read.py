"""Read a generated catalog through ``Magento1Store`` from the Magento 1 sandbox over HTTP (XML-RPC), with
the connector module (its ``changed``: keyset pages) and without it (``catalog_product.list``, one answer).

Run: ``.venv/bin/python bench/magento1_store_read.py [skus ...] [--page-size N] [--modes …]`` (default
2000 10000, page size 100, every mode). Modes: ``paged`` (the module answers: ``changed`` pages),
``listed`` (the module answers, but the reader is told ``changed`` is absent, as with a module older than
it: the one-answer listing, with configurables' children — the same work as ``paged`` but for the
listing) and ``fallback`` (no module: the listing, configurables without children, so less work a page).
For each size and mode it starts the sandbox as its own process (``python -m aliexpress_magento.sandbox
magento1 --catalog-size N``, plus ``--without-module`` for ``fallback``) on a free local port, then reads
every product with
``Magento1Store.products_changed_since(epoch)`` in a fresh reader process, so the reader's peak RSS is its
own and comparable between sizes and modes. Prints SKUs per second (parents and children counted once
each), the reader's own CPU time and its peak RSS. The figures measured are in the README ("Limits and
figures").
"""

from __future__ import annotations

import json

from sandbox_process import TIMEOUT, arguments, read_everything, read_in_process, sandbox, summary

from aliexpress_magento.clients.magento1 import Magento1Client
from aliexpress_magento.sandbox.magento1 import DEMO_API_KEY, DEMO_API_USER
from aliexpress_magento.stores.magento1 import Magento1Store

PROBE = "/_sandbox/state"
# mode → (the sandbox's flags, whether the reader may use the module's ``changed``)
MODES = {"paged": ((), True), "listed": ((), False), "fallback": (("--without-module",), True)}


def read(base: str, page_size: int, paged: bool) -> dict[str, float]:
    with Magento1Client(base, api_user=DEMO_API_USER, api_key=DEMO_API_KEY, timeout=TIMEOUT) as client:
        store = Magento1Store(client)
        if not paged:
            store.catalog._paged = False  # what the Store remembers after a module without changed
        return read_everything(store, page_size)


def main() -> None:
    parser = arguments([2_000, 10_000])
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    parser.add_argument("--unpaged", action="store_true", help="internal: do not use the module's changed")
    args = parser.parse_args()
    if args.read:
        print(json.dumps(read(args.read, args.page_size, not args.unpaged)))
        return
    for size in args.sizes:
        for mode in args.modes:
            flags, paged = MODES[mode]
            with sandbox("magento1", size, PROBE, flags) as base:
                result = read_in_process(__file__, base, args.page_size, () if paged else ("--unpaged",))
            print(summary(f"{size:>7} SKUs generated, {mode:<8}", result))


if __name__ == "__main__":
    main()
