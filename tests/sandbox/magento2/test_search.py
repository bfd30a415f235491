"""searchCriteria on /V1/products: every condition type, groups, sorting, paging, fields — with the
semantics a real 2.4.7-p3 showed (FINDINGS.md)."""

from __future__ import annotations

from aliexpress_magento.sandbox.magento2 import Magento2Sandbox
from aliexpress_magento.sandbox.magento2.criteria import Filter
from aliexpress_magento.sandbox.magento2.search import like, matches
from tests.sandbox.magento2.conftest import Api, criteria, skus

GIFT = "GIFT/CARD-005"


def all_products(sandbox: Magento2Sandbox) -> list[str]:
    return [p.sku for p in sandbox.world.catalog.products]


def search(api: Api, *groups: list[tuple[str, str | None, str | None]], **extra: object) -> dict[str, object]:
    body: dict[str, object] = api.ok("GET", "/rest/V1/products", params=criteria(*groups, **extra))
    return body


def test_eq_is_case_insensitive_and_the_default_condition(api: Api) -> None:
    assert skus(search(api, [("sku", "gift/card-005", "eq")])) == [GIFT]
    body = search(api, [("sku", GIFT, None)])
    assert skus(body) == [GIFT]
    assert body["search_criteria"] == {
        "filter_groups": [{"filters": [{"field": "sku", "value": GIFT, "condition_type": "eq"}]}]
    }


def test_like_uses_sql_wildcards_without_wrapping(api: Api, sandbox: Magento2Sandbox) -> None:
    family = [s for s in all_products(sandbox) if s.startswith("CF-HOODIE-001-")]
    assert skus(search(api, [("sku", "cf-hoodie-001-%", "like")])) == family
    assert skus(search(api, [("sku", "CF-HOODIE-001", "like")])) == ["CF-HOODIE-001"]
    assert skus(search(api, [("sku", "GIFT/CARD-00_", "like")])) == [GIFT]
    rest = search(api, [("sku", "CF-%", "nlike")])
    assert rest["total_count"] == sum(1 for s in all_products(sandbox) if not s.startswith("CF-"))


def test_in_and_nin_split_on_commas_without_trimming(api: Api) -> None:
    assert skus(search(api, [("sku", f"{GIFT},CF-HOODIE-001,NOPE", "in")])) == ["CF-HOODIE-001", GIFT]
    assert skus(search(api, [("sku", f"CF-HOODIE-001, {GIFT}", "in")])) == ["CF-HOODIE-001"]
    body = search(api, [("sku", "CF-HOODIE-001-%", "like")], [("sku", "CF-HOODIE-001-GREY-L,NOPE", "nin")])
    assert "CF-HOODIE-001-GREY-L" not in skus(body)
    assert body["total_count"] == 3


def test_numeric_comparisons_and_from_to_groups(api: Api, sandbox: Magento2Sandbox) -> None:
    prices = {p.sku: p.price for p in sandbox.world.catalog.products}
    for condition, test in [
        ("gt", lambda v: v > 40),
        ("gteq", lambda v: v >= 40),
        ("lt", lambda v: v < 40),
        ("lteq", lambda v: v <= 40),
        ("neq", lambda v: v != 40),
        ("moreq", lambda v: v >= 40),
    ]:
        body = search(api, [("price", "40", condition)])
        assert sorted(skus(body)) == sorted(s for s, v in prices.items() if test(v)), condition
    ranged = search(api, [("price", "20", "from")], [("price", "30", "to")])
    assert sorted(skus(ranged)) == sorted(s for s, v in prices.items() if 20 <= v <= 30)


def test_dates_ignore_offsets_and_a_bare_date_is_midnight(api: Api, sandbox: Magento2Sandbox) -> None:
    third = sandbox.world.catalog.products[2]
    later = [p.sku for p in sandbox.world.catalog.products if p.updated_at >= third.updated_at]
    assert skus(search(api, [("updated_at", third.updated_at, "gteq")], pageSize=1000)) == later
    iso = third.updated_at.replace(" ", "T") + "Z"
    assert skus(search(api, [("updated_at", iso, "gteq")], pageSize=1000)) == later
    assert search(api, [("updated_at", iso[:-1] + "+02:00", "gteq")])["total_count"] == len(later)
    assert search(api, [("updated_at", "2026-01-05", "to")])["total_count"] == 0


