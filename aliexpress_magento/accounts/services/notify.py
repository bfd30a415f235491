"""E-mail to the account's "Email Id to Receive Critical Notifications"."""

from __future__ import annotations

import logging

from django.core.mail import send_mail

from aliexpress_magento.accounts.models import Account

logger = logging.getLogger("aliexpress_magento.accounts")


def critical(account: Account, subject: str, body: str) -> bool:
    """Send when an address is set; a mail failure is logged, never raised: the job goes on."""
    if not account.notification_email:
        return False
    try:
        send_mail(
            f"[AliExpress connector] {account.name}: {subject}", body, None, [account.notification_email]
        )
    except Exception:
        logger.exception("could not e-mail %s about %s", account.notification_email, subject)
        return False
    return True
