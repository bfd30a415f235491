"""The REST answers about the shared catalog (``sandbox/catalog``): products, attributes, categories."""
