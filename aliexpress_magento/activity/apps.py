from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "aliexpress_magento.activity"
    label = "activity"
    verbose_name = "Developer"
