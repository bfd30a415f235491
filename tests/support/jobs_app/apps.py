from django.apps import AppConfig


class JobsTestAppConfig(AppConfig):
    name = "tests.support.jobs_app"
    label = "jobs_test_app"
