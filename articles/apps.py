from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Redaksi")

    def ready(self):
        # Connects the clean-up that removes an Image's files from storage when it is deleted.
        from . import images  # noqa: F401
