from django.apps import AppConfig


class NewsRefConfig(AppConfig):
    name = "tests.benchmarks.wagtail_ref"
    label = "newsref"
    default_auto_field = "django.db.models.BigAutoField"
