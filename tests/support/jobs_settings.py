"""The project's settings plus the test app that builds a cron job in its tasks module."""

from aliexpress_magento.settings import *  # noqa: F403
from aliexpress_magento.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.support.jobs_app"]
