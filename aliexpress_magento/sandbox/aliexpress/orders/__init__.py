"""Orders: the store, the buyer simulator, order.get / info.get / receiptinfo.get / fulfill."""
