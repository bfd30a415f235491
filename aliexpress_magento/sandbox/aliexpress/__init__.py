"""Offline emulator of the AliExpress Open Platform seller API (IOP gateway). See ``sandbox/COVERAGE.md``."""

from aliexpress_magento.sandbox.aliexpress.sandbox import AliExpressSandbox

__all__ = ["AliExpressSandbox"]
