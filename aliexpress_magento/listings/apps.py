from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "aliexpress_magento.listings"
    label = "listings"
    verbose_name = "Listings"

    def ready(self) -> None:
        # The dashboard's Listings panel, after the accounts panel (the admin, first in INSTALLED_APPS,
        # has appended that one on autodiscovery by now).
        from aliexpress_magento.console.site import dashboard_panels

        from .dashboard import panel

        dashboard_panels.append(panel)
