"""Search-result envelopes: ``{"items", "search_criteria", "total_count"}``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from aliexpress_magento.sandbox.magento2.criteria import SearchCriteria
from aliexpress_magento.sandbox.magento2.search import Engine

T = TypeVar("T")
JsonDict = dict[str, Any]


def envelope(items: list[Any], criteria: SearchCriteria, total: int) -> JsonDict:
    return {"items": items, "search_criteria": criteria.echo(), "total_count": total}


def search(
    records: Sequence[T], criteria: SearchCriteria, engine: Engine[T], render: Callable[[T], Any]
) -> JsonDict:
    page = engine.run(records, criteria)
    return envelope([render(r) for r in page.items], criteria, page.total_count)


def dict_field(record: JsonDict, name: str) -> object:
    """Sales entities are stored as their JSON: a field is a key; an unknown one reads as NULL."""
    return record.get(name)


DICTS: Engine[JsonDict] = Engine(dict_field)
