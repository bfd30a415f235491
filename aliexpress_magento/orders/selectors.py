"""Read-only questions about an account's orders (and the catalog mirror's configurable parents)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import JobRun, JobStatus
from aliexpress_magento.catalog.models import CatalogProduct
from aliexpress_magento.jobs import locks

from .models import AliExpressOrder, ImportStatus, OrderFetchState

DEFAULT_BACKFILL_DAYS = 7

MAX_ATTEMPTS = 3  # automatic attempts; then the order stays failed until someone acts (M2E's rule)
# Never tried, or interrupted mid-attempt: due at once (a failed order is due when its retry is).
PENDING = (ImportStatus.NEW, ImportStatus.CREATING)


def due_for_import(account: Account, now: datetime) -> QuerySet[AliExpressOrder]:
    """The account's orders a run tries: never tried, interrupted mid-attempt, or failed with a retry due.
    Oldest first, so a backlog is worked in the buyers' order."""
    retry_due = Q(status=ImportStatus.FAILED, attempts__lt=MAX_ATTEMPTS, next_retry_at__lte=now)
    pending = Q(status__in=PENDING)
    return AliExpressOrder.objects.filter(pending | retry_due, account=account).order_by(
        "aliexpress_created_at", "id"
    )


def parent_skus(account: Account, skus: Iterable[str]) -> dict[str, str]:
    """A configurable child's SKU → its parent's, from the catalog mirror (empty where it has none or
    the mirror does not know the SKU): Magento 2 orders a child through its parent."""
    rows = CatalogProduct.objects.filter(
        account=account, sku__in=list(skus), parent__isnull=False, removed_at__isnull=True
    ).values_list("sku", "parent__sku")
    return dict(rows)


# --- The console's questions -------------------------------------------------------------------------

FETCH_JOB = "orders.fetch"
# The jobs that read or import one account's orders under FETCH_JOB's lock: the panel is busy while one
# of them is queued.
PANEL_JOBS = (FETCH_JOB, "orders.fetch_one", "orders.import")
# A queued run older than this is taken as lost (a broker emptied): it must not block the button for good.
QUEUED_FOR_AT_MOST = timedelta(minutes=15)
UNSHIPPED = ("WAIT_SELLER_SEND_GOODS", "SELLER_PART_SEND_GOODS")


@dataclass(frozen=True)
class FetchStatus:
    phase: str  # "fetching", "importing", or "" when no run is writing
    done: int
    imported: int  # while fetching: orders imported beside the read
    total: int | None
    started_at: datetime | None
    finished_at: datetime | None
    message: str  # the last run's outcome in words
    queued: bool  # a run of PANEL_JOBS is queued and no worker has started it yet
    running: bool  # a worker holds the account's orders.fetch lock
    last_fetch_at: datetime | None
    backfill_days: int

    @property
    def busy(self) -> bool:
        return self.queued or self.running

    @property
    def text(self) -> str:
        if self.phase and not self.running:
            return "Interrupted: the last run stopped before its end; see Cron Logs."
        if self.phase == "fetching":
            imported = f", {self.imported:,} imported" if self.imported else ""
            return f"Fetching: {self.done:,} orders read{imported}"
        if self.phase == "importing":
            return f"Importing: {self.done:,} of {self.total or 0:,} orders"
        if self.running:
            return "Running: an order run of this account is under way"
        if self.queued:
            return "Queued: waiting for a worker to start the run"
        return self.message or "Not fetched yet."


def fetch_status(account: Account) -> FetchStatus:
    state = OrderFetchState.objects.filter(account=account).first()
    since = timezone.now() - QUEUED_FOR_AT_MOST
    queued = JobRun.objects.filter(
        account=account, job_code__in=PANEL_JOBS, status=JobStatus.PENDING, created_at__gte=since
    ).exists()
    return FetchStatus(
        phase=state.run_phase if state else "",
        done=state.run_done if state else 0,
        imported=state.run_imported if state else 0,
        total=state.run_total if state else None,
        started_at=state.run_started_at if state else None,
        finished_at=state.run_finished_at if state else None,
        message=state.run_message if state else "",
        queued=queued,
        running=locks.holds(account.pk, FETCH_JOB),
        last_fetch_at=state.last_fetch_at if state else None,
        backfill_days=state.backfill_days if state else DEFAULT_BACKFILL_DAYS,
    )


def failed(rows: QuerySet[AliExpressOrder]) -> QuerySet[AliExpressOrder]:
    return rows.filter(status=ImportStatus.FAILED)


def oldest_unshipped(account_ids: list[int]) -> dict[int, AliExpressOrder]:
    """Per account, its oldest imported order AliExpress still waits to see shipped (by creation on
    AliExpress): two queries whatever the number of accounts."""
    oldest = AliExpressOrder.objects.filter(
        account_id=OuterRef("pk"), status=ImportStatus.IMPORTED, aliexpress_status__in=UNSHIPPED
    ).order_by("aliexpress_created_at", "id")
    pairs = Account.objects.filter(pk__in=account_ids).annotate(oldest=Subquery(oldest.values("pk")[:1]))
    ids = {order_id: account_id for account_id, order_id in pairs.values_list("pk", "oldest") if order_id}
    return {ids[pk]: order for pk, order in AliExpressOrder.objects.in_bulk(list(ids)).items()}


def counts(account_ids: list[int], since: datetime) -> dict[int, tuple[int, int]]:
    """Per account: (orders created on AliExpress since ``since``, failed orders), in one query."""
    rows = (
        AliExpressOrder.objects.filter(account_id__in=account_ids)
        .order_by()
        .values("account_id")
        .annotate(
            today=Count("pk", filter=Q(aliexpress_created_at__gte=since)),
            failed=Count("pk", filter=Q(status=ImportStatus.FAILED)),
        )
    )
    return {row["account_id"]: (row["today"], row["failed"]) for row in rows}


def live_skus(account: Account, skus: Iterable[str]) -> set[str]:
    """Which of ``skus`` are live products of the catalog mirror."""
    rows = CatalogProduct.objects.filter(account=account, sku__in=list(skus), removed_at__isnull=True)
    return set(rows.values_list("sku", flat=True))


def skus_by_attribute(account: Account, code: str, values: Iterable[str]) -> dict[str, list[str]]:
    """Each value → the SKUs of the mirror's live products whose attribute ``code`` holds it (the
    Alternate SKU Attribute). ``code`` is a validated attribute code (accounts.forms.ATTRIBUTE_CODE)."""
    wanted = set(values)
    found: dict[str, list[str]] = {}
    rows = CatalogProduct.objects.filter(
        account=account, removed_at__isnull=True, **{f"attributes__{code}__in": list(wanted)}
    ).values_list("sku", f"attributes__{code}")
    for sku, value in rows.order_by("sku"):
        if value in wanted:
            found.setdefault(str(value), []).append(sku)
    return found