def test_null_notnull_finset_nfinset(api: Api, sandbox: Magento2Sandbox) -> None:
    products = sandbox.world.catalog.products
    special = sorted(p.sku for p in products if p.special_price is not None)
    assert sorted(skus(search(api, [("special_price", None, "notnull")], pageSize=1000))) == special
    assert search(api, [("special_price", None, "null")])["total_count"] == len(products) - len(special)
    red = sorted(p.sku for p in products if p.option("color") == 4)
    assert sorted(skus(search(api, [("color", "4", "finset")], pageSize=1000))) == red
    assert search(api, [("color", "4", "nfinset")])["total_count"] == sum(
        1 for p in products if p.option("color") not in (4, None)
    )
    in_bags = sorted(p.sku for p in products if 10 in p.category_ids)
    assert sorted(skus(search(api, [("category_id", "10", "eq")], pageSize=1000))) == in_bags


def test_or_inside_a_group_and_across_groups(api: Api, sandbox: Magento2Sandbox) -> None:
    one_group = search(api, [("sku", GIFT, "eq"), ("type_id", "configurable", "eq")])
    configurables = [p.sku for p in sandbox.world.catalog.products if p.type_id == "configurable"]
    assert sorted(skus(one_group)) == sorted([GIFT, *configurables])
    two_groups = search(api, [("type_id", "configurable", "eq")], [("sku", "CF-HOODIE-%", "like")])
    assert skus(two_groups) == [s for s in configurables if s.startswith("CF-HOODIE-")]


def test_unknown_condition_acts_as_eq_and_unknown_field_is_refused(api: Api) -> None:
    assert skus(search(api, [("sku", GIFT, "between")])) == [GIFT]
    refused = api.get("/rest/V1/products", **criteria([("no_such_field", "1", "eq")]))
    assert refused.status_code == 400
    assert refused.json() == {
        "message": 'The "%1" attribute name is invalid. Reset the name and try again.',
        "parameters": ["no_such_field"],
    }


def test_sorting_by_price_follows_the_index_and_drops_unindexed(api: Api, sandbox: Magento2Sandbox) -> None:
    body = search(api, [("sku", "CF-HOODIE-001%", "like")], sort=[("price", "desc"), ("sku", "ASC")])
    family = [p for p in sandbox.world.catalog.products if p.sku.startswith("CF-HOODIE-001")]
    finals = {p.sku: p.special_price or p.price for p in family if sandbox.salable_qty(p.sku) > 0}
    finals["CF-HOODIE-001"] = min(finals.values())
    expected = sorted(finals, key=lambda s: (-finals[s], s))
    assert skus(body) == expected
    assert body["total_count"] == len(expected)
    by_name = search(api, [("sku", "SP-%", "like")], sort=[("name", "ASC")], pageSize=5)
    names = [i["name"] for i in by_name["items"]]
    assert names == sorted(names, key=str.lower)


def test_paging_past_the_end_and_current_page_alone(api: Api, sandbox: Magento2Sandbox) -> None:
    total = len(sandbox.world.catalog.products)
    beyond = search(api, pageSize=10, currentPage=999)
    assert beyond["items"] == [] and beyond["total_count"] == total
    assert beyond["search_criteria"] == {"filter_groups": [], "page_size": 10, "current_page": 999}
    first = search(api, pageSize=7)
    assert skus(first) == all_products(sandbox)[:7]
    third = search(api, pageSize=7, currentPage=3)
    assert skus(third) == all_products(sandbox)[14:21]
    assert len(search(api, currentPage=2)["items"]) == total


def test_camel_case_keys_and_fields_projection(api: Api) -> None:
    params = {
        "searchCriteria[filterGroups][0][filters][0][field]": "sku",
        "searchCriteria[filterGroups][0][filters][0][value]": "GIFT%",
        "searchCriteria[filterGroups][0][filters][0][conditionType]": "like",
        "fields": "items[sku,price],total_count",
    }
    body = api.ok("GET", "/rest/V1/products", params=params)
    assert body == {"items": [{"sku": GIFT, "price": body["items"][0]["price"]}], "total_count": 1}
    params["searchCriteria[filterGroups][0][filters][0][value]"] = "NOTHING%"
    assert api.ok("GET", "/rest/V1/products", params=params) == {"items": None, "total_count": 0}


def test_matching_rules_directly() -> None:
    assert like("LAB-CAP", "lab-ca_") and not like("LAB-CAP", "LAB")
    assert matches(None, Filter("x", None, "null")) and not matches(None, Filter("x", "1", "neq"))
    assert matches(["3", "5"], Filter("x", "5", "finset")) and not matches(["3"], Filter("x", "3", "nin"))
    assert matches("5628,5630", Filter("x", "5630", "finset"))
