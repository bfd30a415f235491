"""The demo catalog both Magento sandboxes share: products, attributes, categories, media, the edits the
control endpoints make, and the in-memory state holding them (``state.CatalogState``). Each sandbox
answers it in its own API's shapes (``magento2/catalog/`` for REST, ``magento1/`` for XML-RPC)."""
