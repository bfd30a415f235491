"""A job queued through a real Celery worker process (not eager mode) leaves a JobRun.

On the embedded defaults the broker is kombu's SQLite transport; when CELERY_BROKER_URL names a real
broker (the PostgreSQL + Redis pass of .ci/run) the same test runs on it, on a queue of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.conf import settings

from aliexpress_magento.activity.models import ActivityLog, JobRun
from aliexpress_magento.activity.tasks import purge_old_logs
from aliexpress_magento.celery import app as celery_app
from tests.support.database import database_url

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker_url(tmp_path: Path) -> str:
    if settings.CELERY_BROKER_URL.startswith("sqla+sqlite"):
        return f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"  # not the developer's own broker file
    return str(settings.CELERY_BROKER_URL)


@pytest.fixture
def worker(broker_url: str, tmp_path: Path) -> Iterator[str]:
    """Start `celery worker` on a fresh queue; yield the queue name; stop it."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": broker_url}
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "aliexpress_magento.celery",
            "worker",
            "--concurrency",
            "1",
            "--queues",
            queue,
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    celery_app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        print((tmp_path / "worker.log").read_text())  # shown by pytest only when the test fails


def _wait_for(probe: Callable[[], T | None], seconds: float) -> T | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = probe()
        if found is not None:
            return found
        time.sleep(0.25)
    return None


def test_a_queued_job_runs_on_a_real_worker_and_leaves_its_jobrun(worker: str, broker_url: str) -> None:
    with celery_app.connection_for_write(broker_url) as conn:
        result: Any = purge_old_logs.apply_async(queue=worker, connection=conn)

    queued = JobRun.objects.get(task_id=result.id)  # written at publish time, before any worker saw it
    assert (queued.job_code, queued.status) == ("activity.purge_old_logs", "pending")

    run = _wait_for(lambda: JobRun.objects.filter(task_id=result.id, finished_at__isnull=False).first(), 90)

    assert run is not None, "the worker did not finish the job within 90 s"
    assert run.pk == queued.pk
    assert run.status == "success"
    assert run.created_at <= run.scheduled_at <= run.executed_at <= run.finished_at
    assert run.messages.startswith(f"Kept the last {settings.LOG_RETENTION_DAYS} days")
    assert ActivityLog.objects.filter(log_sub_type="activity.purge_old_logs").count() == 1
