"""The connector module's ``aliexpress_connector_product.changed`` in the Magento 1 sandbox, as the PHP
of ``magento1-module/`` answers it: (updated_at, entity_id) order, the keyset cursor (ties on updated_at
broken by id), the limit cap, the checks' faults, and fault 3 when the module is off."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from aliexpress_magento.sandbox.catalog.model import Product
from aliexpress_magento.sandbox.magento1 import Magento1Sandbox
from aliexpress_magento.sandbox.magento1.connector import BAD_CURSOR
from aliexpress_magento.sandbox.magento1.values import stamp

from .conftest import FakeClock, Fault, HttpStatus, Rpc

CHANGED = "aliexpress_connector_product.changed"
EPOCH = "1970-01-01 00:00:00"


def _edited(sandbox: Magento1Sandbox, clock: FakeClock) -> tuple[list[Product], Product]:
    """Three products edited in the same second (highest id first), then one a second later."""
    products = sandbox.world.catalog.products
    tied = [products[30], products[20], products[10]]
    clock.advance(60)
    for product in tied:
        sandbox.update_product(product.sku, name="Tied")
    clock.advance(1)
    later = products[5]
    sandbox.update_product(later.sku, name="Later")
    return tied, later


def test_changed_answers_rows_in_updated_at_then_id_order(
    rpc: Rpc, sandbox: Magento1Sandbox, clock: FakeClock
) -> None:
    tied, later = _edited(sandbox, clock)
    tie = stamp(clock.now - 1)
    rows = rpc.call(CHANGED, tie)
    assert rows == [
        {"product_id": str(p.id), "sku": p.sku, "type": p.type_id, "set": "4", "updated_at": tie}
        for p in sorted(tied, key=lambda p: p.id)
    ] + [
        {"product_id": str(later.id), "sku": later.sku, "type": later.type_id, "set": "4",
         "updated_at": stamp(clock.now)},
    ]  # fmt: skip


def test_the_cursor_resumes_strictly_after_it_within_a_tie(
    rpc: Rpc, sandbox: Magento1Sandbox, clock: FakeClock
) -> None:
    tied, later = _edited(sandbox, clock)
    tie, ids = stamp(clock.now - 1), sorted(p.id for p in tied)
    first_two = rpc.call(CHANGED, tie, None, None, 2)
    assert [r["product_id"] for r in first_two] == [str(ids[0]), str(ids[1])]
    rest = rpc.call(CHANGED, tie, tie, ids[1], 2)
    assert [r["product_id"] for r in rest] == [str(ids[2]), str(later.id)]
    assert rpc.call(CHANGED, tie, stamp(clock.now), later.id, 2) == []
    # The id of the cursor as a string (as the answer carries it) is the same cursor.
    assert rpc.call(CHANGED, tie, tie, str(ids[0]), 10) == rpc.call(CHANGED, tie, tie, ids[0], 10)


def test_paging_from_the_start_gives_every_product_once_in_order(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    seen: list[tuple[str, int]] = []
    cursor: list[object] = [None, None]
    calls = 0
    while True:
        page = rpc.call(CHANGED, EPOCH, *cursor, 100, "default")
        calls += 1
        seen += [(r["updated_at"], int(r["product_id"])) for r in page]
        if len(page) < 100:
            break
        cursor = [page[-1]["updated_at"], page[-1]["product_id"]]
    products = sandbox.world.catalog.products
    assert seen == sorted((p.updated_at, p.id) for p in products)
    assert calls == len(products) // 100 + 1


def test_the_limit_is_capped_and_the_arguments_checked(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    limit_fault = Fault(102, "limit must be between 1 and 1000.")
    assert rpc.call(CHANGED, EPOCH, None, None, 1001) == limit_fault
    assert rpc.call(CHANGED, EPOCH, None, None, 0) == limit_fault
    assert len(rpc.call(CHANGED, EPOCH, None, None, 1000)) == len(sandbox.world.catalog.products)
    assert len(rpc.call(CHANGED, "1970-01-01", None, None, "7")) == 7  # PHP's (int) cast; a date alone
    assert rpc.call(CHANGED, "yesterday") == Fault(102, 'since must be a UTC date "YYYY-MM-DD HH:MM:SS".')
    assert rpc.call(CHANGED, EPOCH, EPOCH) == Fault(102, BAD_CURSOR)
    assert rpc.call(CHANGED, EPOCH, None, 5) == Fault(102, BAD_CURSOR)
    assert rpc.call(CHANGED, EPOCH, "soon", 5) == Fault(
        102, 'afterUpdatedAt must be a UTC date "YYYY-MM-DD HH:MM:SS".'
    )
    assert rpc.call(CHANGED, EPOCH, None, None, 5, "nope") == Fault(100, "Requested store view not found.")
    assert rpc.call(CHANGED) == HttpStatus(500)  # PHP 8: too few arguments to changed()


def test_without_the_module_changed_is_an_invalid_api_path(rpc: Rpc, sandbox: Magento1Sandbox) -> None:
    sandbox.knobs.connector_module = False
    assert rpc.call(CHANGED, EPOCH) == Fault(3, "Invalid api path.")


MODULE_API = (
    Path(__file__).resolve().parents[3]
    / "magento1-module/app/code/community/AliexpressMagento/Connector/Model/Product/Api.php"
)
HARNESS = Path(__file__).resolve().parents[2] / "support" / "connector_harness.php"
NOT_A_DATE = 'since must be a UTC date "YYYY-MM-DD HH:MM:SS".'


@pytest.mark.parametrize(
    ("since", "accepted"),
    [
        ("2026-13-45 00:00:00", False),  # MariaDB reads these as a zero date: the catalog from its start
        ("2026-02-30 10:00:00", False),
        ("2026-02-29", False),
        ("2026-01-01 24:00:00", False),
        ("0000-00-00 00:00:00", False),
        ("2024-02-29", True),
        ("2026-12-31 23:59:59", True),
    ],
)
def test_changed_refuses_a_date_that_is_not_in_the_calendar(rpc: Rpc, since: str, accepted: bool) -> None:
    answer = rpc.call(CHANGED, since, None, None, 1)
    assert (answer != Fault(102, NOT_A_DATE)) is accepted
    if not accepted:
        assert answer == Fault(102, NOT_A_DATE)
    php = shutil.which("php")
    if php:  # the module's own check gives the same verdict and message
        run = subprocess.run(
            [php, str(HARNESS), str(MODULE_API), "_datetime", json.dumps([since, "since"])],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        expected = json.dumps((since + " 00:00:00")[:19]) if accepted else f"fault data_invalid: {NOT_A_DATE}"
        assert run.stdout == expected
