"""The Celery application.

Embedded: SQLite transport, one worker that also runs beat. At scale: Redis, N workers.
"""

from __future__ import annotations

import os
import sys

from celery import Celery
from celery.signals import before_task_publish
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aliexpress_magento.settings")

try:
    _ = settings.INSTALLED_APPS  # loads settings.py now, so a bad variable stops the worker in one line
except ImproperlyConfigured as exc:
    print(f"configuration error: {exc}", file=sys.stderr)
    raise SystemExit(2) from None

app = Celery("aliexpress_magento")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()  # each app's tasks.py


@before_task_publish.connect
def _record_queued_job(
    sender: str | None = None, headers: dict | None = None, body: object = None, **_: object
) -> None:
    """Write the job's JobRun row when it is queued, by beat or by hand.

    A Celery signal, not a Django one: publishing is the only moment that knows when beat meant the job
    to run, which the Cron Logs "Created At" / "Scheduled At" columns show.
    """
    from aliexpress_magento.jobs.runner import record_queued

    if sender and headers:
        # Message protocol 2: the body is (args, kwargs, embed); jobs take keyword arguments only.
        kwargs = body[1] if isinstance(body, tuple | list) and len(body) > 1 else {}
        record_queued(sender, headers, kwargs if isinstance(kwargs, dict) else {})
