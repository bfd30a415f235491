"""Order state rules: cancel, hold/unhold, comments, and the state after invoices and shipments.

As verified on 2.4.7-p3: cancel answers ``true`` and cancels unless the order is fully invoiced, complete,
closed, canceled or on hold, where it answers ``false`` and changes nothing (a shipped but uninvoiced
order IS canceled); hold twice → 400 "A hold action is not available."; unhold when not held → 400 "You
cannot remove the hold."; a comment's ``status`` must belong to the current state, with the recorded
400 message (raw newline and indentation included); invoicing moves new → processing, and an order both
fully invoiced and fully shipped is complete. Canceling appends compensating reservations for the
quantity still to ship, as MSI does, for quote and direct orders alike.
"""

from __future__ import annotations

from typing import Any

from aliexpress_magento.sandbox.magento2 import errors, inventory
from aliexpress_magento.sandbox.magento2.call import int_field
from aliexpress_magento.sandbox.magento2.sales import orders
from aliexpress_magento.sandbox.magento2.world import World

JsonDict = dict[str, Any]
BAD_STATUS = (
    'Unable to add comment: The status "%1" is not part of the order\n                 status history.'
)


def top_lines(order: JsonDict) -> list[JsonDict]:
    return [i for i in order["items"] if not i.get("parent_item_id")]


def to_invoice(item: JsonDict) -> float:
    return float(item["qty_ordered"]) - float(item["qty_invoiced"]) - float(item["qty_canceled"])


def to_ship(item: JsonDict) -> float:
    return float(item["qty_ordered"]) - float(item["qty_shipped"]) - float(item["qty_canceled"])


def fully_invoiced(order: JsonDict) -> bool:
    return all(to_invoice(i) <= 0 for i in top_lines(order))


def fully_shipped(order: JsonDict) -> bool:
    return all(to_ship(i) <= 0 for i in top_lines(order))


def after_document(order: JsonDict) -> None:
    if order.get("state") in ("canceled", "closed", "holded"):
        return
    state = "complete" if fully_invoiced(order) and fully_shipped(order) else "processing"
    order["state"], order["status"] = state, state


def can_cancel(order: JsonDict) -> bool:
    if order.get("state") in ("canceled", "complete", "closed", "holded", "payment_review"):
        return False
    return not fully_invoiced(order)


def cancel(world: World, order: JsonDict, stamp: str) -> bool:
    """Recorded on 2.4.7-p7 (customers-orders/order.after_cancel): only top lines get ``qty_canceled`` (a
    configurable's hidden child line keeps 0), every line gets ``tax_canceled`` and
    ``discount_tax_compensation_canceled``, the order its ``*_canceled`` totals; no history entry."""
    if not can_cancel(order):
        return False
    for item in top_lines(order):
        remaining = float(item["qty_ordered"]) - max(float(item["qty_shipped"]), float(item["qty_invoiced"]))
        if remaining > 0:
            inventory.compensate(world, item["sku"], remaining)
        item["qty_canceled"] = orders.money(max(remaining, 0.0))
    for item in order["items"]:  # every line, the hidden child too (the sandbox has no tax: 0)
        item["tax_canceled"] = item["discount_tax_compensation_canceled"] = 0
    order.update(canceled_totals(order))
    order["state"], order["status"], order["updated_at"] = "canceled", "canceled", stamp
    return True


def canceled_totals(order: JsonDict) -> JsonDict:
    """``Order::registerCancellation``: what was not invoiced (the grand total: not paid) is canceled.
    The sandbox keeps no per-part invoiced amounts, so a partly invoiced order cancels its whole subtotal
    and shipping (unsure; a real store subtracts the invoiced parts)."""

    def amount(name: str) -> float:
        return abs(float(order.get(name) or 0))

    found: JsonDict = {}
    for prefix in ("", "base_"):
        found[f"{prefix}subtotal_canceled"] = orders.money(amount(f"{prefix}subtotal"))
        found[f"{prefix}tax_canceled"] = orders.money(amount(f"{prefix}tax_amount"))
        found[f"{prefix}shipping_canceled"] = orders.money(amount(f"{prefix}shipping_amount"))
        found[f"{prefix}discount_canceled"] = orders.money(amount(f"{prefix}discount_amount"))
        paid = amount(f"{prefix}total_paid")
        found[f"{prefix}total_canceled"] = orders.money(amount(f"{prefix}grand_total") - paid)
    return found


def hold(order: JsonDict, stamp: str) -> bool:
    if order.get("state") not in ("new", "processing", "pending_payment"):
        raise errors.bad_request("A hold action is not available.")
    order["hold_before_state"], order["hold_before_status"] = order["state"], order["status"]
    order["state"], order["status"], order["updated_at"] = "holded", "holded", stamp
    return True


def unhold(order: JsonDict, stamp: str) -> bool:
    if order.get("state") != "holded":
        raise errors.bad_request("You cannot remove the hold.")
    order["state"] = order.pop("hold_before_state", "new")
    order["status"] = order.pop("hold_before_status", "pending")
    order["updated_at"] = stamp
    return True


def add_comment(world: World, order: JsonDict, sent: JsonDict, stamp: str) -> bool:
    status = sent.get("status")
    if status and status not in orders.STATUSES.get(str(order.get("state")), ()):
        raise errors.bad_request(BAD_STATUS, [status])
    if status:
        order["status"] = status
    history = {
        "comment": str(sent.get("comment", "")), "created_at": stamp,
        "entity_id": world.next_id("order_history"),  # no entity_name: REST comments leave it null
        "is_customer_notified": int_field(sent.get("is_customer_notified"), "is_customer_notified"),
        "is_visible_on_front": int_field(sent.get("is_visible_on_front"), "is_visible_on_front"),
        "parent_id": order["entity_id"], "status": order.get("status"),
    }  # fmt: skip
    order["status_histories"].insert(0, history)
    order["updated_at"] = stamp
    return True
