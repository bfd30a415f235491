"""What every adapter records about a marketplace order on the Magento order it creates."""

from __future__ import annotations

from .model import OrderToCreate


def amounts_comment(order: OrderToCreate) -> str:
    """The marketplace's lines and amounts: a quote order carries Magento's catalog prices, so the
    marketplace's own are kept in a comment."""
    lines = ", ".join(f"{line.sku} x {line.qty:g} @ {line.price}" for line in order.lines)
    text = (
        f"Marketplace order {order.external_id}: {lines}; subtotal {order.subtotal}, shipping "
        f"{order.shipping_amount}, total {order.grand_total} {order.currency}."
    )
    return f"{text} {order.comment}".strip()
