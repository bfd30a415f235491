"""The product search index (lookups and cached orders) answers exactly what the plain scan answers, takes
the fast path for the queries a Store sends, and forgets its caches on every write to products or stock."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from aliexpress_magento.sandbox.catalog.model import Product
from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from aliexpress_magento.sandbox.magento2.catalog import products as catalog_products
from aliexpress_magento.sandbox.magento2.criteria import Filter, SearchCriteria, SortOrder
from aliexpress_magento.sandbox.magento2.errors import MagentoError
from aliexpress_magento.sandbox.magento2.search import Engine, Page
from tests.sandbox.magento2.conftest import Api, criteria, sellable_simple, skus
from tests.sandbox.magento2.flows import quote_order

STORE_SORT = [SortOrder("updated_at"), SortOrder("entity_id")]


def query(
    *groups: list[Filter],
    sort: list[SortOrder] | None = None,
    size: int | None = None,
    page: int | None = None,
) -> SearchCriteria:
    return SearchCriteria(list(groups), sort or [], size, page, has_sort=bool(sort))


def indexed(sandbox: Magento2Sandbox) -> Engine[Product]:
    return catalog_products.engine(sandbox.world)


def plain(sandbox: Magento2Sandbox) -> Engine[Product]:
    """The same readers without the index: the reference semantics."""
    engine = indexed(sandbox)
    return Engine(engine.value, engine.sort_value)


def answer(
    engine: Engine[Product], sandbox: Magento2Sandbox, wanted: SearchCriteria
) -> tuple[list[str], int]:
    page = engine.run(sandbox.world.catalog.products, wanted)
    return [p.sku for p in page.items], page.total_count


def fast_page(sandbox: Magento2Sandbox, wanted: SearchCriteria) -> Page[Product]:
    """The index's own answer; None would mean the query fell back to the scan."""
    catalog = sandbox.world.catalog
    found = sandbox.world.search_index.page(indexed(sandbox), catalog.products, wanted)
    assert found is not None, f"{wanted} was not answered by the index"
    return found


def assert_same(
    sandbox: Magento2Sandbox, wanted: SearchCriteria, *, fast: bool = True
) -> tuple[list[str], int]:
    expected = answer(plain(sandbox), sandbox, wanted)
    assert answer(indexed(sandbox), sandbox, wanted) == expected, wanted
    if fast:
        page = fast_page(sandbox, wanted)
        assert ([p.sku for p in page.items], page.total_count) == expected, wanted
    return expected


