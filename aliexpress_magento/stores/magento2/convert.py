"""Magento 2's values to the Store model's: shared with Magento 1, in ``stores/convert.py``."""

from ..convert import EPOCH, day, money, quantity, utc

__all__ = ["EPOCH", "day", "money", "quantity", "utc"]
