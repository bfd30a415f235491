from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "aliexpress_magento.jobs"
    label = "jobs"
    verbose_name = "Jobs"

    def ready(self) -> None:
        # Every app's tasks module, in every process: the web process never runs a job, but its
        # dashboard must know the same jobs as the worker (a job is built once its task exists).
        autodiscover_modules("tasks")
