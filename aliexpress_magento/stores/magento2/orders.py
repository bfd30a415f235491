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
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aliexpress_magento.clients.magento2 import Magento2Client
from aliexpress_magento.clients.magento2.customers import Address as MagentoAddress
from aliexpress_magento.clients.magento2.orders import Order

from ..base import PlacementJournal
from ..marketplace import amounts_comment
from ..model import Address, CreatedOrder, OrderToCreate
from .cart_lines import CartLines


def created(order: Order, *, is_new: bool) -> CreatedOrder:
    return CreatedOrder(
        id=order.entity_id,
        number=order.increment_id,
        external_id=order.ext_order_id,
        state=order.state,
        status=order.status,
        created=is_new,
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
    cart = client.carts.create_guest()
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


def recover_quote(client: Magento2Client, order: OrderToCreate, journal: PlacementJournal) -> Order | None:
    """The order an earlier attempt placed from its noted cart but did not mark, finished now; None when
    that cart was never placed (or nothing was noted). An order already marked for another external id
    is not taken over: the note was wrong, and that order belongs to someone else."""
    cart = journal.recall(order.external_id)
    if cart is None or not cart.isdigit():
        return None
    placed = client.orders.find_by_quote_id(int(cart))
    if placed is None or placed.ext_order_id:
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


def place_direct(client: Magento2Client, order: OrderToCreate) -> Order:
    return client.orders.create(direct_entity(order))


def direct_entity(order: OrderToCreate) -> dict[str, Any]:
    shipping = {**magento_address(order.shipping_address), "address_type": "shipping"}
    items = [_direct_item(line.sku, line.name, line.qty, line.price) for line in order.lines]
    return {
        "increment_id": order.increment_id or order.external_id,
        "ext_order_id": order.external_id,
        "customer_email": order.customer_email,
        "customer_firstname": order.customer_firstname,
        "customer_lastname": order.customer_lastname,
        "customer_is_guest": 1,
        "base_currency_code": order.currency,
        "order_currency_code": order.currency,
        "subtotal": float(order.subtotal),
        "base_subtotal": float(order.subtotal),
        "shipping_amount": float(order.shipping_amount),
        "base_shipping_amount": float(order.shipping_amount),
        "grand_total": float(order.grand_total),
        "base_grand_total": float(order.grand_total),
        "total_qty_ordered": sum(line.qty for line in order.lines),
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


def _direct_item(sku: str, name: str, qty: float, price: Decimal) -> dict[str, Any]:
    return {
        "sku": sku,
        "name": name or sku,
        "qty_ordered": qty,
        "price": float(price),
        "base_price": float(price),
        "row_total": float(price * Decimal(str(qty))),
        "base_row_total": float(price * Decimal(str(qty))),
        "product_type": "simple",
    }
