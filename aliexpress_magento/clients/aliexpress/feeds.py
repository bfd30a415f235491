"""Feeds area (fact sheet §5): submit, query, list, invalidate.

A feed is processed asynchronously: ``query`` returns the results known so far; the job is finished
when every item has one (``FeedJob.finished``), since ``result_list`` may be short or missing meanwhile.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from . import envelope
from .envelope import Json
from .errors import AliExpressError, item_error
from .gateway import Gateway
from .params import ParamValue, to_json

SUBMIT = "aliexpress.solution.feed.submit"
QUERY = "aliexpress.solution.feed.query"
LIST_GET = "aliexpress.solution.feed.list.get"
INVALIDATE = "aliexpress.solution.feed.invalidate"
MAX_ITEMS = 2000
# "The recommended number of feeds submitted for each operation_type every 24 hours should be less than
# 150, otherwise significant delay might be encountered" (fact sheet §5): per seller, rolling 24 h.
FEEDS_PER_DAY = 150
MAX_INVALIDATE = 100
OperationType = Literal[
    "PRODUCT_CREATE", "PRODUCT_FULL_UPDATE", "PRODUCT_STOCKS_UPDATE", "PRODUCT_PRICES_UPDATE"
]
FeedStatus = Literal["QUEUEING", "PROCESSING", "FINISH"]


@dataclass(frozen=True)
class FeedItem:
    """``item_content`` is the schema-format product instance (or stock/price update) as a mapping;
    the client encodes it as the JSON string the API wants."""

    item_content_id: str
    item_content: Mapping[str, ParamValue]


@dataclass(frozen=True)
class FeedItemResult:
    item_content_id: str
    success: bool
    product_id: int | None
    error: AliExpressError | None


@dataclass(frozen=True)
class FeedJob:
    job_id: int
    total_item_count: int
    success_item_count: int
    results: tuple[FeedItemResult, ...]

    @property
    def finished(self) -> bool:
        return len(self.results) >= self.total_item_count


@dataclass(frozen=True)
class FeedSummary:
    job_id: int
    operation_type: str
    status: str


@dataclass(frozen=True)
class FeedPage:
    jobs: tuple[FeedSummary, ...]
    current_page: int
    page_size: int
    total_count: int
    total_page: int


@dataclass(frozen=True)
class InvalidateResult:
    successful: tuple[int, ...]
    no_need: tuple[int, ...]
    failed: tuple[int, ...]


def parse_item_result(data: Json) -> FeedItemResult:
    """``item_execution_result`` is a JSON string: ``{"productId":…,"success":true}`` or, on failure,
    ``{"success":false,"errorCode":…,"errorMessage":…}``. ``success`` is inferred false when an error
    code is present and the flag is missing (its presence on failures is uncertain, §10.7)."""
    raw = envelope.json_text(data, "item_execution_result")
    result: Json = raw if isinstance(raw, Mapping) else {}
    success = envelope.flag(result, "success")
    if success is None:
        success = not envelope.text(result, "errorCode") and bool(result)
    return FeedItemResult(
        item_content_id=envelope.text(data, "item_content_id"),
        success=success,
        product_id=envelope.ident(result, "productId"),
        error=None if success else item_error(result),
    )


def parse_job(payload: Json) -> FeedJob:
    rows = envelope.items(payload, "result_list", "single_item_response_dto")
    return FeedJob(
        job_id=envelope.integer(payload, "job_id"),
        total_item_count=envelope.integer(payload, "total_item_count"),
        success_item_count=envelope.integer(payload, "success_item_count"),
        results=tuple(parse_item_result(row) for row in rows),
    )


def parse_feed_page(payload: Json) -> FeedPage:
    rows = envelope.items(payload, "job_list", "batch_operation_job_dto")
    jobs = tuple(
        FeedSummary(
            job_id=envelope.integer(row, "job_id"),
            operation_type=envelope.text(row, "operation_type"),
            status=envelope.text(row, "status"),
        )
        for row in rows
    )
    return FeedPage(
        jobs=jobs,
        current_page=envelope.integer(payload, "current_page"),
        page_size=envelope.integer(payload, "page_size"),
        total_count=envelope.integer(payload, "total_count"),
        total_page=envelope.integer(payload, "total_page"),
    )


def _id_list(data: Json, *keys: str) -> tuple[int, ...]:
    for key in keys:
        values = [envelope.to_int(v) for v in envelope.scalars(data, key)]
        if values:
            return tuple(v for v in values if v is not None)
    return ()


def parse_invalidate(payload: Json) -> InvalidateResult:
    """Two generations disagree (fact sheet §5): TOP puts ``successful_list`` / ``no_need_invalidation_list``
    / ``failed_list`` at the top; the IOP SDK puts ``invalid_successful_list`` / ``no_need_invalid_list`` /
    ``invalid_failed_list`` under ``result``. Both are read."""
    result = envelope.obj(payload, "result")
    data = result or payload
    return InvalidateResult(
        successful=_id_list(data, "invalid_successful_list", "successful_list"),
        no_need=_id_list(data, "no_need_invalid_list", "no_need_invalidation_list"),
        failed=_id_list(data, "invalid_failed_list", "failed_list"),
    )


class Feeds:
    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    def submit(self, operation_type: OperationType, items: Sequence[FeedItem]) -> int:
        """Returns the job id. Never re-sent after a possible delivery (a twin feed would double-post)."""
        if not 1 <= len(items) <= MAX_ITEMS:
            raise ValueError(f"a feed takes 1..{MAX_ITEMS} items, got {len(items)}")
        item_list: list[ParamValue] = [
            {"item_content_id": item.item_content_id, "item_content": to_json(item.item_content)}
            for item in items
        ]
        params: dict[str, ParamValue] = {"operation_type": operation_type, "item_list": item_list}
        return envelope.integer(self._gateway.call(SUBMIT, params, idempotent=False), "job_id")

    def query(self, job_id: int) -> FeedJob:
        return parse_job(self._gateway.call(QUERY, {"job_id": job_id}))

    def list_get(
        self,
        *,
        current_page: int = 1,
        page_size: int = 20,
        feed_type: OperationType | None = None,
        status: FeedStatus | None = None,
        submitted_time_start: datetime | None = None,
        submitted_time_end: datetime | None = None,
    ) -> FeedPage:
        params: dict[str, ParamValue] = {
            "current_page": current_page,
            "page_size": page_size,
            "feed_type": feed_type,
            "status": status,
            "submitted_time_start": _pacific(submitted_time_start),
            "submitted_time_end": _pacific(submitted_time_end),
        }
        return parse_feed_page(self._gateway.call(LIST_GET, params))

    def invalidate(self, job_ids: Sequence[int]) -> InvalidateResult:
        if not 1 <= len(job_ids) <= MAX_INVALIDATE:
            raise ValueError(f"invalidate takes 1..{MAX_INVALIDATE} job ids")
        # ";"-separated, not JSON (fact sheet §1.2).
        payload = self._gateway.call(INVALIDATE, {"job_id_list": ";".join(str(j) for j in job_ids)})
        return parse_invalidate(payload)


def _pacific(moment: datetime | None) -> str | None:
    return envelope.to_pacific_text(moment) if moment else None
