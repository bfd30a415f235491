"""Reads of the catalog mirror for the pages: the mapping pages' attributes and categories, and the
Refresh catalog panel's progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.catalog.models import CatalogAttribute, CatalogCategory, CatalogState
from aliexpress_magento.jobs import locks

REFRESH_JOB = "catalog.refresh"
# A queued run older than this is taken as lost (a broker emptied, no worker ever started): it must not
# block the button for good. The job lock's own staleness (15 minutes) covers a run that died running.
QUEUED_FOR_AT_MOST = timedelta(minutes=15)


def attributes(account: Account) -> QuerySet[CatalogAttribute]:
    """The account's Magento attributes, by label."""
    return CatalogAttribute.objects.filter(account=account).order_by("label", "code")


def attribute(account: Account, code: str) -> CatalogAttribute | None:
    return CatalogAttribute.objects.filter(account=account, code=code).first()


def categories(account: Account) -> QuerySet[CatalogCategory]:
    """The account's Magento categories, by path (so a parent comes right before its children)."""
    return CatalogCategory.objects.filter(account=account).order_by("path", "category_id")


@dataclass(frozen=True)
class RefreshStatus:
    phase: str  # "products", "stock", "taxonomy", or "" when no refresh is writing
    done: int
    total: int | None
    started_at: datetime | None
    finished_at: datetime | None
    message: str
    queued: bool  # a run is queued and no worker has started it yet
    running: bool  # a worker holds the account's refresh lock

    @property
    def busy(self) -> bool:
        """Whether a refresh is queued or under way: the button then does not queue another."""
        return self.queued or self.running

    @property
    def text(self) -> str:
        """The progress in words, as the panel shows it."""
        if self.phase and not self.running:
            # A worker killed mid-run cannot say so: its phase stays, its lock is gone (or went stale).
            return f"Interrupted ({self._phase_text()}): the refresh stopped before its end; see Cron Logs."
        if self.phase:
            return self._phase_text()
        if self.queued:
            return "Queued: waiting for a worker to start the refresh"
        return self.message or "Not refreshed yet."

    def _phase_text(self) -> str:
        if self.phase == "products":
            return f"Reading products: {self.done:,} read"
        if self.phase == "stock":
            return f"Checking stock: {self.done:,} of {self.total or 0:,} SKUs"
        return "Reading attributes and categories"


def refresh_status(account: Account) -> RefreshStatus:
    state = CatalogState.objects.filter(account=account).first()
    return RefreshStatus(
        phase=state.refresh_phase if state else "",
        done=state.refresh_done if state else 0,
        total=state.refresh_total if state else None,
        started_at=state.refresh_started_at if state else None,
        finished_at=state.refresh_finished_at if state else None,
        message=state.refresh_message if state else "",
        queued=_queued(account),
        running=locks.holds(account.pk, REFRESH_JOB),
    )


def _queued(account: Account) -> bool:
    since = timezone.now() - QUEUED_FOR_AT_MOST
    runs = JobRun.objects.filter(account=account, job_code=REFRESH_JOB, status=JobStatus.PENDING)
    return runs.filter(created_at__gte=since).exists()
