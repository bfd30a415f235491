from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "aliexpress_magento.catalog"
    label = "catalog"
    verbose_name = "Catalog"
