"""Products area (fact sheet §4): post, edit, info, list, batch price / inventory, delete, online/offline.

Batch calls are synchronous and partly successful: the answer lists the products that failed, each with
its own error (built by the one classifier, :func:`errors.item_error`), instead of failing the call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Literal, NotRequired, TypedDict, cast

from . import envelope
from .envelope import Json
from .errors import AliExpressError, item_error
from .gateway import Gateway
from .params import ParamValue

POST = "aliexpress.solution.product.post"
EDIT = "aliexpress.solution.product.edit"
INFO_GET = "aliexpress.solution.product.info.get"
LIST_GET = "aliexpress.solution.product.list.get"
PRICE_UPDATE = "aliexpress.solution.batch.product.price.update"
INVENTORY_UPDATE = "aliexpress.solution.batch.product.inventory.update"
DELETE = "aliexpress.solution.batch.product.delete"
ONLINE = "aliexpress.postproduct.redefining.onlineaeproduct"
OFFLINE = "aliexpress.postproduct.redefining.offlineaeproduct"
MAX_BATCH_PRODUCTS = 20
MAX_BATCH_SKUS = 200
MAX_DELETE_IDS = 100
ProductStatus = Literal["onSelling", "offline", "auditing", "editingRequired"]


class SkuAttribute(TypedDict):
    sku_attribute_name_id: int
    sku_attribute_value_id: int
    sku_attribute_value: NotRequired[str]
    sku_image_url: NotRequired[str]


class SkuInfo(TypedDict):
    sku_code: str
    price: str
    inventory: int
    discount_price: NotRequired[str]
    sku_attributes_list: NotRequired[list[SkuAttribute]]


class ProductAttribute(TypedDict, total=False):
    aliexpress_attribute_name_id: int
    aliexpress_attribute_value_id: int
    attribute_name: str
    attribute_value: str


class Subject(TypedDict):
    language: str
    subject: str


class Description(TypedDict):
    language: str
    web_detail: NotRequired[str]
    mobile_detail: NotRequired[str]


class ProductRequest(TypedDict, total=False):
    """``post_product_request`` / ``edit_product_request`` (PostProductRequestDto, fact sheet §4.1)."""

    product_id: int  # edit only
    language: str
    aliexpress_category_id: int
    multi_language_subject_list: list[Subject]
    multi_language_description_list: list[Description]
    main_image_urls_list: list[str]
    attribute_list: list[ProductAttribute]
    sku_info_list: list[SkuInfo]
    inventory_deduction_strategy: Literal["place_order_withhold", "payment_success_deduct"]
    weight: str
    package_length: int
    package_width: int
    package_height: int
    freight_template_id: int
    shipping_lead_time: int
    service_policy_id: int
    product_unit: int
    brand_name: str
    group_id: int
    size_chart_id: int


@dataclass(frozen=True)
class Sku:
    id: str  # "200000182:193;200007763:201336100" (attrId:valueId pairs), embedded quotes removed
    sku_code: str
    price: Decimal | None
    discount_price: Decimal | None
    stock: int
    currency_code: str


@dataclass(frozen=True)
class ProductInfo:
    product_id: int
    category_id: int | None
    subject: str
    product_status_type: str
    image_urls: tuple[str, ...]
    skus: tuple[Sku, ...]
    freight_template_id: int | None
    promise_template_id: int | None
    group_ids: tuple[int, ...]
    gmt_create: datetime | None
    gmt_modified: datetime | None
    raw: Json = field(repr=False, compare=False)


@dataclass(frozen=True)
class ProductSummary:
    product_id: int
    subject: str
    ws_display: str
    product_min_price: Decimal | None
    product_max_price: Decimal | None
    currency_code: str
    gmt_modified: datetime | None


@dataclass(frozen=True)
class ProductPage:
    products: tuple[ProductSummary, ...]
    product_count: int
    total_page: int
    current_page: int


@dataclass(frozen=True)
class ListQuery:
    product_status_type: ProductStatus = "onSelling"
    current_page: int = 1
    page_size: int = 20
    product_id: int | None = None
    sku_code: str | None = None
    subject: str | None = None
    group_id: int | None = None


@dataclass(frozen=True)
class SkuPrice:
    sku_code: str
    price: Decimal
    discount_price: Decimal | None = None  # omitted → AliExpress erases the discount


@dataclass(frozen=True)
class SkuInventory:
    sku_code: str
    inventory: int


@dataclass(frozen=True)
class ProductPriceUpdate:
    product_id: int
    skus: Sequence[SkuPrice]


@dataclass(frozen=True)
class ProductInventoryUpdate:
    product_id: int
    skus: Sequence[SkuInventory]


@dataclass(frozen=True)
class ProductFailure:
    product_id: int | None
    error: AliExpressError


@dataclass(frozen=True)
class BatchResult:
    update_success: bool
    succeeded: tuple[int, ...]
    failed: tuple[ProductFailure, ...]


@dataclass(frozen=True)
class StatusChangeResult:
    success: bool
    modify_count: int
    failed: tuple[ProductFailure, ...]


def _image_urls(value: str) -> tuple[str, ...]:
    return tuple(url for url in value.split(";") if url)


def parse_sku(data: Json) -> Sku:
    return Sku(
        id=envelope.text(data, "id").strip('"'),
        sku_code=envelope.text(data, "sku_code"),
        price=envelope.decimal(data, "sku_price"),
        discount_price=envelope.decimal(data, "sku_discount_price"),
        stock=envelope.integer(data, "ipm_sku_stock"),
        currency_code=envelope.text(data, "currency_code"),
    )


def parse_info(payload: Json) -> ProductInfo:
    result = envelope.obj(payload, "result")
    skus = envelope.items(result, "aeop_ae_product_s_k_us", "global_aeop_ae_product_sku")
    groups = envelope.scalars(result, "group_ids", "number")
    return ProductInfo(
        product_id=envelope.integer(result, "product_id"),
        category_id=envelope.ident(result, "category_id"),
        subject=envelope.text(result, "subject"),
        product_status_type=envelope.text(result, "product_status_type"),
        image_urls=_image_urls(envelope.text(result, "image_u_r_ls")),
        skus=tuple(parse_sku(s) for s in skus),
        freight_template_id=envelope.ident(result, "freight_template_id"),
        promise_template_id=envelope.ident(result, "promise_template_id"),
        group_ids=tuple(g for g in (envelope.to_int(v) for v in groups) if g is not None),
        gmt_create=envelope.pacific_time(result, "gmt_create"),
        gmt_modified=envelope.pacific_time(result, "gmt_modified"),
        raw=result,
    )


def parse_summary(data: Json) -> ProductSummary:
    return ProductSummary(
        product_id=envelope.integer(data, "product_id"),
        subject=envelope.text(data, "subject"),
        ws_display=envelope.text(data, "ws_display"),
        product_min_price=envelope.decimal(data, "product_min_price"),
        product_max_price=envelope.decimal(data, "product_max_price"),
        currency_code=envelope.text(data, "currency_code"),
        gmt_modified=envelope.pacific_time(data, "gmt_modified"),
    )


def parse_page(payload: Json) -> ProductPage:
    result = envelope.obj(payload, "result")
    rows = envelope.items(result, "aeop_a_e_product_display_d_t_o_list", "item_display_dto")
    return ProductPage(
        products=tuple(parse_summary(row) for row in rows),
        product_count=envelope.integer(result, "product_count"),
        total_page=envelope.integer(result, "total_page"),
        current_page=envelope.integer(result, "current_page"),
    )


def parse_batch(payload: Json) -> BatchResult:
    """Partial failure is an answer, not an exception; a failure with no per-product list raises."""
    request_id = envelope.text(payload, "request_id")
    ok = envelope.items(payload, "update_successful_list", "synchronize_product_response_dto")
    bad = envelope.items(payload, "update_failed_list", "synchronize_product_response_dto")
    success = envelope.flag(payload, "update_success") is True
    if not success and not bad and envelope.text(payload, "update_error_code"):
        raise item_error(_batch_error(payload), request_id)
    return BatchResult(
        update_success=success,
        succeeded=tuple(envelope.integer(row, "product_id") for row in ok),
        failed=tuple(ProductFailure(envelope.ident(r, "product_id"), item_error(r, request_id)) for r in bad),
    )


def _batch_error(payload: Json) -> Json:
    return {
        "error_code": envelope.text(payload, "update_error_code"),
        "error_message": envelope.text(payload, "update_error_message"),
    }


def _status_failures(result: Json) -> tuple[ProductFailure, ...]:
    failures: list[ProductFailure] = []
    for detail in envelope.items(result, "error_details"):
        error = item_error(detail)
        ids = [envelope.to_int(v) for v in envelope.scalars(detail, "product_ids")] or [None]
        failures.extend(ProductFailure(product_id, error) for product_id in ids)
    return tuple(failures)


def _check_batch(updates: Sequence[ProductPriceUpdate] | Sequence[ProductInventoryUpdate]) -> None:
    if not 1 <= len(updates) <= MAX_BATCH_PRODUCTS:
        raise ValueError(f"a batch update takes 1..{MAX_BATCH_PRODUCTS} products, got {len(updates)}")
    for update in updates:
        if not 1 <= len(update.skus) <= MAX_BATCH_SKUS:
            raise ValueError(f"product {update.product_id}: 1..{MAX_BATCH_SKUS} SKUs per call")


def _price_entry(update: ProductPriceUpdate) -> dict[str, ParamValue]:
    skus: list[ParamValue] = [
        {"sku_code": s.sku_code, "price": s.price, "discount_price": s.discount_price} for s in update.skus
    ]
    return {"product_id": update.product_id, "multiple_sku_update_list": skus}


def _inventory_entry(update: ProductInventoryUpdate) -> dict[str, ParamValue]:
    skus: list[ParamValue] = [{"sku_code": s.sku_code, "inventory": s.inventory} for s in update.skus]
    return {"product_id": update.product_id, "multiple_sku_update_list": skus}


class Products:
    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    def post(self, request: ProductRequest) -> int:
        """Creates a product; never re-sent after a possible delivery (it would create a twin)."""
        payload = self._gateway.call(POST, {"post_product_request": _json(request)}, idempotent=False)
        return envelope.integer(envelope.obj(payload, "result"), "product_id")

    def edit(self, request: ProductRequest) -> int:
        if "product_id" not in request:
            raise ValueError("edit needs product_id")
        payload = self._gateway.call(EDIT, {"edit_product_request": _json(request)})
        return envelope.integer(envelope.obj(payload, "result"), "product_id")

    def info_get(self, product_id: int) -> ProductInfo:
        return parse_info(self._gateway.call(INFO_GET, {"product_id": product_id}))

    def list_get(self, query: ListQuery) -> ProductPage:
        fields: dict[str, ParamValue] = {k: getattr(query, k) for k in ListQuery.__dataclass_fields__}
        return parse_page(self._gateway.call(LIST_GET, {"aeop_a_e_product_list_query": fields}))

    def price_update(self, updates: Sequence[ProductPriceUpdate]) -> BatchResult:
        _check_batch(updates)
        entries: list[ParamValue] = [_price_entry(u) for u in updates]
        return parse_batch(self._gateway.call(PRICE_UPDATE, {"mutiple_product_update_list": entries}))

    def inventory_update(self, updates: Sequence[ProductInventoryUpdate]) -> BatchResult:
        _check_batch(updates)
        entries: list[ParamValue] = [_inventory_entry(u) for u in updates]
        return parse_batch(self._gateway.call(INVENTORY_UPDATE, {"mutiple_product_update_list": entries}))

    def delete(self, product_ids: Sequence[int]) -> None:
        """Irreversible. ``product_ids`` is typed Number[]: sent comma-joined, the TOP convention for
        lists of scalars (one integration does the same; the metadata gives no example)."""
        if not 1 <= len(product_ids) <= MAX_DELETE_IDS:
            raise ValueError(f"delete takes 1..{MAX_DELETE_IDS} ids")
        self._gateway.call(DELETE, {"product_ids": ",".join(str(i) for i in product_ids)})

    def online(self, product_ids: Sequence[int]) -> StatusChangeResult:
        return self._change_status(ONLINE, product_ids, {})

    def offline(self, product_ids: Sequence[int], *, edit_reason: str | None = None) -> StatusChangeResult:
        return self._change_status(OFFLINE, product_ids, {"edit_reason": edit_reason})

    def _change_status(
        self, method: str, product_ids: Sequence[int], extra: dict[str, ParamValue]
    ) -> StatusChangeResult:
        # These older APIs take ";"-joined ids (fact sheet §1.2), not JSON.
        params: dict[str, ParamValue] = {"product_ids": ";".join(str(i) for i in product_ids), **extra}
        result = envelope.obj(self._gateway.call(method, params), "result")
        return StatusChangeResult(
            success=envelope.flag(result, "success") is True,
            modify_count=envelope.integer(result, "modify_count"),
            failed=_status_failures(result),
        )


def _json(request: ProductRequest) -> Mapping[str, ParamValue]:
    # mypy types a TypedDict's values as object; every declared field is a ParamValue by construction.
    return cast("Mapping[str, ParamValue]", request)
