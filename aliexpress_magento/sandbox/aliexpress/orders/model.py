"""Orders as the sandbox keeps them, and the status machine (fact sheet §6, §8.7; transitions inferred)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]
FIRST_ORDER_ID = 8100000000000100  # 16 digits, like current official samples
ORDER_ID_STEP = 100  # room for child ids (order id + line number)

# status -> (logistics_status, fund_status)
STATUS_FACETS = {
    "PLACE_ORDER_SUCCESS": ("NO_LOGISTICS", "NOT_PAY"),
    "WAIT_SELLER_SEND_GOODS": ("WAIT_SELLER_SEND_GOODS", "PAY_SUCCESS"),
    "IN_CANCEL": ("WAIT_SELLER_SEND_GOODS", "PAY_SUCCESS"),
    "SELLER_PART_SEND_GOODS": ("SELLER_SEND_PART_GOODS", "PAY_SUCCESS"),
    "WAIT_BUYER_ACCEPT_GOODS": ("SELLER_SEND_GOODS", "PAY_SUCCESS"),
    "FINISH": ("BUYER_ACCEPT_GOODS", "PAY_SUCCESS"),
}
SHIPPABLE = ("WAIT_SELLER_SEND_GOODS", "SELLER_PART_SEND_GOODS")
FINISHABLE = ("WAIT_BUYER_ACCEPT_GOODS", "SELLER_PART_SEND_GOODS", "WAIT_SELLER_SEND_GOODS", "IN_CANCEL")
CANCELLABLE = ("PLACE_ORDER_SUCCESS", "WAIT_SELLER_SEND_GOODS", "IN_CANCEL")
CONFIRMED = "buyer_confirm_goods"  # the end_reason of the official order.get sample
CANCELLED = "cancel_order_close_trade"  # synthesized: no public sample of a cancelled order's end_reason


@dataclass
class OrderLine:
    child_id: int
    product_id: int
    product_name: str
    sku_code: str
    count: int
    unit_price: str  # in the order currency
    image: str
    sku_properties: list[JsonDict]  # {"pName", "pId", "pValue", "pValueId", "selfDefineValue"}


@dataclass
class Shipment:
    service_name: str
    logistics_no: str
    send_type: str
    tracking_website: str
    shipped_at: float


@dataclass
class Order:
    order_id: int
    status: str
    buyer: JsonDict  # login_id, first_name, last_name, country
    address: JsonDict
    currency: str
    logistics_service: str
    lines: list[OrderLine]
    created_at: float
    modified_at: float
    paid_at: float | None = None
    finished_at: float | None = None
    will_cancel: bool = False
    end_reason: str = ""
    shipments: list[Shipment] = field(default_factory=list)

    @property
    def logistics_status(self) -> str:
        return STATUS_FACETS[self.status][0]

    @property
    def fund_status(self) -> str:
        return STATUS_FACETS[self.status][1]

    def total(self) -> float:
        return sum(float(line.unit_price) * line.count for line in self.lines)

    def move(self, status: str, now: float) -> None:
        self.status, self.modified_at = status, now


class OrderStore:
    def __init__(self) -> None:
        self.orders: dict[int, Order] = {}
        self.next_id = FIRST_ORDER_ID

    def new_id(self) -> int:
        order_id, self.next_id = self.next_id, self.next_id + ORDER_ID_STEP
        return order_id

    def to_json(self) -> JsonDict:
        return {"next_id": self.next_id, "orders": [dataclasses.asdict(o) for o in self.orders.values()]}

    @classmethod
    def from_json(cls, raw: JsonDict) -> OrderStore:
        store = cls()
        store.next_id = int(raw["next_id"])
        for item in raw["orders"]:
            item["lines"] = [OrderLine(**line) for line in item["lines"]]
            item["shipments"] = [Shipment(**s) for s in item["shipments"]]
            store.orders[int(item["order_id"])] = Order(**item)
        return store
