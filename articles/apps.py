from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Redaksi")

    def ready(self):
        # Keeps Article.search_vector current on save and on tag/speaker/unit changes.
        from . import search  # noqa: F401
