"""searchCriteria builder → exact query strings; paging stops on total_count."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import unquote

import httpx
import pytest

from aliexpress_magento.clients.magento2 import BearerAuth, Filter, Magento2Client, SearchCriteria
from aliexpress_magento.clients.magento2.search import CONDITIONS

BASE = "https://shop.test"


def query(criteria: SearchCriteria, page: int | None = None) -> str:
    """The decoded query string, as Magento's router reads it."""
    return unquote(str(httpx.QueryParams(criteria.params(page))))


def test_an_empty_criteria_still_sends_the_required_parameter() -> None:
    assert SearchCriteria().params() == [("searchCriteria", "")]


def test_where_adds_one_and_group_per_condition() -> None:
    criteria = SearchCriteria().where("type_id", "simple").where("price", 40, "gteq")
    assert query(criteria) == (
        "searchCriteria[filterGroups][0][filters][0][field]=type_id"
        "&searchCriteria[filterGroups][0][filters][0][value]=simple"
        "&searchCriteria[filterGroups][0][filters][0][conditionType]=eq"
        "&searchCriteria[filterGroups][1][filters][0][field]=price"
        "&searchCriteria[filterGroups][1][filters][0][value]=40"
        "&searchCriteria[filterGroups][1][filters][0][conditionType]=gteq"
    )


def test_any_of_ors_filters_inside_one_group_then_sort_page_size_and_page() -> None:
    criteria = (
        SearchCriteria()
        .any_of(Filter("sku", "LAB-CAP"), Filter("type_id", "configurable"))
        .order_by("price", "DESC")
        .order_by("sku")
        .limit(50)
    )
    assert query(criteria, page=3) == (
        "searchCriteria[filterGroups][0][filters][0][field]=sku"
        "&searchCriteria[filterGroups][0][filters][0][value]=LAB-CAP"
        "&searchCriteria[filterGroups][0][filters][0][conditionType]=eq"
        "&searchCriteria[filterGroups][0][filters][1][field]=type_id"
        "&searchCriteria[filterGroups][0][filters][1][value]=configurable"
        "&searchCriteria[filterGroups][0][filters][1][conditionType]=eq"
        "&searchCriteria[sortOrders][0][field]=price"
        "&searchCriteria[sortOrders][0][direction]=DESC"
        "&searchCriteria[sortOrders][1][field]=sku"
        "&searchCriteria[sortOrders][1][direction]=ASC"
        "&searchCriteria[pageSize]=50"
        "&searchCriteria[currentPage]=3"
    )


def test_the_like_wildcard_is_percent_encoded_on_the_wire() -> None:
    criteria = SearchCriteria().where("sku", "LAB-%", "like")
    assert str(httpx.QueryParams(criteria.params())).endswith(
        "%5Bvalue%5D=LAB-%25&"
        + ("searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5BconditionType%5D=like")
    )


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        (["LAB-CAP", "LAB-OOS"], "LAB-CAP,LAB-OOS"),  # no space: Magento does not trim
        ((4, 5), "4,5"),
        (datetime(2026, 11, 28, 6, 22, 53, tzinfo=timezone(timedelta(hours=2))), "2026-11-28 04:22:53"),
        (datetime(2026, 11, 28, 4, 22, 53, tzinfo=UTC), "2026-11-28 04:22:53"),
        (29.99, "29.99"),
    ],
)
def test_values_become_magento_strings(value: Any, wire: str) -> None:
    assert SearchCriteria().where("f", value, "in").params()[1] == (
        "searchCriteria[filterGroups][0][filters][0][value]",
        wire,
    )


def test_null_and_notnull_send_no_value() -> None:
    assert SearchCriteria().where("special_price", condition="notnull").params() == [
        ("searchCriteria[filterGroups][0][filters][0][field]", "special_price"),
        ("searchCriteria[filterGroups][0][filters][0][conditionType]", "notnull"),
    ]


def test_every_documented_condition_type_is_accepted_and_others_refused() -> None:
    assert sorted(CONDITIONS) == sorted(
        [
            "eq",
            "neq",
            "gt",
            "gteq",
            "lt",
            "lteq",
            "moreq",
            "from",
            "to",
            "like",
            "nlike",
            "in",
            "nin",
            "null",
            "notnull",
            "finset",
            "nfinset",
        ]
    )
    for condition in CONDITIONS:
        assert SearchCriteria().where("f", "1", condition).params()[-1][1] == condition  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown condition_type 'between'"):
        Filter("price", "1", "between")  # type: ignore[arg-type]


def test_the_builder_is_immutable() -> None:
    base = SearchCriteria().where("status", 1)
    narrowed = base.where("type_id", "simple")
    assert (len(base.groups), len(narrowed.groups)) == (1, 2)


class PagedApi:
    """Answers ``GET /V1/products`` from ``total`` items; ``repeat_last`` plays an older release that
    answers the last page again for any page past the end."""

    def __init__(self, total: int, *, repeat_last: bool) -> None:
        self.total = total
        self.repeat_last = repeat_last
        self.pages_asked: list[int] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        size = int(request.url.params["searchCriteria[pageSize]"])
        page = int(request.url.params["searchCriteria[currentPage]"])
        self.pages_asked.append(page)
        last = max(1, -(-self.total // size))
        shown = min(page, last) if self.repeat_last else page
        skus = [f"SKU-{i}" for i in range((shown - 1) * size, min(shown * size, self.total))]
        body = {"items": [{"sku": s} for s in skus], "search_criteria": {}, "total_count": self.total}
        return httpx.Response(200, content=json.dumps(body).encode())


@pytest.mark.parametrize("repeat_last", [True, False])
def test_paging_stops_on_total_count_even_when_a_page_past_the_end_is_not_empty(repeat_last: bool) -> None:
    api = PagedApi(total=5, repeat_last=repeat_last)
    client = Magento2Client(BASE, auth=BearerAuth("t"), transport=httpx.MockTransport(api))
    pager = client.products.search(SearchCriteria().limit(2))
    pages = [[item["sku"] for item in page.items] for page in pager.pages()]
    assert pages == [["SKU-0", "SKU-1"], ["SKU-2", "SKU-3"], ["SKU-4"]]
    assert api.pages_asked == [1, 2, 3]


def test_an_exact_multiple_of_the_page_size_asks_no_extra_page() -> None:
    api = PagedApi(total=4, repeat_last=True)
    client = Magento2Client(BASE, auth=BearerAuth("t"), transport=httpx.MockTransport(api))
    assert len(list(client.products.search(SearchCriteria().limit(2)).items())) == 4
    assert api.pages_asked == [1, 2]


def test_paging_streams_one_page_at_a_time() -> None:
    api = PagedApi(total=6, repeat_last=False)
    client = Magento2Client(BASE, auth=BearerAuth("t"), transport=httpx.MockTransport(api))
    items = client.products.search(SearchCriteria().limit(2)).items()
    assert next(items)["sku"] == "SKU-0"
    assert api.pages_asked == [1]


def test_an_empty_result_is_one_call() -> None:
    api = PagedApi(total=0, repeat_last=False)
    client = Magento2Client(BASE, auth=BearerAuth("t"), transport=httpx.MockTransport(api))
    assert list(client.products.search(SearchCriteria()).items()) == []
    assert api.pages_asked == [1]
