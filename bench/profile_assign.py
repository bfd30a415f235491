""" "Assign all matching" on a large mirrored catalog: SQL statements and seconds (issue 12, Measure).

Run: ``.venv/bin/python bench/profile_assign.py [products ...] [--database-url URL]`` (default 100000).
Without ``--database-url`` each size runs in a fresh SQLite file in a temporary folder; with a PostgreSQL
URL (``postgresql://postgres@127.0.0.1:5432/bench_profile_assign``) the database it names is created
fresh for each size and dropped at the end (it must not exist yet).

For each size: N listable products are written straight to the mirror (bulk inserts, one Magento category
link each), 10 % of them put in another profile; then, timed and with their SQL statements counted
(``CaptureQueriesContext``), the Profile Products tab's operations on a filter matching every product
(``name`` contains "bench"): the conflict question, assign skipping the other profile's products,
remove all, assign moving them; then the auto-assignment rules of two profiles on the whole catalog.
Prints one line per operation.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BATCH = 5_000


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--one", type=int, default=0, help="internal: run one size in this process")
    return parser.parse_args()


@contextmanager
def fresh_postgres(url: str) -> Iterator[None]:
    """CREATE DATABASE before, DROP DATABASE after, through the server's ``postgres`` database."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def generate(size: int) -> tuple[Any, Any]:
    """The account, the profile under test and ``size`` products, 10 % of them in another profile."""
    from django.utils import timezone

    from aliexpress_magento.accounts.models import Account
    from aliexpress_magento.catalog.models import CatalogProduct, CatalogProductCategory
    from aliexpress_magento.profiles.models import Profile, ProfileProduct

    account = Account.objects.create(
        name="Bench shop",
        enabled=True,
        api_base_url="http://127.0.0.1:9",
        magento_base_url="http://127.0.0.1:9",
        customer_email="bench@example.com",
        notification_email="bench@example.com",
    )
    target = Profile.objects.create(account=account, code="target", name="Target")
    other = Profile.objects.create(account=account, code="other", name="Other")
    now = timezone.now()
    for start in range(0, size, BATCH):
        made = CatalogProduct.objects.bulk_create(
            CatalogProduct(
                account=account,
                entity_id=i + 1,
                sku=f"BENCH-{i:07d}",
                type="simple",
                name=f"bench product {i}",
                enabled=True,
                visibility=4,
                price=10 + i % 90,
                salable_qty=i % 20,
                images=[],
                category_ids=[10 + i % 10],
                updated_at=now,
                content_hash="0" * 64,
                mirrored_at=now,
                first_mirrored_at=now,
                attribute_set_id=4,
            )
            for i in range(start, min(start + BATCH, size))
        )
        CatalogProductCategory.objects.bulk_create(
            CatalogProductCategory(product=p, category_id=p.category_ids[0]) for p in made
        )
        ProfileProduct.objects.bulk_create(
            ProfileProduct(product=p, profile=other, assigned_at=now) for p in made if p.entity_id % 10 == 0
        )
    return account, target


def measure(label: str, operation: Callable[[], Any]) -> Any:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = operation()
        seconds = time.perf_counter() - started
    if os.environ.get("BENCH_SHOW_SQL"):
        for query in captured.captured_queries:
            print("    ", query["sql"][:160])
    print(
        f"  {label}: {len(captured.captured_queries)} SQL statements, {seconds:.2f} s -> {result}", flush=True
    )
    return result


def run(size: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from aliexpress_magento.profiles.models import Profile, ProfileProduct
    from aliexpress_magento.profiles.product_selectors import ProductFilter, filtered_products
    from aliexpress_magento.profiles.services import assignment, rules

    call_command("migrate", verbosity=0)
    logging.getLogger("aliexpress_magento").setLevel(logging.WARNING)  # the activity lines, once each
    started = time.perf_counter()
    account, target = generate(size)
    print(f"  generated {size:,} products in {time.perf_counter() - started:.1f} s", flush=True)
    matching = filtered_products(target, ProductFilter(name="bench", in_profile="any"))
    measure("count matching (the grid's total)", matching.count)
    measure("conflicts", lambda: [(p.name, n) for p, n in assignment.conflicts(target, matching)])
    measure("assign, move=False", lambda: assignment.assign(target, matching, move=False).summary())
    measure("remove all", lambda: assignment.unassign(target, matching))
    measure("assign, move=True", lambda: assignment.assign(target, matching, move=True).summary())
    # Auto-assignment on the same catalog: everything back to no profile; the target takes two of the ten
    # Magento categories, a second profile (higher id) every product of attribute set 4 (all of them).
    ProfileProduct.objects.all().delete()
    since = timezone.now() - timedelta(days=1)
    Profile.objects.filter(pk=target.pk).update(rule_category_ids=[10, 11], rules_since=since)
    Profile.objects.filter(code="other").update(rule_attribute_set_ids=[4], rules_since=since)
    measure("apply_rules", lambda: {p.name: n for p, n in rules.apply_rules(account).items()})


def main() -> None:
    args = arguments()
    if args.one:
        one_size(args.one, args.database_url)
        return
    for size in args.sizes:  # one process per size: Django reads its settings (the database) once
        command = [sys.executable, __file__, "--one", str(size), "--database-url", args.database_url]
        subprocess.run(command, check=True)


def one_size(size: int, database_url: str) -> None:
    sys.path.insert(0, ROOT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "aliexpress_magento.settings"
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(f"{engine}, {size:,} products:", flush=True)
    with tempfile.TemporaryDirectory() as var:
        os.environ["VAR_DIR"] = var
        os.environ["DATABASE_URL"] = database_url or f"sqlite:///{var}/bench.sqlite3"
        if database_url:
            with fresh_postgres(database_url):
                run(size)
        else:
            run(size)


if __name__ == "__main__":
    main()
