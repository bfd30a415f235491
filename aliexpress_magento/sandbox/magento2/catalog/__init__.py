"""The emulated catalog: products, attributes, categories, media."""
