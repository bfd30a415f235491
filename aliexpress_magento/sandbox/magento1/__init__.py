"""Offline emulator of the Magento 1.9 / OpenMage LTS web-services API v1 over XML-RPC (``/api/xmlrpc/``),
with the connector module's resource. See ``sandbox/COVERAGE.md``."""

from aliexpress_magento.sandbox.magento1.sandbox import DEMO_API_KEY, DEMO_API_USER, Magento1Sandbox

__all__ = ["DEMO_API_KEY", "DEMO_API_USER", "Magento1Sandbox"]
