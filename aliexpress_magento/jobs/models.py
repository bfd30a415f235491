"""The rows behind ``locks.account_lock``."""

from __future__ import annotations

from django.db import models

from aliexpress_magento.accounts.models import Account


class JobLock(models.Model):
    """One held lock of one account: the unique constraint is what makes a second holder fail."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="job_locks")
    name = models.CharField(max_length=100)
    owner = models.CharField(max_length=64)  # a token per holder: only it may beat or release
    acquired_at = models.DateTimeField()
    heartbeat_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=("account", "name"), name="one_lock_per_account_name")]

    def __str__(self) -> str:
        return f"{self.name} of account {self.account_id} since {self.acquired_at:%Y-%m-%d %H:%M:%S}"
