"""Profiles: how Magento products become AliExpress listings (DESIGN.md §3). So far the per-account
cache of AliExpress's category tree and of its leaf categories' product schemas."""