def store_pages(sandbox: Magento2Sandbox, since: str, size: int) -> Iterator[SearchCriteria]:
    total = answer(plain(sandbox), sandbox, query([Filter("updated_at", since, "gteq")]))[1]
    for number in range(1, -(-total // size) + 2):  # one page past the end too
        yield query([Filter("updated_at", since, "gteq")], sort=STORE_SORT, size=size, page=number)


def test_the_stores_incremental_read_is_answered_by_the_index_page_after_page(
    sandbox: Magento2Sandbox,
) -> None:
    products = sandbox.world.catalog.products
    in_order = sorted(products, key=lambda p: (p.updated_at, p.id))
    middle = in_order[150].updated_at
    iso = middle.replace(" ", "T") + "Z"
    for since, cutoff in [
        ("1970-01-01 00:00:00", ""),
        (middle, middle),
        (iso, middle),
        ("2999-01-01", "2999"),
    ]:
        seen = [sku for wanted in store_pages(sandbox, since, 37) for sku in assert_same(sandbox, wanted)[0]]
        assert seen == [p.sku for p in in_order if p.updated_at >= cutoff]
    past = fast_page(
        sandbox, query([Filter("updated_at", middle, "gteq")], sort=STORE_SORT, size=37, page=99)
    )
    assert (past.items, past.total_count) == ([], 151)


def test_ties_on_updated_at_keep_entity_id_order(sandbox: Magento2Sandbox) -> None:
    products = sandbox.world.catalog.products
    touched = [products[i].sku for i in (250, 3, 120, 77)]
    for sku in touched:
        sandbox.update_product(sku, name="Same second")  # the fake clock stands still: one updated_at
    stamp = sandbox.product(touched[0]).updated_at
    by_id = sorted(touched, key=lambda s: sandbox.product(s).id)
    assert [s for w in store_pages(sandbox, stamp, 3) for s in assert_same(sandbox, w)[0]] == by_id


def keyset(stamp: str, last_id: int, size: int) -> SearchCriteria:
    """The Store's page after (stamp, last_id), as recorded on 2.4.7-p7 (products.keyset_page)."""
    return query(
        [Filter("updated_at", stamp, "gteq")],
        [Filter("updated_at", stamp, "gt"), Filter("entity_id", str(last_id), "gt")],
        sort=STORE_SORT,
        size=size,
    )


def test_the_stores_keyset_read_is_answered_by_the_index_ties_included(sandbox: Magento2Sandbox) -> None:
    products = sandbox.world.catalog.products
    for i in (250, 3, 120, 77, 78):
        sandbox.update_product(products[i].sku, name="Same second")  # the fake clock stands still: ties
    wanted, seen = query([Filter("updated_at", "1970-01-01", "gteq")], sort=STORE_SORT, size=3), []
    while True:
        page, total = assert_same(sandbox, wanted)
        seen += page
        if total <= 3:
            break
        last = sandbox.product(page[-1])
        wanted = keyset(last.updated_at, last.id, 3)
    assert seen == [p.sku for p in sorted(products, key=lambda p: (p.updated_at, p.id))]


def test_keyset_like_groups_answer_as_the_scan(sandbox: Magento2Sandbox) -> None:
    products, chance = sandbox.world.catalog.products, random.Random(20261204)
    for i in (10, 11, 12, 200):
        sandbox.update_product(products[i].sku, name="Tied")
    for _ in range(60):
        key = chance.choice(products)
        condition = chance.choice(["gt", "gteq", "from", "moreq"])
        other = Filter(chance.choice(["entity_id", "sku", "price"]), str(chance.choice(products).id), "gt")
        groups = [
            [Filter("updated_at", key.updated_at, "gteq")],
            [Filter("updated_at", key.updated_at, condition), other],
        ]
        wanted = query(
            *groups[chance.randint(0, 1) :],
            sort=STORE_SORT,
            size=chance.choice([None, 4]),
            page=chance.choice([None, 1, 3]),
        )
        assert_same(sandbox, wanted)


def test_a_keyset_page_reads_the_ties_at_its_key_not_the_rest_of_the_catalog(
    sandbox: Magento2Sandbox,
) -> None:
    products, engine = sandbox.world.catalog.products, indexed(sandbox)
    reads: list[str] = []

    def counted(product: Product, name: str) -> object:
        reads.append(name)
        return engine.value(product, name)

    counting = Engine(counted, engine.sort_value, engine.index)
    in_order = sorted(products, key=lambda p: (p.updated_at, p.id))
    wanted = keyset(in_order[100].updated_at, in_order[100].id, 5)
    counting.run(products, wanted)  # builds the cached order once
    reads.clear()
    page = counting.run(products, wanted)
    assert ([p.sku for p in page.items], page.total_count) == ([p.sku for p in in_order[101:106]], 200)
    assert len(reads) <= 10  # the fields checked once, then the one product at the key; not 200


@pytest.mark.parametrize(
    ("condition", "value"),
    [("gt", "2026-01-05 10:00:00"), ("gteq", "2026-01-05"), ("lt", "2026-01-05 10:00:00"),
     ("lteq", "2026-01-05 09:01:14"), ("to", "2026-01-05T11:00:00+02:00"), ("from", "2026-01-05 11:30:00"),
     ("moreq", "2026-01-05 11:30:00"), ("gteq", "not a date")],
)  # fmt: skip
def test_range_filters_on_the_first_sort_field_are_bisected(
    sandbox: Magento2Sandbox, condition: str, value: str
) -> None:
    for size, page in [(None, None), (10, 1), (10, 4), (1000, 2)]:
        assert_same(
            sandbox, query([Filter("updated_at", value, condition)], sort=STORE_SORT, size=size, page=page)
        )


def test_ranges_on_numbers_two_ranges_and_other_groups(sandbox: Magento2Sandbox) -> None:
    by_id = [SortOrder("entity_id")]
    ids = query([Filter("entity_id", "40", "gt")], [Filter("entity_id", "60.0", "lteq")], sort=by_id)
    assert assert_same(sandbox, ids)[1] == 20
    assert assert_same(sandbox, query([Filter("entity_id", " 299 ", "from")], sort=by_id)) == (
        [p.sku for p in sandbox.world.catalog.products[298:]],
        3,
    )
    assert_same(sandbox, query([Filter("entity_id", "abc", "gteq")], sort=by_id))  # text against numbers
    assert_same(
        sandbox, query([Filter("entity_id", "100", "lt")], [Filter("sku", "CF-%", "like")], sort=by_id)
    )
    assert_same(sandbox, query([Filter("entity_id", "100", "lt"), Filter("sku", "SP-%", "like")], sort=by_id))
    assert_same(
        sandbox, query([Filter("price", "30", "gteq")], sort=[SortOrder("price")])
    )  # price index sort
    assert_same(
        sandbox,
        query([Filter("updated_at", "2026-01-05 10:00:00", "gteq")], sort=[SortOrder("updated_at", "desc")]),
    )


def test_eq_and_in_lookups_on_ids_and_skus(sandbox: Magento2Sandbox) -> None:
    products = sandbox.world.catalog.products
    ids = ",".join(str(p.id) for p in products[200:5:-7]) + ",99999, 13,13.0,abc"
    found = assert_same(sandbox, query([Filter("entity_id", ids, "in")], size=100))
    assert found[1] == len(range(200, 5, -7)) + 1
    assert found[0] == [p.sku for p in products if p.id in {int(i) for i in ids.split(",")[:-4]} | {13}]
    names = f"{products[9].sku.lower()},GIFT/CARD-005, {products[3].sku},NOPE"
    assert assert_same(sandbox, query([Filter("sku", names, "in")]))[0] == [products[9].sku, "GIFT/CARD-005"]
    assert assert_same(sandbox, query([Filter("sku", products[42].sku.upper(), "eq")]))[0] == [
        products[42].sku
    ]
    assert assert_same(sandbox, query([Filter("id", " 7 ", "eq")]))[0] == [products[6].sku]
    assert_same(
        sandbox, query([Filter("sku", "GIFT/CARD-005", "eq"), Filter("type_id", "configurable", "eq")])
    )
    assert_same(
        sandbox,
        query([Filter("category_id", "10", "eq")], [Filter("status", "1", "in")], sort=[SortOrder("name")]),
    )
    assert_same(
        sandbox, query([Filter("entity_id", ids, "in")], sort=[SortOrder("price", "DESC"), SortOrder("sku")])
    )
    assert_same(sandbox, query([Filter("special_price", None, "eq")]))


def test_queries_outside_the_index_fall_back_to_the_scan(sandbox: Magento2Sandbox) -> None:
    catalog, engine = sandbox.world.catalog, indexed(sandbox)
    mixed_keys = query(sort=[SortOrder("category_id")])  # lists: only the comparator sorts them
    assert sandbox.world.search_index.page(engine, catalog.products, mixed_keys) is None
    assert answer(engine, sandbox, mixed_keys) == answer(plain(sandbox), sandbox, mixed_keys)
    # An unknown field in a later group: the scan raises only when a record passes the first group.
    nothing_first = query([Filter("sku", "NOPE", "eq")], [Filter("no_such_field", "1", "eq")])
    assert sandbox.world.search_index.page(engine, catalog.products, nothing_first) is None
    assert answer(engine, sandbox, nothing_first) == ([], 0)
    something_first = query([Filter("sku", "GIFT%", "like")], [Filter("no_such_field", "1", "eq")])
    with pytest.raises(MagentoError, match="attribute name is invalid"):
        engine.run(catalog.products, something_first)


def test_random_queries_answer_as_the_scan(sandbox: Magento2Sandbox) -> None:
    products = sandbox.world.catalog.products
    chance = random.Random(20261128)
    fields = [
        "sku",
        "entity_id",
        "updated_at",
        "price",
        "name",
        "type_id",
        "status",
        "special_price",
        "color",
    ]
    conditions = [
        "eq",
        "in",
        "neq",
        "gt",
        "gteq",
        "lt",
        "lteq",
        "from",
        "to",
        "like",
        "nin",
        "null",
        "notnull",
    ]

    def some_value(field: str) -> str:
        sample = chance.choice(products)
        raw = {"entity_id": sample.id, "sku": sample.sku, "updated_at": sample.updated_at}.get(field)
        if raw is None:
            raw = catalog_products.field_value(sample, field)
        return f"{raw},{chance.choice(products).id}" if chance.random() < 0.3 else str(raw)

    for _ in range(300):
        groups = [
            [
                Filter(f, some_value(f), chance.choice(conditions))
                for f in chance.sample(fields, chance.randint(1, 2))
            ]
            for _ in range(chance.randint(0, 2))
        ]
        sort = [
            SortOrder(f, chance.choice(["ASC", "DESC"])) for f in chance.sample(fields, chance.randint(0, 2))
        ]
        wanted = query(
            *groups, sort=sort, size=chance.choice([None, 5, 50]), page=chance.choice([None, 1, 2, 9])
        )
        assert answer(indexed(sandbox), sandbox, wanted) == answer(plain(sandbox), sandbox, wanted), wanted


# --- invalidation ------------------------------------------------------------------------------------


def test_a_product_edit_moves_it_to_the_end_of_the_incremental_read(sandbox: Magento2Sandbox) -> None:
    first = store_pages(sandbox, "1970-01-01", 1000)
    before = assert_same(sandbox, next(first))[0]
    sandbox.update_product(before[0], price=1.5)
    after = assert_same(sandbox, next(store_pages(sandbox, "1970-01-01", 1000)))[0]
    assert after == [*before[1:], before[0]]
    assert assert_same(sandbox, query([Filter("price", "1.5", "eq")]))[0] == [before[0]]


def test_stock_changes_drop_products_from_the_cached_price_order(api: Api, sandbox: Magento2Sandbox) -> None:
    by_price = query(sort=[SortOrder("price"), SortOrder("sku")])
    listed = assert_same(sandbox, by_price)[0]
    product = sellable_simple(sandbox)
    assert product.sku in listed
    quote_order(api, [(product.sku, sandbox.salable_qty(product.sku))])  # the reservation takes every unit
    assert product.sku not in assert_same(sandbox, by_price)[0]
    other = sellable_simple(sandbox)
    api.ok("POST", "/rest/V1/inventory/source-items", json={"sourceItems": [
        {"sku": other.sku, "source_code": "default", "quantity": 0, "status": 0}]})  # fmt: skip
    again = assert_same(sandbox, by_price)[0]
    assert other.sku not in again and len(again) == len(listed) - 2
    sandbox.set_source_qty(other.sku, 50)
    assert other.sku in assert_same(sandbox, by_price)[0]


def test_the_http_answer_uses_the_index_and_sees_edits(api: Api, sandbox: Magento2Sandbox) -> None:
    params = criteria(
        [("updated_at", "2026-01-05 12:00:00", "gteq")],
        sort=[("updated_at", "ASC"), ("entity_id", "ASC")],
        pageSize=2,
    )
    first = api.ok("GET", "/rest/V1/products", params=params)
    tail = [p.sku for p in sandbox.world.catalog.products if p.updated_at >= "2026-01-05 12:00:00"]
    assert (skus(first), first["total_count"]) == (tail[:2], len(tail))
    sandbox.update_product(sandbox.world.catalog.products[0].sku, name="Moved")
    second = api.ok("GET", "/rest/V1/products", params=params)
    assert (skus(second), second["total_count"]) == (tail[:2], len(tail) + 1)
    moved = [*tail, sandbox.world.catalog.products[0].sku]
    last_page = -(-len(moved) // 2)
    paged = {**params, "searchCriteria[currentPage]": last_page, "fields": "items[sku],total_count"}
    last = api.ok("GET", "/rest/V1/products", params=paged)
    assert last == {"items": [{"sku": s} for s in moved[(last_page - 1) * 2 :]], "total_count": len(moved)}
