"""E-mail about orders (the manual's *Email Notification*: "for any new order created, the admin is
informed via an email"), to the account's *Email Id to Receive Critical Notifications*:

- one e-mail per Magento order created from an AliExpress order;
- one digest per run of the orders that failed since the last digest.

Sent after the run's writes commit (``transaction.on_commit``), so a mail never tells of a row a rollback
took back. Each order is claimed before its mail goes out by a conditional update of its
``notified_at`` / ``failure_notified_at`` (set only where still empty): two runs, or a retry of the same
run, never send the same order twice. A failed send is logged and releases the claim (the next run tries
again); it never stops the import. A process killed between the claim and the send loses that one mail
(at most once, by choice). Without a notification address the orders are marked handled, not mailed, so
setting an address later does not send a burst of old news.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.services import notify
from aliexpress_magento.orders.models import AliExpressOrder, ImportStatus

logger = logging.getLogger("aliexpress_magento.orders")


def after_commit(account: Account) -> None:
    """Queue this run's e-mails for when its transaction commits (at once in autocommit)."""
    transaction.on_commit(lambda: send_pending(account))


def after_created(account: Account, claim: AliExpressOrder) -> None:
    """The e-mail of one order just created, sent after commit (at once in autocommit): a long run
    mails as it goes rather than all at its end (``after_commit`` still sweeps what is left)."""
    transaction.on_commit(lambda: _new_order(account, claim, timezone.now()))


def send_pending(account: Account, now: datetime | None = None) -> tuple[int, int]:
    """(new-order e-mails sent, failures in the digest sent)."""
    now = now or timezone.now()
    account.refresh_from_db(fields=["notification_email"])
    sent = sum(_new_order(account, claim, now) for claim in _claimable(account, "notified_at"))
    return sent, _digest(account, now)


# Rows loaded at a time: a run of 10,000 new orders must not hold every order's payloads at once.
CHUNK = 200


def _claimable(account: Account, flag: str, *fields: str) -> Iterator[AliExpressOrder]:
    """The orders not yet mailed about, oldest first, read ``CHUNK`` rows at a time (their ids first:
    the rows are written while they are read); only ``fields`` when given."""
    status = ImportStatus.IMPORTED if flag == "notified_at" else ImportStatus.FAILED
    rows = AliExpressOrder.objects.filter(account=account, status=status, **{f"{flag}__isnull": True})
    ids = list(rows.order_by("aliexpress_created_at", "id").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = (AliExpressOrder.objects.only(*fields) if fields else AliExpressOrder.objects).in_bulk(chunk)
        yield from (found[pk] for pk in chunk if pk in found)


def _claim(ids: Sequence[int], flag: str, now: datetime) -> list[int]:
    """The ids among ``ids`` this process claimed (their flag was still empty)."""
    won = []
    for pk in ids:
        if AliExpressOrder.objects.filter(pk=pk, **{f"{flag}__isnull": True}).update(**{flag: now}):
            won.append(pk)
    return won


def _release(ids: Sequence[int], flag: str) -> None:
    AliExpressOrder.objects.filter(pk__in=ids).update(**{flag: None})


def _new_order(account: Account, claim: AliExpressOrder, now: datetime) -> int:
    if not _claim([claim.pk], "notified_at", now):
        return 0
    if not account.notification_email:
        return 0
    subject = f"New order {claim.magento_order_number} (AliExpress order {claim.aliexpress_order_id})"
    if notify.critical(account, subject, new_order_body(claim)):
        return 1
    _release([claim.pk], "notified_at")
    logger.warning("new-order e-mail of %s not sent; the next run tries again", claim)
    return 0


def new_order_body(claim: AliExpressOrder) -> str:
    lines = [
        f"AliExpress order {claim.aliexpress_order_id} was created in Magento as order "
        f"{claim.magento_order_number}.",
        "",
        f"Buyer: {claim.buyer_name or claim.buyer_login_id} ({claim.buyer_login_id})",
        f"AliExpress total: {claim.aliexpress_total} {claim.aliexpress_currency}",
        f"Magento total: {claim.magento_grand_total} {claim.magento_currency}",
    ]
    if claim.totals_mismatch:
        lines.append("The totals differ: see the comment on the Magento order.")
    lines += ["", "Items:"]
    for child in claim.detail_payload.get("child_order_list", {}).get("global_aeop_tp_child_order_dto", []):
        lines.append(f"- {child.get('product_count')} x {child.get('sku_code')} {child.get('product_name')}")
    return "\n".join(lines) + "\n"


def _digest(account: Account, now: datetime) -> int:
    reasons = ("aliexpress_order_id", "attempts", "failure_reason")  # not the payloads
    failed = {c.pk: c for c in _claimable(account, "failure_notified_at", *reasons)}
    won = _claim(list(failed), "failure_notified_at", now)
    if not won or not account.notification_email:
        return 0
    rows = [failed[pk] for pk in won]
    body = "These AliExpress orders could not be created in Magento:\n\n" + "".join(
        f"- {c.aliexpress_order_id} (attempt {c.attempts}): {c.failure_reason}\n" for c in rows
    )
    body += "\nThey are retried automatically (3 attempts, 15 minutes apart); see Failed Orders.\n"
    if notify.critical(account, f"{len(rows)} AliExpress order(s) failed", body):
        return len(rows)
    _release(won, "failure_notified_at")
    logger.warning("failure digest of %s order(s) not sent; the next run tries again", len(rows))
    return 0
