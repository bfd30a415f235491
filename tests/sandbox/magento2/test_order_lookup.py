"""Order lookups by an indexed column (``sales/lookup.py``) answer exactly what the plain scan answers."""

from __future__ import annotations

import random
from typing import Any

import pytest

from aliexpress_magento.sandbox.magento2 import results
from aliexpress_magento.sandbox.magento2.criteria import Filter, SearchCriteria, SortOrder
from aliexpress_magento.sandbox.magento2.sales import lookup


def _orders(n: int) -> list[dict[str, Any]]:
    rng = random.Random(5)
    rows: list[dict[str, Any]] = []
    for i in range(1, n + 1):
        row: dict[str, Any] = {"entity_id": i, "increment_id": f"{i:09d}", "status": rng.choice(["new", "x"])}
        row["quote_id"] = rng.choice([i + 10, None, float(i + 10), str(i + 10)])
        row["ext_order_id"] = rng.choice([f"81{i:06d}", f"AE-{i}".upper(), None, "", str(i)])
        rows.append(row)
    return rows


ROWS = _orders(300)
VALUES = ["81000007", "ae-7", "AE-7", "7", "7.0", "07", "17", "17.0", "", "x", "000000007", "1e1"]


def _answer(rows: list[dict[str, Any]], wanted: SearchCriteria) -> tuple[list[Any], int]:
    page = results.DICTS.run(rows, wanted)
    return [r["entity_id"] for r in page.items], page.total_count


@pytest.mark.parametrize("field", lookup.INDEXED)
@pytest.mark.parametrize("value", VALUES)
def test_a_lookup_answers_what_the_scan_answers(field: str, value: str) -> None:
    groups = [[Filter(field, value, "eq")], [Filter("status", "new", "eq")]]
    for wanted in (
        SearchCriteria([groups[0]], [], 1, None),
        SearchCriteria(groups, [SortOrder("entity_id", "DESC")], 5, 1, has_sort=True),
    ):
        narrowed = lookup.candidates(ROWS, wanted)
        assert _answer(narrowed, wanted) == _answer(ROWS, wanted)


def test_the_lookup_narrows_to_the_equal_rows_and_leaves_other_queries_whole() -> None:
    rows = [{"entity_id": 1, "ext_order_id": "AE-1"}, {"entity_id": 2, "ext_order_id": "AE-2"}]
    by_id = SearchCriteria([[Filter("ext_order_id", "ae-2", "eq")]], [], 1, None)
    assert lookup.candidates(rows, by_id) == [rows[1]]
    ored = SearchCriteria([[Filter("ext_order_id", "AE-2"), Filter("entity_id", "1")]], [], None, None)
    assert lookup.candidates(rows, ored) == rows  # an OR of two filters is not a lookup
    liked = SearchCriteria([[Filter("ext_order_id", "AE-%", "like")]], [], None, None)
    assert lookup.candidates(rows, liked) == rows
