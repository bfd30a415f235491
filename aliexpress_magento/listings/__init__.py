"""AliExpress products: build payload, validate, upload, update, images, price/inventory deltas, delete."""
