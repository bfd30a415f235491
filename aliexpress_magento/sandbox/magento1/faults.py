"""Magento 1's API faults: the core ones (``Mage/Api/etc/api.xml``) and each resource's (its ``etc/api.xml``).

``Mage_Api_Model_Server_Handler_Abstract::_fault`` looks the fault name up in the resource's list first,
then in the core list, then answers ``unknown`` (0); a custom message replaces the configured one only
when the fault is found in the first list it looks in. :func:`fault` does the same.
"""

from __future__ import annotations

CORE = {
    "unknown": (0, "Unknown Error"),
    "internal": (1, "Internal Error. Please see log for details."),
    "access_denied": (2, "Access denied."),
    "resource_path_invalid": (3, "Invalid api path."),
    "resource_path_not_callable": (4, "Resource path is not callable."),
    "session_expired": (5, "Session expired. Try to relogin."),
    "invalid_request_param": (6, 'Required parameter is missing, for more details see "exception.log".'),
}
_STORE = {"store_not_exists": (100, "Requested store view not found.")}
_QUOTE = {
    "store_not_exists": (1001, "Can not make operation because store is not exists"),
    "quote_not_exists": (1002, "Can not make operation because quote is not exists"),
}
RESOURCES: dict[str, dict[str, tuple[int, str]]] = {
    "core_store": {**_STORE},
    "catalog_product": {
        **_STORE,
        "product_not_exists": (101, "Product not exists."),
        "data_invalid": (102, "Invalid data given. Details in error message."),
    },
    "catalog_product_attribute": {
        **_STORE,
        "not_exists": (101, "Requested attribute not found."),
        "invalid_parameters": (102, "Invalid request parameters."),
    },
    "catalog_product_attribute_set": {},
    "catalog_category": {
        **_STORE,
        "website_not_exists": (101, "Requested website not found."),
        "not_exists": (102, "Category not exists."),
    },
    "catalog_product_attribute_media": {
        **_STORE,
        "product_not_exists": (101, "Product not exists."),
        "not_media": (107, "Requested product doesn't support images"),
    },
    "cataloginventory_stock_item": {"not_exists": (101, "Product not exists.")},
    "directory_country": {},
    "directory_region": {"country_not_exists": (101, "Country not exists.")},
    "customer": {
        "data_invalid": (100, "Invalid customer data. Details in error message."),
        "filters_invalid": (101, "Invalid filters specified. Details in error message."),
        "not_exists": (102, "Customer not exists."),
    },
    "cart": {
        **_QUOTE,
        "quote_create_fault": (1003, "Can not create a quote. "),
        "create_order_fault": (1008, "Can not create an order. "),
    },
    "cart_product": {
        **_QUOTE,
        "invalid_product_data": (1021, "Product's data is not valid."),
        "add_product_fault": (1022, "Product(s) could not be added. "),
    },
    "cart_customer": {
        **_QUOTE,
        "customer_not_set": (1041, "Customer is not set. "),
        "customer_not_exists": (1042, "The customer's identifier is not valid or customer is not existed"),
        "customer_data_invalid": (1044, "Customer data is not valid. "),
        "customer_mode_is_unknown": (1045, "Customer's mode is unknown"),
        "customer_address_data_empty": (1051, "Customer address data is empty."),
        "customer_address_invalid": (1052, "Customer's address data is not valid."),
    },
    "cart_shipping": {
        **_QUOTE,
        "shipping_address_is_not_set": (
            1061,
            "Can not make operation because of customer shipping address is not set",
        ),
        "shipping_method_is_not_available": (1062, "Shipping method is not available"),
    },
    "cart_payment": {
        **_QUOTE,
        "payment_method_empty": (1071, "Payment method data is empty."),
        "billing_address_is_not_set": (1072, "Customer's billing address is not set. "),
        "shipping_address_is_not_set": (1073, "Customer's shipping address is not set. "),
        "method_not_allowed": (1074, "Payment method is not allowed"),
    },
    "sales_order": {
        "not_exists": (100, "Requested order not exists."),
        "filters_invalid": (101, "Invalid filters given. Details in error message."),
        "data_invalid": (102, "Invalid data given. Details in error message."),
        "status_not_changed": (103, "Order status not changed. Details in error message."),
    },
    "sales_order_shipment": {
        "not_exists": (100, "Requested shipment not exists."),
        "filters_invalid": (101, "Invalid filters given. Details in error message."),
        "data_invalid": (102, "Invalid data given. Details in error message."),
        "order_not_exists": (103, "Requested order not exists."),
    },
    # The connector module's own faults (magento1-module/.../etc/api.xml).
    "aliexpress_connector_product": {
        **_STORE,
        "data_invalid": (102, "Invalid data given. Details in error message."),
    },
}


class ApiFault(Exception):
    """A ``Mage_Api_Exception`` on its way out: answered as an XML-RPC fault (or a multiCall fault array)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def fault(name: str, resource: str | None = None, custom: str | None = None) -> ApiFault:
    table = RESOURCES.get(resource, {}) if resource else CORE
    if name in table:
        code, message = table[name]
        return ApiFault(code, message if custom is None else custom)
    if resource is not None:
        return fault(name)  # the core list, without the custom message (as _fault recurses)
    return ApiFault(*CORE["unknown"])


class PhpError(Exception):
    """A PHP ``Error`` (not an ``Exception``) escaping the handler: the server answers HTTP 500.

    PHP 8 raises ``ArgumentCountError`` when a method is called with fewer arguments than it requires
    (recorded with ``customer.list`` called without its filters argument)."""
