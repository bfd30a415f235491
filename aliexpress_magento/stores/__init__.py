"""The Store interface the apps use to talk to a Magento (DESIGN.md §3), and its adapters.

``catalog``, ``listings`` and ``orders`` know only :class:`Store` and the dataclasses of
:mod:`.model`, so every feature works the same on Magento 2 (:class:`~.magento2.Magento2Store`) and on
Magento 1. No Django here: the adapters take a ready API client.
"""

from .base import PlacementJournal, Store
from .model import (
    Address,
    AvailableMethods,
    AxisValue,
    CreatedOrder,
    CurrencyRates,
    Image,
    InMemoryJournal,
    Method,
    OrderLine,
    OrderToCreate,
    RatesUnavailable,
    SalableStock,
    ShipmentLine,
    StoreAttribute,
    StoreCategory,
    StoreOption,
    StoreProduct,
    StoreShipment,
    Track,
)

__all__ = [
    "Address",
    "AvailableMethods",
    "AxisValue",
    "CreatedOrder",
    "CurrencyRates",
    "Image",
    "InMemoryJournal",
    "Method",
    "OrderLine",
    "OrderToCreate",
    "PlacementJournal",
    "RatesUnavailable",
    "SalableStock",
    "ShipmentLine",
    "Store",
    "StoreAttribute",
    "StoreCategory",
    "StoreOption",
    "StoreProduct",
    "StoreShipment",
    "Track",
]
