"""Listings: Magento products as AliExpress products (DESIGN.md §3, issue 13).

Built so far: the pure core, :mod:`.mappers` (the payload builder — mirror + profile + settings → the
schema-format ``item_content`` —, its price and inventory rules and the local schema validation), and
the image pipeline, :mod:`.services.images` with its cache table ``PhotobankImage``; the ``Listing``
state with its SKUs, :mod:`.services.snapshots` (the mapper inputs from the mirror, the profile and the
account), :mod:`.services.upload` (validate, upload through feeds) and :mod:`.services.results` (the
feed sync's item results applied). Still to come: the Manage Products page, price and inventory sync,
delete, offline.
"""
