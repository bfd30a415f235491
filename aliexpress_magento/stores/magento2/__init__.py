"""The Store interface on Magento 2 / Adobe Commerce, through :class:`Magento2Client`."""

from .store import Magento2Store

__all__ = ["Magento2Store"]
