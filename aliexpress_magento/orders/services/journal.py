"""The Store's placement journal, kept on the order's claim row (``stores.base.PlacementJournal``).

``remember`` writes the cart reference and commits it before it returns: the Store calls it just before
it turns the cart into an order, so a process killed after that step leaves the reference in the
database, and the next attempt finds the order by its cart. The importer never calls the Store inside a
transaction (``importer.py``), so this single-row update commits at once (autocommit).
"""

from __future__ import annotations

from aliexpress_magento.orders.models import AliExpressOrder


class ClaimJournal:
    def __init__(self, claim: AliExpressOrder) -> None:
        self._pk = claim.pk
        self._external_id = claim.external_id

    def recall(self, external_id: str) -> str | None:
        if external_id != self._external_id:
            return None
        ref = AliExpressOrder.objects.filter(pk=self._pk).values_list("cart_ref", flat=True).first()
        return ref or None

    def remember(self, external_id: str, cart_ref: str) -> None:
        if external_id != self._external_id:
            raise ValueError(f"this journal keeps order {self._external_id}, not {external_id}")
        AliExpressOrder.objects.filter(pk=self._pk).update(cart_ref=cart_ref)
