from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "aliexpress_magento.accounts"
    label = "accounts"
    verbose_name = "Accounts"
