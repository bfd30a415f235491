from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "aliexpress_magento.orders"
    label = "orders"
    verbose_name = "Orders"
