"""The *Aliexpress Customer Email* customer: the Magento customer account the quote orders are placed
for, found (or created once) on the first order of a run that needs it. Without that setting, or with
the direct method (a direct order is always a guest's), orders are guest orders."""

from __future__ import annotations

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.stores.base import Store

# The name the customer account is created with (its orders carry the buyer's name on the addresses).
FIRSTNAME, LASTNAME = "AliExpress", "Customer"


class OrdersCustomer:
    def __init__(self, account: Account, store: Store) -> None:
        self._account = account
        self._store = store
        self._id: int | None = None

    def id(self) -> int | None:
        """The customer's id; None for guest orders. Raises what the Store raises when it can neither
        find nor create the customer."""
        if not self._account.customer_email or not self._account.use_quote_method:
            return None
        if self._id is None:
            self._id = self._store.ensure_customer(self._account.customer_email, FIRSTNAME, LASTNAME)
        return self._id
