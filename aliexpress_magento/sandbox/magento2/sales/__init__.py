"""Carts (quotes), orders, invoices and shipments."""
