"""The order run's fetch with the import beside it: each order is created in Magento as soon as it has been
read in full, while AliExpress is still being read.

The AliExpress reads (the order.get pages, then order.info.get and order.receiptinfo.get of each new or
changed order) go out on the run's AliExpress threads (``calls_ahead``), held to the account's call
budget, and come back in the order they were asked. This thread meanwhile writes each page's claim rows,
submits the full reads the page needs and the next page, keeps each order read in full on its row, and
imports the orders that are due, one at a time, between the answers. So the run takes about as long as
the slower of the two remotes, not their sum. Everything that makes an import exactly-once is unchanged:
the claim row is committed before the Store is called (``importer.py``), and the whole run holds the
account's ``orders.fetch`` lock.

The watermark moves (``fetch.end``) only after the last page's rows are committed, as before. A failed
AliExpress read ends the run with that failure after the orders already imported; a Magento failure that
stops the run (an auth error) stops the AliExpress threads too.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.aliexpress import AliExpressClient
from aliexpress_magento.clients.aliexpress.orders import Order, OrderPage
from aliexpress_magento.orders.models import AliExpressOrder
from aliexpress_magento.orders.selectors import PENDING
from aliexpress_magento.orders.services import fetch
from aliexpress_magento.orders.services.calls_ahead import CallsAhead

# Two threads read AliExpress: one call at a time leaves the budget partly unused whenever a round
# trip is longer than the budget's spacing (20 ms at 50 calls a second); the budget holds both to it.
READERS = 2
# ("page", the listing it belongs to) or ("full", the listed order, its claim row's id)
Tag = tuple[str, Any, Any]


class _Run:
    def __init__(
        self,
        account: Account,
        client: AliExpressClient,
        calls: CallsAhead[Tag],
        listed: Callable[[], None],
    ) -> None:
        self.account, self.client, self.calls = account, client, calls
        self.listed = listed
        self.counts = fetch.FetchCounts()
        # Ids of the claim rows read in full and due, oldest answer first: ids, not rows, so that an
        # import lagging behind the read does not hold every order's payloads.
        self.due: deque[int] = deque()
        self.asked: set[int] = set()  # orders whose full read this run submitted

    def ask_page(self, listing: fetch.Listing) -> None:
        self.calls.submit(("page", listing, None), partial(self.client.orders.get, listing.next_query()))

    def take(self, tag: Tag, answer: Any) -> None:
        kind, subject, claim_id = tag
        if kind == "page":
            self._page(subject, answer)
        else:
            self._full(subject, claim_id, answer)

    def _page(self, listing: fetch.Listing, page: OrderPage) -> None:
        """Claim rows first (committed), then the full reads the page needs, then the next page: the
        thread reads the next page right after this page's orders."""
        more = listing.take(page)
        for order in page.orders:
            claim = fetch.claim_listed(self.account, order, self.counts)
            # An order listed twice in one run (the pages moved, or two status groups) is read once.
            if claim is not None and order.order_id not in self.asked:
                self.asked.add(order.order_id)
                read = partial(fetch.read_full, self.client, order.order_id)  # bound now, not at the call
                self.calls.submit(("full", order, claim.pk), read)
            self.listed()
        if more:
            self.ask_page(listing)

    def _full(self, order: Order, claim_id: int, full: fetch.Full) -> None:
        claim = AliExpressOrder.objects.get(pk=claim_id)
        fetch.write_full(claim, order, full)
        if claim.status in PENDING:
            self.due.append(claim.pk)


def fetch_importing(
    account: Account,
    client: AliExpressClient,
    now: datetime,
    import_one: Callable[[AliExpressOrder], None],
    *,
    between: Callable[[], None] = lambda: None,
    listed: Callable[[], None] = lambda: None,
) -> fetch.FetchCounts:
    """Fetch the account's orders and ``import_one`` each due one as soon as it is read. ``between`` runs
    at every turn (the job's heartbeat, the tokens the AliExpress thread rotated); ``listed`` once per
    order listed (the progress panel)."""
    state, queries = fetch.begin(account, now)
    with CallsAhead[Tag](workers=READERS) as calls:
        run = _Run(account, client, calls, listed)
        for asked in queries:
            run.ask_page(fetch.Listing(asked, run.counts))
        while calls.pending or run.due:
            between()
            try:
                for tag, answer in calls.answers(block=not run.due):
                    run.take(tag, answer)
            except Exception:
                # AliExpress failed for good: the orders already read in full are imported first (they
                # are on their rows; the next run would import them anyway, later).
                while run.due:
                    between()
                    import_one(AliExpressOrder.objects.get(pk=run.due.popleft()))
                raise
            if run.due:
                import_one(AliExpressOrder.objects.get(pk=run.due.popleft()))
    fetch.end(state, now, run.counts)
    return run.counts
