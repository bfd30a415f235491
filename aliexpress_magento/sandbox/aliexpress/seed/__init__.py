"""Seed data files (JSON); loaded by ``aliexpress_magento.sandbox.aliexpress.catalog_seed``."""
