from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "aliexpress_magento.listings"
    label = "listings"
    verbose_name = "Listings"
