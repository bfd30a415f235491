"""Products: the store, schema-format create/update, info/list views and the batch price/stock calls."""
