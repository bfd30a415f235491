"""Listings: Magento products as AliExpress products (DESIGN.md §3, issue 13).

Built so far: the pure core, :mod:`.mappers` (the payload builder — mirror + profile + settings → the
schema-format ``item_content`` —, its price and inventory rules and the local schema validation), and
the image pipeline, :mod:`.services.images` with its cache table ``PhotobankImage``. Still to come: the
``Listing`` state, the pages and jobs that wire the frozen inputs of :mod:`.mappers.inputs` to the
catalog mirror, the profile and the account.
"""
