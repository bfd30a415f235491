"""Orders area: ``aliexpress.solution.order.get`` / ``.info.get`` / ``.receiptinfo.get`` / ``.fulfill``.

Query windows are taken as aware datetimes and sent as US-Pacific wall-clock text; order times are read
back as UTC (DESIGN.md §5: convert at this edge only). Order ids are 16-17 digits: kept as exact ints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Literal

from . import envelope
from .envelope import Json
from .gateway import Gateway
from .params import ParamValue

GET = "aliexpress.solution.order.get"
INFO_GET = "aliexpress.solution.order.info.get"
RECEIPTINFO_GET = "aliexpress.solution.order.receiptinfo.get"
FULFILL = "aliexpress.solution.order.fulfill"
MAX_PAGE_SIZE = 50
QueryStyle = Literal["flat", "param0"]


@dataclass(frozen=True)
class Money:
    amount: Decimal | None
    currency_code: str


def money(data: Json, key: str) -> Money:
    """``{"amount": "1.01", "currency_code": "USD"}``; order.info.get also spells it ``amount_str``."""
    value = envelope.obj(data, key)
    amount = envelope.decimal(value, "amount")
    return Money(amount if amount is not None else envelope.decimal(value, "amount_str"), _currency(value))


def _currency(value: Json) -> str:
    return envelope.text(value, "currency_code") or envelope.text(
        envelope.obj(value, "currency"), "currency_code"
    )


@dataclass(frozen=True)
class OrderQuery:
    """Filters of order.get; at least one window start is required by the API."""

    current_page: int = 1
    page_size: int = MAX_PAGE_SIZE
    create_date_start: datetime | None = None
    create_date_end: datetime | None = None
    modified_date_start: datetime | None = None
    modified_date_end: datetime | None = None
    order_status_list: Sequence[str] = ()
    buyer_login_id: str | None = None

    def to_params(self) -> dict[str, ParamValue]:
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be 1..{MAX_PAGE_SIZE}")
        windows = {
            "create_date_start": self.create_date_start,
            "create_date_end": self.create_date_end,
            "modified_date_start": self.modified_date_start,
            "modified_date_end": self.modified_date_end,
        }
        params: dict[str, ParamValue] = {k: envelope.to_pacific_text(v) for k, v in windows.items() if v}
        params.update(current_page=self.current_page, page_size=self.page_size)
        # An empty status list must be absent, not "[]": inside param0 nothing else would drop it.
        if self.order_status_list:
            params["order_status_list"] = list(self.order_status_list)
        if self.buyer_login_id:
            params["buyer_login_id"] = self.buyer_login_id
        return params


@dataclass(frozen=True)
class OrderLine:
    order_id: int | None
    child_id: int | None
    product_id: int | None
    product_name: str
    product_count: int
    sku_code: str
    unit_price: Money
    total_amount: Money
    logistics_type: str
    logistics_service_name: str
    son_order_status: str


@dataclass(frozen=True)
class Order:
    order_id: int
    order_status: str
    logistics_status: str
    fund_status: str
    buyer_login_id: str
    buyer_signer_fullname: str
    gmt_create: datetime | None
    gmt_update: datetime | None
    gmt_pay_time: datetime | None
    pay_amount: Money
    lines: tuple[OrderLine, ...]
    raw: Json = field(repr=False, compare=False)


@dataclass(frozen=True)
class OrderPage:
    orders: tuple[Order, ...]
    total_count: int
    total_page: int
    current_page: int
    page_size: int


def parse_line(data: Json) -> OrderLine:
    return OrderLine(
        order_id=envelope.ident(data, "order_id"),
        child_id=envelope.ident(data, "child_id"),
        product_id=envelope.ident(data, "product_id"),
        product_name=envelope.text(data, "product_name"),
        product_count=envelope.integer(data, "product_count"),
        sku_code=envelope.text(data, "sku_code"),
        unit_price=money(data, "product_unit_price"),
        total_amount=money(data, "total_product_amount"),
        logistics_type=envelope.text(data, "logistics_type"),
        logistics_service_name=envelope.text(data, "logistics_service_name"),
        son_order_status=envelope.text(data, "son_order_status"),
    )


def parse_order(data: Json) -> Order:
    return Order(
        order_id=envelope.integer(data, "order_id"),
        order_status=envelope.text(data, "order_status"),
        logistics_status=envelope.text(data, "logistics_status"),
        fund_status=envelope.text(data, "fund_status"),
        buyer_login_id=envelope.text(data, "buyer_login_id"),
        buyer_signer_fullname=envelope.text(data, "buyer_signer_fullname"),
        gmt_create=envelope.pacific_time(data, "gmt_create"),
        gmt_update=envelope.pacific_time(data, "gmt_update"),
        gmt_pay_time=envelope.pacific_time(data, "gmt_pay_time"),
        pay_amount=money(data, "pay_amount"),
        lines=tuple(parse_line(line) for line in envelope.items(data, "product_list", "order_product_dto")),
        raw=data,
    )


def parse_order_page(payload: Json) -> OrderPage:
    result = envelope.obj(payload, "result")
    return OrderPage(
        orders=tuple(parse_order(o) for o in envelope.items(result, "target_list", "order_dto")),
        total_count=envelope.integer(result, "total_count"),
        total_page=envelope.integer(result, "total_page"),
        current_page=envelope.integer(result, "current_page"),
        page_size=envelope.integer(result, "page_size"),
    )


@dataclass(frozen=True)
class Address:
    contact_person: str
    country: str
    province: str
    city: str
    address: str
    address2: str
    detail_address: str
    zip: str
    mobile_no: str
    phone_country: str
    phone_area: str
    phone_number: str
    country_name: str = ""


def parse_address(data: Json) -> Address:
    keys = Address.__dataclass_fields__
    return Address(**{key: envelope.text(data, key) for key in keys})


@dataclass(frozen=True)
class ChildOrder:
    id: int | None
    product_id: int | None
    product_name: str
    product_count: int
    sku_code: str
    product_price: Money
    order_status: str
    logistics_type: str


@dataclass(frozen=True)
class LogisticInfo:
    logistics_no: str
    logistics_service_name: str
    logistics_type_code: str


@dataclass(frozen=True)
class OrderDetail:
    id: int | None
    order_status: str
    logistics_status: str
    fund_status: str
    buyer_login_id: str
    gmt_create: datetime | None
    gmt_modified: datetime | None
    order_amount: Money
    logistics_amount: Money
    receipt_address: Address
    child_orders: tuple[ChildOrder, ...]
    logistics: tuple[LogisticInfo, ...]
    raw: Json = field(repr=False, compare=False)


def parse_child(data: Json) -> ChildOrder:
    return ChildOrder(
        id=envelope.ident(data, "id"),
        product_id=envelope.ident(data, "product_id"),
        product_name=envelope.text(data, "product_name"),
        product_count=envelope.integer(data, "product_count"),
        sku_code=envelope.text(data, "sku_code"),
        product_price=money(data, "product_price"),
        order_status=envelope.text(data, "order_status"),
        logistics_type=envelope.text(data, "logistics_type"),
    )


def parse_logistic(data: Json) -> LogisticInfo:
    return LogisticInfo(
        logistics_no=envelope.text(data, "logistics_no"),
        logistics_service_name=envelope.text(data, "logistics_service_name"),
        logistics_type_code=envelope.text(data, "logistics_type_code"),
    )


def parse_detail(payload: Json) -> OrderDetail:
    data = envelope.obj(envelope.obj(payload, "result"), "data")
    buyer = envelope.text(data, "buyerloginid") or envelope.text(envelope.obj(data, "buyer_info"), "login_id")
    return OrderDetail(
        id=envelope.ident(data, "id"),
        order_status=envelope.text(data, "order_status"),
        logistics_status=envelope.text(data, "logistics_status"),
        fund_status=envelope.text(data, "fund_status"),
        buyer_login_id=buyer,
        gmt_create=envelope.pacific_time(data, "gmt_create"),
        gmt_modified=envelope.pacific_time(data, "gmt_modified"),
        order_amount=money(data, "order_amount"),
        logistics_amount=money(data, "logistics_amount"),
        receipt_address=parse_address(envelope.obj(data, "receipt_address")),
        child_orders=tuple(
            parse_child(c) for c in envelope.items(data, "child_order_list", "global_aeop_tp_child_order_dto")
        ),
        logistics=tuple(
            parse_logistic(x)
            for x in envelope.items(data, "logistic_info_list", "global_aeop_tp_logistic_info_dto")
        ),
        raw=data,
    )


@dataclass(frozen=True)
class Fulfilment:
    """``service_name`` comes from listlogisticsservice, or is ``other`` with ``tracking_website``."""

    out_ref: int
    service_name: str
    logistics_no: str
    send_type: Literal["all", "part"] = "all"
    tracking_website: str | None = None
    description: str | None = None


class Orders:
    def __init__(self, gateway: Gateway, *, query_style: QueryStyle = "flat") -> None:
        """``query_style``: the IOP SDK (2023) sends order.get filters as top-level params ("flat");
        the TOP metadata wraps them in one ``param0`` JSON. Which the live IOP gateway requires is an
        open question (fact sheet §10.1), so both are available; "flat" matches the gateway we call."""
        self._gateway = gateway
        self._query_style = query_style

    def get(self, query: OrderQuery) -> OrderPage:
        params = query.to_params()
        sent: dict[str, ParamValue] = {"param0": params} if self._query_style == "param0" else params
        return parse_order_page(self._gateway.call(GET, sent))

    def info_get(self, order_id: int, *, ext_info_bit_flag: str = "11111") -> OrderDetail:
        param1: dict[str, ParamValue] = {"order_id": order_id, "ext_info_bit_flag": ext_info_bit_flag}
        return parse_detail(self._gateway.call(INFO_GET, {"param1": param1}))

    def receiptinfo_get(self, order_id: int) -> Address:
        payload = self._gateway.call(RECEIPTINFO_GET, {"param1": {"order_id": order_id}})
        return parse_address(envelope.obj(payload, "result"))

    def fulfill(self, fulfilment: Fulfilment) -> bool:
        """Declares shipment; a refusal raises (``result.result_success=false``). Not re-sent after a
        possible delivery, since a second declaration of the same parcel is refused."""
        params: dict[str, ParamValue] = {
            "out_ref": fulfilment.out_ref,
            "service_name": fulfilment.service_name,
            "logistics_no": fulfilment.logistics_no,
            "send_type": fulfilment.send_type,
            "tracking_website": fulfilment.tracking_website,
            "description": fulfilment.description,
        }
        payload = self._gateway.call(FULFILL, params, idempotent=False)
        return envelope.flag(envelope.obj(payload, "result"), "result_success") is True
