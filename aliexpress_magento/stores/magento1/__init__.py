"""The Store interface on Magento 1.9 / OpenMage LTS, through :class:`Magento1Client` (API v1, XML-RPC)."""

from .catalog import NEEDS_MODULE
from .orders import MARKER, DirectOrderUnsupported
from .store import Magento1Store, NotSalableError

__all__ = ["MARKER", "NEEDS_MODULE", "DirectOrderUnsupported", "Magento1Store", "NotSalableError"]
