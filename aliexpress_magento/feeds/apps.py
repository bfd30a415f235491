from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "aliexpress_magento.feeds"
    label = "feeds"
    verbose_name = "Feeds"
