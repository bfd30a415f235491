from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "aliexpress_magento.jobs"
    label = "jobs"
    verbose_name = "Jobs"
