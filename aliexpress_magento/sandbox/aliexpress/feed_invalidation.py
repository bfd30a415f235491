"""``aliexpress.solution.feed.invalidate``: cancel jobs that have not started.

The two generations name the answer differently (fact sheet §5, §10 q9): TOP metadata has
``successful_list`` / ``no_need_invalidation_list`` / ``failed_list``; the IOP SDK has
``result.{invalid_successful_list, no_need_invalid_list, invalid_failed_list, success}``. The sandbox
sends both, with number lists wrapped as ``{"number": [...]}`` (the TOP convention for ``Number[]``).
Items of an invalidated job get a failure result with the synthesized code ``JOB_INVALIDATED``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from aliexpress_magento.sandbox.aliexpress.call import Call, JsonDict
from aliexpress_magento.sandbox.aliexpress.errors import invalid_parameter
from aliexpress_magento.sandbox.aliexpress.feeds import advance
from aliexpress_magento.sandbox.aliexpress.products.handlers import id_list

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World

MAX_JOBS = 100
CANCELLED = json.dumps(
    {
        "success": False,
        "errorCode": "JOB_INVALIDATED",
        "errorMessage": "The job was invalidated before it was executed.",
    }
)


def invalidate(world: World, call: Call) -> JsonDict:
    advance(world, call.now)
    job_ids = id_list(call.required("job_id_list"), ";,")
    if len(job_ids) > MAX_JOBS:
        raise invalid_parameter(f"at most {MAX_JOBS} job ids per call")
    done, not_needed, failed = [], [], []
    for job_id in job_ids:
        job = world.feeds.jobs.get(job_id)
        if job is None:
            failed.append(job_id)
        elif job.status(call.now) != "QUEUEING" or job.invalidated:
            not_needed.append(job_id)
        else:
            job.invalidated = True
            job.results = [CANCELLED] * len(job.items)
            done.append(job_id)
    return {
        "successful_list": {"number": done},
        "no_need_invalidation_list": {"number": not_needed},
        "failed_list": {"number": failed},
        "result": {
            "invalid_successful_list": {"number": done},
            "no_need_invalid_list": {"number": not_needed},
            "invalid_failed_list": {"number": failed},
            "success": not failed,
            "error_code": "",
            "error_message": "",
        },
    }


METHODS = {"aliexpress.solution.feed.invalidate": invalidate}
