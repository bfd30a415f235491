"""What a merchant does to failed orders (the grids' actions call these; each writes the Activity Log).

Mark handled and Delete take the account's ``orders.fetch`` lock for the moment they write: a run
importing the account holds the rows it is working on, and must not find one gone or handled under it.

Delete forgets an order: its claim row and its attempts go. The next fetch that lists the order again
(AliExpress changed it, or Fetch one order by id) claims it anew and imports it; the Magento order an
earlier attempt may have made is then found by its external id (the AliExpress order id, which the
Store looks up before it places anything) and linked, never created a second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import Level
from aliexpress_magento.activity.services import record
from aliexpress_magento.jobs.locks import LockBusy, account_lock
from aliexpress_magento.orders.models import AliExpressOrder, ImportStatus, OrderAttempt
from aliexpress_magento.orders.selectors import FETCH_JOB

User = AbstractBaseUser | AnonymousUser | None
RETRYABLE = (ImportStatus.FAILED, ImportStatus.HANDLED)


@dataclass(frozen=True)
class Done:
    count: int
    busy: list[str]  # the accounts whose order run held the lock: nothing done for them


def retry_now(orders: QuerySet[AliExpressOrder], *, user: User = None) -> int:
    """The failed (or handled) ones among ``orders`` are tried by the next run, whatever their attempts.
    An order a placement was started for keeps that mark: the retry looks it up in Magento before
    anything else."""
    ids = list(orders.filter(status__in=RETRYABLE).values_list("pk", flat=True))
    count = AliExpressOrder.objects.filter(pk__in=ids, status__in=RETRYABLE).update(
        status=ImportStatus.NEW, next_retry_at=None, handled_at=None
    )
    _log(ids, "retry", "Retry now: {order} is due for import again.", user)
    return count


def mark_handled(orders: QuerySet[AliExpressOrder], *, user: User = None) -> Done:
    """The failed ones among ``orders`` leave the failed grid and are never retried by a run."""

    def apply(rows: QuerySet[AliExpressOrder]) -> int:
        ids = list(rows.filter(status=ImportStatus.FAILED).values_list("pk", flat=True))
        now = timezone.now()
        count = AliExpressOrder.objects.filter(pk__in=ids, status=ImportStatus.FAILED).update(
            status=ImportStatus.HANDLED, handled_at=now, next_retry_at=None
        )
        _log(ids, "handled", "{order} marked handled: it is not retried any more.", user)
        return count

    return _per_account(orders, apply)


def delete(orders: QuerySet[AliExpressOrder], *, user: User = None) -> Done:
    """Forget ``orders`` (their claim rows and attempts); see the module's note."""

    def apply(rows: QuerySet[AliExpressOrder]) -> int:
        ids = list(rows.values_list("pk", flat=True))
        _log(ids, "delete", "{order} deleted: a later fetch that lists it again claims it anew.", user)
        OrderAttempt.objects.filter(order_id__in=ids).delete()
        return AliExpressOrder.objects.filter(pk__in=ids).delete()[1].get(AliExpressOrder._meta.label, 0)

    return _per_account(orders, apply)


def _per_account(
    orders: QuerySet[AliExpressOrder], apply: Callable[[QuerySet[AliExpressOrder]], int]
) -> Done:
    count, busy = 0, []
    accounts = Account.objects.filter(pk__in=orders.order_by().values("account_id").distinct())
    for account in accounts.order_by("name"):
        try:
            with account_lock(account.pk, FETCH_JOB):
                count += apply(orders.filter(account=account))
        except LockBusy:
            busy.append(account.name)
    return Done(count, busy)


def _log(ids: list[int], sub_type: str, text: str, user: User) -> None:
    for order in AliExpressOrder.objects.filter(pk__in=ids).order_by("pk"):
        record(
            Level.INFO,
            "orders",
            text.format(order=f"AliExpress order {order.aliexpress_order_id}"),
            sub_type=sub_type,
            related=order,
            user=user,
            account_id=order.account_id,
        )
