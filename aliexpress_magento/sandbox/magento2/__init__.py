"""Offline emulator of the Magento 2 admin REST API (2.4.7-p3 behaviour). See ``sandbox/COVERAGE.md``."""

from aliexpress_magento.sandbox.magento2.auth import DEMO_CONSUMER, DEMO_INTEGRATION_TOKEN, OAuthConsumer
from aliexpress_magento.sandbox.magento2.sandbox import Magento2Sandbox

__all__ = ["DEMO_CONSUMER", "DEMO_INTEGRATION_TOKEN", "Magento2Sandbox", "OAuthConsumer"]
