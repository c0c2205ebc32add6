from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Redaksi")

    def ready(self):
        # Signal receivers: search vectors follow saves and tag/speaker/unit changes;
        # an Image's files leave storage with it; the content generation moves with
        # any change; the pages a publication changed are rendered before readers ask.
        from .images import storage  # noqa: F401
        from .models import freshness, search_index  # noqa: F401
        from .portal import projected  # noqa: F401
        from .workflow import warming  # noqa: F401
