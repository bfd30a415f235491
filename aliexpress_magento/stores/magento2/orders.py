"""Order creation on Magento 2, the two ways of DESIGN.md §5, both guarded by ``ext_order_id``.

- quote: a fresh admin guest cart → items (a configurable's child through its parent, ``cart_lines``) →
  shipping information (the configured carrier) → the cart id noted in the placement journal → place
  with the configured payment method, through the client's store view (never ``all``). Magento prices,
  taxes and reserves stock. Then the marketplace amounts are recorded in a comment and, last,
  ``ext_order_id`` is set by a partial ``POST /V1/orders``. Placing and marking cannot be one call, so a
  crash between them leaves an order without the external id; the retry finds it by ``quote_id`` (a
  sales order keeps its cart's id) from the journal's cart id and finishes it. A cart the crashed attempt
  never placed is left alone: the retry fills a new guest cart, so no line is added twice.
- direct: ``POST /V1/orders`` with the whole entity (marketplace prices, ``increment_id``,
  ``ext_order_id``) in one call, so no such window. Reserves nothing: only safe without MSI (DESIGN.md §5).
  Magento stores it exactly as sent, so the entity carries everything a cart order has (the store view,
  product ids, customer group, currency rates): see :func:`direct_entity`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from aliexpress_magento.clients.magento2 import Magento2Client, SearchCriteria
from aliexpress_magento.clients.magento2.customers import Address as MagentoAddress
from aliexpress_magento.clients.magento2.orders import Order
from aliexpress_magento.clients.magento2.products import Product

from ..base import PlacementJournal
from ..convert import money
from ..marketplace import amounts_comment
from ..model import Address, CreatedOrder, OrderLine, OrderToCreate
from .cart_lines import CartLines


def created(order: Order, *, is_new: bool) -> CreatedOrder:
    return CreatedOrder(
        id=order.entity_id,
        number=order.increment_id,
        external_id=order.ext_order_id,
        state=order.state,
        status=order.status,
        created=is_new,
        grand_total=money(order.grand_total),
        currency=order.currency,
    )


def magento_address(address: Address) -> MagentoAddress:
    """Region and e-mail are always sent, empty when unknown: the schema's quote address requires them
    (region_id 0 is Magento's "no region")."""
    out: MagentoAddress = {
        "firstname": address.firstname,
        "lastname": address.lastname,
        "street": list(address.street),
        "city": address.city,
        "postcode": address.postcode,
        "country_id": address.country_id,
        "telephone": address.telephone,
        "email": address.email,
        "region": address.region,
        "region_code": address.region_code,
        "region_id": address.region_id or 0,
    }
    if address.company:
        out["company"] = address.company
    return out


def split_method(shipping_method: str) -> tuple[str, str]:
    """``flatrate_flatrate`` → (``flatrate``, ``flatrate``): Magento splits at the first underscore."""
    carrier, _, method = shipping_method.partition("_")
    return carrier, method or carrier


def place_quote(
    client: Magento2Client, order: OrderToCreate, journal: PlacementJournal, lines: CartLines
) -> Order:
    to_add = lines.of(order.lines)  # a configurable's child through its parent: see cart_lines
    cart = _cart(client, order.customer_id)
    for line in to_add:
        client.carts.add_item(cart, line.sku, line.qty, line.options)
    billing = magento_address(order.billing_address)
    # A guest order takes the customer's e-mail from the billing address: it must carry one.
    billing["email"] = billing["email"] or order.customer_email
    carrier, method = split_method(order.shipping_method)
    shipping = magento_address(order.shipping_address)
    client.carts.set_shipping_information(cart, shipping, billing, carrier, method)
    journal.remember(order.external_id, str(cart))
    order_id = client.carts.place_order(cart, order.payment_method)
    return _finish_quote(client, client.orders.get(order_id), order, commented=False)


def _cart(client: Magento2Client, customer_id: int | None) -> int:
    """A fresh guest cart, or the customer's active cart emptied: Magento answers the same cart until it
    is ordered (recorded), so lines an earlier attempt left in it are removed, never ordered twice."""
    if customer_id is None:
        return client.carts.create_guest()
    cart = client.carts.for_customer(customer_id)
    for item in client.carts.items(cart):
        client.carts.remove_item(cart, item.item_id)
    return cart


def same_lines(placed: Order, order: OrderToCreate) -> bool:
    """Whether ``placed`` holds the order's lines (SKU and quantity; a configurable's line carries the
    child's SKU). A customer's cart id serves every order of that customer in turn, so the order a noted
    cart became is checked before it is taken as this one."""
    wanted = Counter((line.sku.lower(), float(line.qty)) for line in order.lines)
    return Counter((item.sku.lower(), item.qty_ordered) for item in placed.lines) == wanted


def recover_quote(client: Magento2Client, order: OrderToCreate, journal: PlacementJournal) -> Order | None:
    """The order an earlier attempt placed from its noted cart but did not mark, finished now; None when
    that cart was never placed (or nothing was noted). An order already marked for another external id
    is not taken over: the note was wrong, and that order belongs to someone else."""
    cart = journal.recall(order.external_id)
    if cart is None or not cart.isdigit():
        return None
    placed = client.orders.find_by_quote_id(int(cart))
    if placed is None or placed.ext_order_id or not same_lines(placed, order):
        return None
    comments = [str(c.get("comment")) for c in client.orders.comments(placed.entity_id)]
    return _finish_quote(client, placed, order, commented=amounts_comment(order) in comments)


def _finish_quote(client: Magento2Client, placed: Order, order: OrderToCreate, *, commented: bool) -> Order:
    """The comment first, ``ext_order_id`` last: an order that carries its external id is complete, and
    a recovered one gets only what it lacks."""
    if not commented:
        client.orders.add_comment(placed.entity_id, amounts_comment(order))
    client.orders.update(placed.entity_id, placed.increment_id, ext_order_id=order.external_id)
    return client.orders.get(placed.entity_id)


class UnknownSkus(ValueError):
    """A direct order names SKUs the Magento catalog does not have: Magento would store the lines
    without a product, so the order is refused here with the SKUs named."""


def place_direct(client: Magento2Client, order: OrderToCreate, store_id: int) -> Order:
    products = _products(client, [line.sku for line in order.lines])
    return client.orders.create(direct_entity(order, store_id, products))


def _products(client: Magento2Client, skus: list[str]) -> dict[str, Product]:
    criteria = SearchCriteria().where("sku", sorted(set(skus)), "in").limit(max(len(skus), 1))
    found = {p.sku: p for p in client.products.iter(criteria)}
    missing = [sku for sku in skus if sku not in found]
    if missing:
        raise UnknownSkus(f"Not in the Magento catalog, so no direct order: {', '.join(missing)}")
    return found


def direct_entity(order: OrderToCreate, store_id: int, products: Mapping[str, Product]) -> dict[str, Any]:
    """The whole order as a cart would have made it. Magento stores a direct order exactly as sent
    (recorded on 2.4.7-p7: without them ``store_id``, the lines' ``product_id`` and ``store_id``, the
    customer group and the currency rates stay NULL), so every field a cart order carries is sent:
    the account's store view, each line's product, group 0 (NOT LOGGED IN: a guest), the rates of an
    order in the base currency (1; the store-to-* rates Magento leaves 0), no tax, no discount."""
    shipping = {**magento_address(order.shipping_address), "address_type": "shipping"}
    items = [_direct_item(line, products[line.sku], store_id) for line in order.lines]
    return {
        "increment_id": order.increment_id or order.external_id,
        "ext_order_id": order.external_id,
        "store_id": store_id,
        "customer_email": order.customer_email,
        "customer_firstname": order.customer_firstname,
        "customer_lastname": order.customer_lastname,
        "customer_is_guest": 1,
        "customer_group_id": 0,
        **_currencies(order.currency),
        **_totals(order),
        "total_qty_ordered": sum(line.qty for line in order.lines),
        "is_virtual": 0,
        "state": "new",
        "status": "pending",
        "items": items,
        "billing_address": {**magento_address(order.billing_address), "address_type": "billing"},
        # The schema requires these three beside the method; empty is what an offline method stores.
        "payment": {
            "method": order.payment_method,
            "account_status": "",
            "additional_information": [],
            "cc_last4": "",
        },
        "extension_attributes": {
            # The schema requires the assignment's items too (the same lines).
            "shipping_assignments": [
                {"shipping": {"address": shipping, "method": order.shipping_method}, "items": items}
            ]
        },
    }


def _totals(order: OrderToCreate) -> dict[str, Any]:
    subtotal, shipping = float(order.subtotal), float(order.shipping_amount)
    return {
        **dict.fromkeys(
            ("subtotal", "base_subtotal", "subtotal_incl_tax", "base_subtotal_incl_tax"), subtotal
        ),
        **dict.fromkeys(("shipping_amount", "base_shipping_amount"), shipping),
        **dict.fromkeys(("shipping_incl_tax", "base_shipping_incl_tax"), shipping),
        **dict.fromkeys(("tax_amount", "base_tax_amount", "discount_amount", "base_discount_amount"), 0),
        **dict.fromkeys(("grand_total", "base_grand_total"), float(order.grand_total)),
    }


def _currencies(currency: str) -> dict[str, Any]:
    """The order is in its marketplace currency, taken as the store's base and global currency (as a
    cart order in the base currency has it: rates 1, store-to-* 0)."""
    codes = ("base_currency_code", "global_currency_code", "store_currency_code", "order_currency_code")
    rates = {
        "base_to_global_rate": 1,
        "base_to_order_rate": 1,
        "store_to_base_rate": 0,
        "store_to_order_rate": 0,
    }
    return {**dict.fromkeys(codes, currency), **rates}


def _direct_item(line: OrderLine, product: Product, store_id: int) -> dict[str, Any]:
    price = float(line.price)
    row = float(line.price * Decimal(str(line.qty)))
    item: dict[str, Any] = {
        "sku": line.sku,
        "name": line.name or product.name or line.sku,
        "product_id": product.id,
        "store_id": store_id,
        "product_type": "simple",
        "is_virtual": 0,
        "qty_ordered": line.qty,
        **dict.fromkeys(("price", "base_price", "original_price", "base_original_price"), price),
        **dict.fromkeys(("price_incl_tax", "base_price_incl_tax"), price),
        **dict.fromkeys(
            ("row_total", "base_row_total", "row_total_incl_tax", "base_row_total_incl_tax"), row
        ),
        **dict.fromkeys(("tax_amount", "base_tax_amount", "discount_amount", "base_discount_amount"), 0),
    }
    if product.weight is not None:
        item.update({"weight": product.weight, "row_weight": product.weight * line.qty})
    return item
