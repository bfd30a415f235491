"""Feeds: ``aliexpress.solution.feed.submit`` / ``.query`` / ``.list.get``.

A job is QUEUEING for the first half of ``feed_delay_seconds``, PROCESSING for the second half (items
get results progressively), FINISH after. Results appear in ``result_list`` only once an item is done;
``result_list`` is left out while none is (as the TOP serializer omits empty lists).
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aliexpress_magento.sandbox.aliexpress.call import Call, JsonDict
from aliexpress_magento.sandbox.aliexpress.errors import invalid_parameter
from aliexpress_magento.sandbox.aliexpress.products import operations

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World

OPERATIONS = ("PRODUCT_CREATE", "PRODUCT_FULL_UPDATE", "PRODUCT_STOCKS_UPDATE", "PRODUCT_PRICES_UPDATE")
MAX_ITEMS = 2000
FIRST_JOB_ID = 200000000060024475  # the official sample's job id: above 2^53 on purpose


@dataclass
class FeedJob:
    job_id: int
    operation_type: str
    items: list[tuple[str, str]]  # (item_content_id, item_content)
    submitted_at: float
    delay: float
    results: list[str] = field(default_factory=list)  # item_execution_result JSON strings, in order
    invalidated: bool = False

    def status(self, now: float) -> str:
        if self.invalidated:
            return "FINISH"
        elapsed = now - self.submitted_at
        if elapsed >= self.delay:
            return "FINISH"
        return "QUEUEING" if elapsed < self.delay / 2 else "PROCESSING"

    def due(self, now: float) -> int:
        """How many items should have a result by ``now``."""
        status = self.status(now)
        if status == "FINISH":
            return len(self.results) if self.invalidated else len(self.items)
        if status == "QUEUEING":
            return 0
        share = (now - self.submitted_at - self.delay / 2) / (self.delay / 2)
        return min(len(self.items), math.floor(len(self.items) * share))


class FeedStore:
    def __init__(self) -> None:
        self.jobs: dict[int, FeedJob] = {}
        self.next_id = FIRST_JOB_ID

    def add(self, operation: str, items: list[tuple[str, str]], now: float, delay: float) -> FeedJob:
        job = FeedJob(self.next_id, operation, items, now, delay)
        self.jobs[job.job_id], self.next_id = job, self.next_id + 1
        return job

    def to_json(self) -> JsonDict:
        return {"next_id": self.next_id, "jobs": [dataclasses.asdict(j) for j in self.jobs.values()]}

    @classmethod
    def from_json(cls, raw: JsonDict) -> FeedStore:
        store = cls()
        store.next_id = int(raw["next_id"])
        for job in raw["jobs"]:
            job["items"] = [tuple(item) for item in job["items"]]
            store.jobs[int(job["job_id"])] = FeedJob(**job)
        return store


def advance(world: World, now: float) -> None:
    """Give results to every item that is due; called on each feed call and on ``tick``."""
    for job in world.feeds.jobs.values():
        while len(job.results) < job.due(now):
            _, content = job.items[len(job.results)]
            job.results.append(json.dumps(_execute(world, job.operation_type, content, now)))


def _execute(world: World, operation: str, content: str, now: float) -> JsonDict:
    try:
        parsed: Any = json.loads(content)
    except json.JSONDecodeError:
        return operations.failure(operations.SCHEMA_INVALID, "#: item_content is not valid JSON", content)
    if operation == "PRODUCT_CREATE":
        return operations.create(world.products, parsed, now)
    if operation == "PRODUCT_FULL_UPDATE":
        return operations.full_update(world.products, parsed, now)
    field_name = "inventory" if operation == "PRODUCT_STOCKS_UPDATE" else "price"
    return operations.update_skus(world.products, parsed, field_name, now)


def submit(world: World, call: Call) -> JsonDict:
    operation = call.required("operation_type")
    if operation not in OPERATIONS:
        raise invalid_parameter(f"operation_type must be one of {', '.join(OPERATIONS)}")
    items = _items(call.json("item_list"))
    job = world.feeds.add(operation, items, call.now, float(world.knobs.feed_delay_seconds))
    advance(world, call.now)
    return {"job_id": job.job_id}


def _items(raw: Any) -> list[tuple[str, str]]:
    if not isinstance(raw, list) or not raw:
        raise invalid_parameter("item_list must be a non-empty JSON array")
    if len(raw) > MAX_ITEMS:
        raise invalid_parameter(f"item_list holds {len(raw)} items; at most {MAX_ITEMS} are allowed")
    items = []
    for entry in raw:
        if not isinstance(entry, dict) or not entry.get("item_content_id") or "item_content" not in entry:
            raise invalid_parameter("each item needs item_content_id and item_content")
        content = entry["item_content"]
        items.append(
            (str(entry["item_content_id"]), content if isinstance(content, str) else json.dumps(content))
        )
    if len({content_id for content_id, _ in items}) != len(items):
        raise invalid_parameter("item_content_id must be unique within item_list")
    return items


def query(world: World, call: Call) -> JsonDict:
    advance(world, call.now)
    job = world.feeds.jobs.get(call.integer("job_id"))
    if job is None:
        raise invalid_parameter("job_id does not exist")
    done = [
        {"item_execution_result": r, "item_content_id": job.items[i][0]} for i, r in enumerate(job.results)
    ]
    body: JsonDict = {
        "job_id": job.job_id,
        "success_item_count": sum(json.loads(r).get("success") is True for r in job.results),
    }
    if done:
        body["result_list"] = {"single_item_response_dto": done}
    body["total_item_count"] = len(job.items)
    return body


def list_jobs(world: World, call: Call) -> JsonDict:
    advance(world, call.now)
    page, size = call.integer("current_page", 1), call.integer("page_size", 20)
    if page < 1 or not 1 <= size <= 50:
        raise invalid_parameter("current_page must be >= 1 and page_size between 1 and 50")
    jobs = [j for j in sorted(world.feeds.jobs.values(), key=lambda j: -j.job_id) if _matches(j, call)]
    chosen = jobs[(page - 1) * size : page * size]
    rows = [
        {"status": j.status(call.now), "operation_type": j.operation_type, "job_id": j.job_id} for j in chosen
    ]
    return {
        "current_page": page,
        "job_list": {"batch_operation_job_dto": rows},
        "page_size": size,
        "total_count": len(jobs),
        "total_page": math.ceil(len(jobs) / size),
    }


def _matches(job: FeedJob, call: Call) -> bool:
    feed_type, status = call.text("feed_type"), call.text("status")
    start, end = call.pacific("submitted_time_start"), call.pacific("submitted_time_end")
    return (
        (not feed_type or job.operation_type == feed_type)
        and (not status or job.status(call.now) == status)
        and (start is None or job.submitted_at >= start)
        and (end is None or job.submitted_at <= end)
    )


METHODS = {
    "aliexpress.solution.feed.submit": submit,
    "aliexpress.solution.feed.query": query,
    "aliexpress.solution.feed.list.get": list_jobs,
}
