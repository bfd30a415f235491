"""Categories AliExpress suggests for a sample product title (``category.suggest``, beyond the manual):
a shortcut into the tree for a merchant who does not know AliExpress's taxonomy."""

from __future__ import annotations

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.clients.aliexpress.categories import SuggestedCategory
from aliexpress_magento.profiles.services import remote

LOG_TYPE = "category"


def suggest(account: Account, title: str, language: str = "en") -> tuple[SuggestedCategory, ...]:
    """The suggestions, best first; an empty title asks nothing. Raises FetchError (already logged)."""
    title = title.strip()
    if not title:
        return ()
    return remote.fetch(
        account,
        f"category suggestions for “{title[:80]}”",
        LOG_TYPE,
        lambda c: c.categories.suggest(title, language=language),
    )
