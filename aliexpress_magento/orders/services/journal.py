"""The Store's placement journal, kept on the order's claim row (``stores.base.PlacementJournal``).

``remember`` writes the cart reference and commits it before it returns: the Store calls it just before
it turns the cart into an order, so a process killed after that step leaves the reference in the
database, and the next attempt finds the order by its cart. The importer never calls the Store inside a
transaction (``importer.py``), so this single-row update commits at once (autocommit).

A cart reference names one cart of the store, and Magento 2 answers a customer's active cart until it is
ordered: the cart an attempt noted and never placed is the next order's cart. So ``remember`` first takes
the reference off any other order of the account that noted it: that order never placed it (a placed cart
is no longer the active one), and its retry must not take the next order's for its own.
"""

from __future__ import annotations

from aliexpress_magento.orders.models import AliExpressOrder


class ClaimJournal:
    def __init__(self, claim: AliExpressOrder) -> None:
        self._pk = claim.pk
        self._account_id = claim.account_id
        self._external_id = claim.external_id

    def recall(self, external_id: str) -> str | None:
        if external_id != self._external_id:
            return None
        ref = AliExpressOrder.objects.filter(pk=self._pk).values_list("cart_ref", flat=True).first()
        return ref or None

    def remember(self, external_id: str, cart_ref: str) -> None:
        if external_id != self._external_id:
            raise ValueError(f"this journal keeps order {self._external_id}, not {external_id}")
        others = AliExpressOrder.objects.filter(account_id=self._account_id, cart_ref=cart_ref)
        others.exclude(pk=self._pk).update(cart_ref="")
        AliExpressOrder.objects.filter(pk=self._pk).update(cart_ref=cart_ref)
