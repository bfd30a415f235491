"""The pure core of the listing engine: no Django, no database, no HTTP.

- :mod:`.inputs`: the frozen snapshots the builder reads (product, profile, settings).
- :mod:`.price` and :mod:`.inventory`: the account's price rule, currency conversion, special price
  window, and the stock buffer / threshold / maximum.
- :mod:`.attributes`: the profile's attribute mappings applied to one product's values.
- :mod:`.payload`: ``build_item`` — the ``item_content`` of a ``PRODUCT_CREATE`` feed item.
- :mod:`.validation`: the item checked against the category's own JSON schema, in merchant sentences.
"""
