"""The buyer simulator: places orders on live products and moves them as buyers would.

Orders start unpaid (``PLACE_ORDER_SUCCESS``) and are paid ``PAY_AFTER_SECONDS`` later
(``WAIT_SELLER_SEND_GOODS``); about one in ten then asks to cancel (``IN_CANCEL``) after another
``CANCEL_AFTER_SECONDS``. ``tick`` also places ``buyer_orders_per_minute`` new orders per elapsed minute.
Stock is taken at placement; buyers, addresses and currencies come from the seed (several countries).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aliexpress_magento.sandbox.aliexpress import catalog_seed as seed
from aliexpress_magento.sandbox.aliexpress.orders.model import STATUS_FACETS, Order, OrderLine
from aliexpress_magento.sandbox.aliexpress.products.model import JsonDict, Product

if TYPE_CHECKING:
    from aliexpress_magento.sandbox.aliexpress.world import World

PAY_AFTER_SECONDS = 60
CANCEL_AFTER_SECONDS = 120
CANCEL_SHARE = 0.1
LOGISTICS = (
    ("CAINIAO_STANDARD", "AliExpress Standard Shipping"),
    ("CPAM", "China Post Registered Air Mail"),
    ("EMS", "EMS"),
)


def place_orders(
    world: World,
    n: int,
    now: float,
    status: str = "PLACE_ORDER_SUCCESS",
    buyer_login_id: str = "",
    sku_codes: list[str] | None = None,
) -> list[int]:
    """``n`` orders of random lines on live products in stock; with ``sku_codes``, each order holds one
    unit of each of those SKUs instead (LookupError when one is not on sale in stock)."""
    if status not in STATUS_FACETS:
        raise ValueError(f"unknown order status {status!r}")
    placed = []
    for _ in range(n):
        order = _new_order(world, now, status, buyer_login_id, sku_codes)
        if order is None:
            break  # nothing left in stock on live products
        world.orders.orders[order.order_id] = order
        placed.append(order.order_id)
    return placed


def _buyer(world: World, login_id: str) -> JsonDict:
    buyers: list[JsonDict] = seed.shop()["buyers"]
    chosen = next((b for b in buyers if b["login_id"] == login_id), None)
    return chosen or world.rng.choice(buyers)


def _new_order(
    world: World, now: float, status: str, login_id: str, sku_codes: list[str] | None = None
) -> Order | None:
    buyer = _buyer(world, login_id)
    order_id = world.orders.new_id()
    if sku_codes:
        lines = _chosen_lines(world, order_id, buyer["currency"], sku_codes)
    else:
        lines = _lines(world, order_id, buyer["currency"])
    if not lines:
        return None
    service = world.rng.choice(LOGISTICS)
    person = {k: buyer[k] for k in ("login_id", "first_name", "last_name", "country")}
    order = Order(
        order_id,
        status,
        person,
        dict(buyer["address"]),
        buyer["currency"],
        service[0],
        lines,
        created_at=now,
        modified_at=now,
    )
    order.paid_at = None if status == "PLACE_ORDER_SUCCESS" else now
    return order


def _in_stock(world: World) -> list[tuple[Product, JsonDict]]:
    return [
        (p, s)
        for p in world.products.products.values()
        if p.status == "onSelling"
        for s in p.skus
        if int(s["inventory"]) > 0
    ]


def _lines(world: World, order_id: int, currency: str) -> list[OrderLine]:
    rate = float(seed.shop()["rates_to_usd"][currency])
    lines: list[OrderLine] = []
    for index in range(world.rng.choice((1, 1, 2, 3))):
        candidates = [
            c for c in _in_stock(world) if c[1]["sku_code"] not in {line.sku_code for line in lines}
        ]
        if not candidates:
            break
        product, sku = world.rng.choice(candidates)
        count = min(int(sku["inventory"]), world.rng.choice((1, 1, 2)))
        lines.append(_line(order_id + index + 1, product, sku, count, rate))
    return lines


def _chosen_lines(world: World, order_id: int, currency: str, sku_codes: list[str]) -> list[OrderLine]:
    """One unit of each SKU named, as a buyer picking exactly those (the control endpoint's sku_codes)."""
    on_sale = {s["sku_code"]: (p, s) for p, s in _in_stock(world)}
    missing = [code for code in sku_codes if code not in on_sale]
    if missing:
        raise LookupError(f"no live product sells SKU {', '.join(missing)} in stock")
    rate = float(seed.shop()["rates_to_usd"][currency])
    return [_line(order_id + index + 1, *on_sale[code], 1, rate) for index, code in enumerate(sku_codes)]


def _line(child_id: int, product: Product, sku: JsonDict, count: int, rate: float) -> OrderLine:
    """The order line for ``count`` units of ``sku``, taken from its stock at placement."""
    sku["inventory"] = int(sku["inventory"]) - count
    price = float(sku.get("discount_price") or sku["price"]) * rate
    return OrderLine(
        child_id,
        product.product_id,
        product.subject(),
        sku["sku_code"],
        count,
        f"{price:.2f}",
        product.instance["image_url_list"][0],
        _sku_props(sku),
    )


def _sku_props(sku: JsonDict) -> list[JsonDict]:
    found = seed.attributes()
    rows = []
    for order, (name, chosen) in enumerate((sku.get("sku_attributes") or {}).items(), start=1):
        attribute = found.get(name)
        value_id = int(chosen["value"]) if str(chosen.get("value", "")).isdigit() else 0
        value = next((v.name for v in attribute.values if v.id == value_id), "") if attribute else ""
        rows.append(
            {
                "pName": name,
                "pId": attribute.id if attribute else 0,
                "pValue": value,
                "pValueId": value_id,
                "selfDefineValue": chosen.get("alias", ""),
                "order": order,
            }
        )
    return rows


def restock(world: World, order: Order) -> None:
    """Give a cancelled order's quantities back to its SKUs (those still on sale)."""
    for line in order.lines:
        product = world.products.get(line.product_id)
        sku = product.sku(line.sku_code) if product is not None else None
        if sku is not None:
            sku["inventory"] = int(sku["inventory"]) + line.count


def tick(world: World, now: float) -> None:
    """Advance every order the buyers would move by ``now``, then place the orders due by the rate."""
    for order in world.orders.orders.values():
        if order.status == "PLACE_ORDER_SUCCESS" and now - order.created_at >= PAY_AFTER_SECONDS:
            order.move("WAIT_SELLER_SEND_GOODS", now)
            order.paid_at = now
            order.will_cancel = world.rng.random() < CANCEL_SHARE
        elif (
            order.status == "WAIT_SELLER_SEND_GOODS"
            and order.will_cancel
            and order.paid_at is not None
            and now - order.paid_at >= CANCEL_AFTER_SECONDS
        ):
            order.move("IN_CANCEL", now)
    _place_due(world, now)


def _place_due(world: World, now: float) -> None:
    rate = world.knobs.buyer_orders_per_minute
    if rate <= 0:
        world.buyer_clock = now
        return
    due = int((now - world.buyer_clock) * rate / 60)
    if due > 0:
        place_orders(world, due, now)
        world.buyer_clock += due * 60 / rate
