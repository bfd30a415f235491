from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "aliexpress_magento.orders"
    label = "orders"
    verbose_name = "Orders"

    def ready(self) -> None:
        # The dashboard's Orders panel, after the accounts panel (see listings.apps).
        from aliexpress_magento.console.site import dashboard_panels

        from .dashboard import panel

        dashboard_panels.append(panel)
