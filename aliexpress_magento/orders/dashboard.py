"""The dashboard's Orders panel (issue 14, item 9): per account the user may see, the orders created on
AliExpress today (UTC), the failed orders (a link to View Aliexpress Failed Orders filtered to the
account) and the oldest imported order AliExpress still waits to see shipped, against its ship-by time
(orders.shipby; "unknown" when AliExpress gave none). A fixed number of queries whatever the accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.selectors import visible_accounts

from . import selectors
from .models import AliExpressOrder

TEMPLATE = "admin/orders/dashboard_panel.html"


@dataclass(frozen=True)
class OrdersCard:
    account: Account
    today: int
    failed: int
    failed_url: str  # "" when the user may not open the failed grid
    oldest: AliExpressOrder | None
    late: bool  # the oldest unshipped order's ship-by time has passed


def panel(request: HttpRequest) -> tuple[str, dict[str, Any]]:
    now = timezone.now()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    accounts = list(visible_accounts(request.user).order_by("name", "pk"))
    ids = [account.pk for account in accounts]
    counts = selectors.counts(ids, midnight)
    oldest = selectors.oldest_unshipped(ids)
    sees_failed = request.user.has_perm("orders.view_failedorder")
    return TEMPLATE, {"cards": [_card(a, counts, oldest, now, sees_failed) for a in accounts]}


def _card(
    account: Account,
    counts: dict[int, tuple[int, int]],
    oldest: dict[int, AliExpressOrder],
    now: datetime,
    sees_failed: bool,
) -> OrdersCard:
    today, failed = counts.get(account.pk, (0, 0))
    order = oldest.get(account.pk)
    url = reverse("admin:orders_failedorder_changelist") + "?" + urlencode({"account__id__exact": account.pk})
    return OrdersCard(
        account=account,
        today=today,
        failed=failed,
        failed_url=url if sees_failed else "",
        oldest=order,
        late=bool(order and order.ship_by and order.ship_by < now),
    )
