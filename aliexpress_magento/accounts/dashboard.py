"""The admin index (dashboard): per account, connection status, token expiry, the last run of each
job, and the counts of the features that exist so far (empty states for the rest)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from aliexpress_magento.activity.models import ActivityLog, JobRun, Level
from aliexpress_magento.jobs import scheduling

from .models import Account
from .selectors import sees_everything, visible_accounts
from .services.tokens import refresh_token_expiring


@dataclass(frozen=True)
class Status:
    label: str
    level: str  # success / warning / error / info: the badge colour


def connection_status(account: Account, now: datetime | None = None) -> Status:
    now = now or timezone.now()
    if account.is_paused:
        return Status(f"Paused: {account.paused_reason}", "error")
    if not account.access_token:
        return Status("Not connected: click Get Code on the configuration page", "warning")
    if account.refresh_token_expires_at and account.refresh_token_expires_at <= now:
        return Status("Authorization expired: click Get Code again", "error")
    if not account.enabled:
        return Status("Connected, but disabled", "info")
    if refresh_token_expiring(account, now):
        return Status("Connected; authorization expires soon: click Get Code again", "warning")
    return Status("Connected", "success")


def token_state(account: Account) -> str:
    parts = []
    if account.access_token_expires_at:
        parts.append(f"access token expires {account.access_token_expires_at:%Y-%m-%d %H:%M:%S} UTC")
    if account.refresh_token_expires_at:
        parts.append(f"refresh token expires {account.refresh_token_expires_at:%Y-%m-%d %H:%M:%S} UTC")
    if account.seller_login:
        parts.append(f"seller {account.seller_login}")
    return "; ".join(parts) or "no expiry known"


@dataclass(frozen=True)
class JobLine:
    code: str
    title: str
    schedule: str
    last: JobRun | None
    runnable: bool = False  # built: Run now can queue it


def job_lines(account: Account) -> list[JobLine]:
    """Each scheduled job of the account: the built ones with their schedule, the others not built yet."""
    lines = []
    for schedule in scheduling.SCHEDULES:
        if not scheduling.is_built(schedule.job_code):
            lines.append(
                JobLine(schedule.job_code, schedule.title, "not available yet in this version", None)
            )
            continue
        every = f"every {schedule.minutes(account)} min" if schedule.enabled(account) else "off"
        last = _last_run(account, schedule.job_code)
        lines.append(JobLine(schedule.job_code, schedule.title, every, last, runnable=True))
    return lines


def _last_run(account: Account, code: str) -> JobRun | None:
    return JobRun.objects.filter(account=account, job_code=code).order_by("-created_at", "-id").first()


def account_card(account: Account, now: datetime) -> dict[str, Any]:
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return {
        "account": account,
        "url": reverse("admin:accounts_account_change", args=[account.pk]),
        "status": connection_status(account, now),
        "token": token_state(account) if account.access_token else "",
        "jobs": job_lines(account),
        "errors_today": ActivityLog.objects.filter(
            account=account, level=Level.ERROR, log_date__gte=today
        ).count(),
    }


def panel(request: HttpRequest) -> tuple[str, dict[str, Any]]:
    now = timezone.now()
    cards = [account_card(a, now) for a in visible_accounts(request.user)]
    can_add = request.user.has_perm("accounts.add_account")
    return "admin/accounts/dashboard_panel.html", {
        "cards": cards,
        # Run now changes what the account does: the same permission as its Configuration's buttons.
        "can_run": request.user.has_perm("accounts.change_account"),
        "add_url": reverse("admin:accounts_account_add") if can_add else "",
        "restricted": not sees_everything(request.user),
    }
