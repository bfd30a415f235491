"""Listings: Magento products as AliExpress products (DESIGN.md §3, issue 13).

So far only the pure core, :mod:`.mappers`: the payload builder (mirror + profile + settings → the
schema-format ``item_content``), its price and inventory rules and the local schema validation. No
Django app yet: the models, services and pages come next, and wire the frozen inputs of
:mod:`.mappers.inputs` to the catalog mirror, the profile and the account.
"""
