"""Granting accounts to users (selectors.visible_accounts says who sees what)."""

from __future__ import annotations

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.accounts.selectors import User, sees_everything


def grant_creator(account: Account, user: User) -> None:
    """Whoever adds an account sees it: a staff user would otherwise lose, on saving, the account
    they just created (superusers see every account anyway)."""
    if user.is_authenticated and not sees_everything(user):
        account.allowed_users.add(user)  # type: ignore[arg-type]
