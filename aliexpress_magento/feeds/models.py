"""Feed submissions (DESIGN.md §4 ``Feed``): one row per ``aliexpress.solution.feed.submit``, one
``FeedItem`` per item sent in it, each with the result AliExpress gave it. The rows are the merchant's
record of what was sent (Developer → Api Feeds) and the durable source of the listing engine's
live / error states."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class FeedStatus(models.TextChoices):
    # Written before the call so a submission that never got its answer recorded is still visible.
    SUBMITTING = "submitting", "Submitting"
    SUBMITTED = "submitted", "Submitted"  # AliExpress answered a job id; no item result yet
    PROCESSING = "processing", "Processing"  # some items have their result
    FINISHED = "finished", "Finished"  # every item has its result
    EXPIRED = "expired", "Expired"  # still unfinished 24 h after the submission
    FAILED = "failed", "Failed"  # the submission itself failed (refused, or its outcome is unknown)


# The feeds sync still queries (or, for SUBMITTING, settles); Truncate and mass delete keep them.
UNFINISHED = (FeedStatus.SUBMITTING, FeedStatus.SUBMITTED, FeedStatus.PROCESSING)
AWAITING_RESULTS = (FeedStatus.SUBMITTED, FeedStatus.PROCESSING)


class Feed(models.Model):
    account = models.ForeignKey(
        "accounts.Account", verbose_name="Account", on_delete=models.CASCADE, related_name="feeds"
    )
    # AliExpress's ids pass 2^53 (the sample's 200000000060024475): a 64-bit integer, never a float.
    job_id = models.BigIntegerField("Job Id", null=True, blank=True)
    operation_type = models.CharField("Operation Type", max_length=32, db_index=True)
    status = models.CharField(
        "Status", max_length=12, choices=FeedStatus.choices, default=FeedStatus.SUBMITTING, db_index=True
    )
    item_count = models.PositiveIntegerField("Items", default=0)
    succeeded = models.PositiveIntegerField("Succeeded", default=0)
    failed = models.PositiveIntegerField("Failed", default=0)
    # False only when AliExpress certainly created no feed (it refused the call, or the call never left):
    # such a row does not count toward the ~150 feeds per operation type per 24 h.
    counts_toward_limit = models.BooleanField(default=True)
    created_at = models.DateTimeField("Created", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("Updated", default=timezone.now)
    finished_at = models.DateTimeField("Finished", null=True, blank=True)
    next_query_at = models.DateTimeField("Next query", null=True, blank=True)
    query_attempts = models.PositiveIntegerField("Queries", default=0)
    error = models.TextField("Error", blank=True)

    class Meta:
        verbose_name = "api feed"
        verbose_name_plural = "Api Feeds"
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("account", "job_id"),
                condition=models.Q(job_id__isnull=False),
                name="feeds_feed_job_id_unique_per_account",
            )
        ]
        indexes = [
            # The sync's question: this account's unfinished feeds whose next query is due.
            models.Index(fields=("account", "status", "next_query_at"), name="feeds_feed_due"),
            # The 24 h limit's count: this account's feeds of one operation type since a moment.
            models.Index(fields=("account", "operation_type", "created_at"), name="feeds_feed_window"),
        ]

    def __str__(self) -> str:
        job = self.job_id if self.job_id is not None else "no job id"
        return f"Feed {self.pk} ({self.operation_type}, {job})"

    @property
    def is_unfinished(self) -> bool:
        return self.status in UNFINISHED


class ItemStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class FeedItem(models.Model):
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    # Our own id of the item (the Magento SKU, a listing id…): AliExpress echoes it in the result.
    item_content_id = models.CharField("Item Content Id", max_length=255)
    item_content = models.JSONField("Item Content", default=dict)  # as sent
    status = models.CharField(
        "Status", max_length=10, choices=ItemStatus.choices, default=ItemStatus.PENDING, db_index=True
    )
    aliexpress_product_id = models.BigIntegerField("AliExpress Product Id", null=True, blank=True)
    error_code = models.CharField("Error Code", max_length=100, blank=True)
    error_message = models.TextField("Error Message", blank=True)
    result_at = models.DateTimeField("Result At", null=True, blank=True)

    class Meta:
        verbose_name = "feed item"
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("feed", "item_content_id"), name="feeds_item_unique_in_feed")
        ]

    def __str__(self) -> str:
        return f"{self.item_content_id} ({self.get_status_display()})"
