"""Pure pieces of the feed flow: how items are split into feeds, how long to wait before the next
query, and what an item's result writes on its row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from aliexpress_magento.clients.aliexpress.feeds import MAX_ITEMS, FeedItemResult

T = TypeVar("T")

FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(minutes=30)


def feed_size(configured: int) -> int:
    """Items per feed: the account's Feed Size, within AliExpress's 1..2000."""
    return max(1, min(configured, MAX_ITEMS))


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def query_wait(queries_done: int) -> timedelta:
    """The wait before the next query of an unfinished feed: 30 s after the submission, doubling with
    each query that found it unfinished, at most 30 min (AliExpress documents no duration; minutes in
    practice, longer past 150 feeds a day)."""
    return min(FIRST_WAIT * 2 ** min(queries_done, 16), LONGEST_WAIT)


@dataclass(frozen=True)
class ResultFields:
    """What one item result writes on its FeedItem row."""

    succeeded: bool
    product_id: int | None
    error_code: str
    error_message: str


def result_fields(result: FeedItemResult) -> ResultFields:
    if result.success:
        return ResultFields(True, result.product_id, "", "")
    error = result.error
    code = error.code if error else ""
    message = (error.message or error.sub_message) if error else ""
    return ResultFields(False, result.product_id, code, message or "AliExpress gave no reason.")
