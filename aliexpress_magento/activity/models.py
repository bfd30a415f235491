"""The manual's two developer logs: Activity Logs (§7.3) and Cron Logs (§7.2)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


def account_field() -> models.ForeignKey:
    """The account a log row is about; the row stays (with no account) when the account is deleted."""
    return models.ForeignKey(
        "accounts.Account",
        verbose_name="Account",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class Level(models.TextChoices):
    INFO = "info", "Info"
    SUCCESS = "success", "Success"
    WARNING = "warning", "Warning"
    ERROR = "error", "Error"


class ActivityLog(models.Model):
    """One thing the connector did or met, in words a merchant can read."""

    level = models.CharField(max_length=10, choices=Level.choices, default=Level.INFO, db_index=True)
    log_type = models.CharField("Log Type", max_length=40, db_index=True)
    log_sub_type = models.CharField("Log Sub Type", max_length=100, blank=True, db_index=True)
    log_date = models.DateTimeField("Log Date", default=timezone.now, db_index=True)
    comment = models.TextField("Log Comment")
    account = account_field()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    related_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    related_id = models.CharField(max_length=64, blank=True)
    # Kept as text too, so the entry still says what it was about after the object is deleted.
    related_repr = models.CharField("Related Object", max_length=200, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    class Meta:
        verbose_name = "activity log entry"
        verbose_name_plural = "Activity Logs"
        ordering = ("-log_date", "-id")
        indexes = [models.Index(fields=("related_type", "related_id"))]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.log_type}/{self.log_sub_type}: {self.comment[:80]}"


class JobStatus(models.TextChoices):
    # Magento's cron_schedule statuses, which the manual's Cron Logs grid shows.
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    SUCCESS = "success", "Success"
    ERROR = "error", "Error"
    MISSED = "missed", "Missed"


class JobRun(models.Model):
    """One run of a scheduled or manual job: a row of the Cron Logs grid."""

    job_code = models.CharField("Job Code", max_length=100, db_index=True)
    account = account_field()
    status = models.CharField(
        max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING, db_index=True
    )
    messages = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField("Created At", default=timezone.now, db_index=True)
    scheduled_at = models.DateTimeField("Scheduled At", null=True, blank=True)
    executed_at = models.DateTimeField("Executed At", null=True, blank=True)
    finished_at = models.DateTimeField("Finished At", null=True, blank=True)

    class Meta:
        verbose_name = "cron log entry"
        verbose_name_plural = "Cron Logs"
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.job_code} #{self.pk} ({self.status})"
