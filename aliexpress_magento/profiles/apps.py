from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "aliexpress_magento.profiles"
    label = "profiles"
    verbose_name = "Profiles"
