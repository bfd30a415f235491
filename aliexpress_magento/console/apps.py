from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ConsoleConfig(AppConfig):
    """The admin console shell: site, menu, shared grid tools, the demo admin command."""

    name = "aliexpress_magento.console"
    label = "console"
    verbose_name = "Console"


class ConnectorAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site (title, menu) as ``admin.site``."""

    default = False
    default_site = "aliexpress_magento.console.site.ConnectorAdminSite"
