"""Mirror a generated catalog from the Magento 2 sandbox into the catalog app, against the bare Store read.

Run: ``.venv/bin/python bench/catalog_mirror.py [skus ...] [--database-url URL]`` (default 10000; the
database defaults to a fresh SQLite file; a PostgreSQL URL must name an empty database). For each size it
starts the sandbox as its own process, reads the catalog through ``Magento2Store`` in one process (the
bare read, ``magento2_store_read.py``'s reader) and mirrors it with ``catalog.services.refresh(full=True)``
in another (its own peak RSS), then refreshes again with nothing changed and counts the product rows that
second pass wrote (the target is 0). The account's Magento call budget is lifted (``magento_qps`` 0): this
measures the mirror's own cost, not the store's pace. Prints the mirror's SKUs/s against the bare read's
(the issue's target: a ratio of at least 0.8), both peak RSS and the no-change writes.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

from sandbox_process import arguments, figures, read_in_process, sandbox

TOKEN = "demo-integration-token-0123456789"
PROBE = "/rest/V1/directory/currency"
READER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "magento2_store_read.py")


def mirror(base: str) -> dict[str, float]:
    """In a fresh process: migrate, make an account on the sandbox, mirror everything, then again."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from aliexpress_magento.accounts.models import Account
    from aliexpress_magento.catalog.services.refresh import refresh

    call_command("migrate", verbosity=0)
    account = Account.objects.create(
        name="Bench shop",
        enabled=True,
        api_base_url="http://127.0.0.1:9",
        magento_base_url=base,
        magento_token=TOKEN,
        magento_qps=0,
        customer_email="bench@example.com",
        notification_email="bench@example.com",
    )
    started = time.perf_counter()
    counts = refresh(account, full=True)
    result = figures(counts.created, time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        refresh(account, full=True)
    result["nochange_writes"] = sum(
        1
        for q in queries.captured_queries
        if "catalog_catalogproduct" in q["sql"] and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    )
    return result


def main() -> None:
    parser = arguments([10_000])
    parser.add_argument("--mirror", help="internal: mirror from this sandbox URL and print JSON")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    if args.mirror:
        print(json.dumps(mirror(args.mirror)))
        return
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as var, sandbox("magento2", size, PROBE) as base:
            os.environ.update({"VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "aliexpress_magento.settings"})
            os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{var}/bench.sqlite3"
            bare = read_in_process(READER, base, args.page_size)
            mirrored = read_in_process(__file__, base, args.page_size, ("--mirror", base))
        engine = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
        rate, base_rate = mirrored["skus_per_second"], bare["skus_per_second"]
        print(
            f"{size:>7} SKUs, {engine}: mirror {rate:.0f} SKUs/s against the bare read's {base_rate:.0f} "
            f"(ratio {rate / base_rate:.2f}); peak RSS mirror {mirrored['peak_rss_mb']:.0f} MB, "
            f"read {bare['peak_rss_mb']:.0f} MB; no-change refresh wrote "
            f"{mirrored['nochange_writes']:.0f} product rows"
        )


if __name__ == "__main__":
    sys.exit(main())
