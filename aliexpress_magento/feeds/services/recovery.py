"""Finding a submission whose answer was lost: the ``feed.submit`` call may have reached AliExpress (a
timeout or a cut-off answer after the request went out, or a worker killed before it wrote the job id),
so the feed may be queued there without our knowing its job id. Sending the items again could create
every product twice; failing them would leave them live on AliExpress and "error" here.

``look_up`` asks ``aliexpress.solution.feed.list.get`` for the jobs of the feed's operation type
submitted within :data:`WINDOW` of the row's ``created_at`` (either clock may be off a little), leaves out
the job ids another Feed row of the account holds, and queries the others. A job is ours only when its
results carry our ``item_content_id``s and no one else's (the ids are unique per account): a job
without results yet proves nothing, so the row waits for the next look. The answer:

- ``Found(job_id)``: attach it; the sync then queries it like any feed.
- ``NOT_FOUND``: no job of that type in the window at all (not even an unproven one).
- ``UNDECIDED``: some job may be ours but none is proven yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from aliexpress_magento.clients.aliexpress import AliExpressClient
from aliexpress_magento.clients.aliexpress.feeds import OperationType
from aliexpress_magento.feeds.models import Feed

WINDOW = timedelta(minutes=15)
PAGE_SIZE = 50  # the sandbox's maximum; the real one is not documented (unsure)
MAX_PAGES = 20  # 1,000 jobs of one type in half an hour is far past AliExpress's 150 a day


@dataclass(frozen=True)
class Found:
    job_id: int


NOT_FOUND = "not_found"
UNDECIDED = "undecided"
LookUp = Found | str


def look_up(client: AliExpressClient, feed: Feed, held: set[int]) -> LookUp:
    """Which AliExpress job (if any) is ``feed``'s; ``held``: the job ids the account's rows hold."""
    ours = set(feed.items.values_list("item_content_id", flat=True))
    candidates = [job for job in _jobs(client, feed) if job not in held]
    for job_id in candidates:
        results = {r.item_content_id for r in client.feeds.query(job_id).results}
        if results and results <= ours:
            return Found(job_id)
    return UNDECIDED if candidates else NOT_FOUND


def _jobs(client: AliExpressClient, feed: Feed) -> Iterator[int]:
    for page in range(1, MAX_PAGES + 1):
        listed = client.feeds.list_get(
            current_page=page,
            page_size=PAGE_SIZE,
            feed_type=cast(OperationType, feed.operation_type),
            submitted_time_start=feed.created_at - WINDOW,
            submitted_time_end=feed.created_at + WINDOW,
        )
        yield from (job.job_id for job in listed.jobs)
        if page >= listed.total_page:
            return
