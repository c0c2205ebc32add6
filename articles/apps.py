from django.apps import AppConfig
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Redaksi")

    def ready(self):
        # Signal receivers: search vectors follow saves and tag/speaker/unit changes;
        # an Image's files leave storage with it.
        from django.conf import settings
        from django.contrib import admin

        from . import images, search  # noqa: F401

        # Staff see the institution's newsroom, not "Django administration".
        admin.site.site_header = format_lazy(
            _("Ruang Redaksi {site}"), site=settings.NEWSROOM_SITE_NAME
        )
        admin.site.site_title = _("Ruang Redaksi")
        admin.site.index_title = _("Kelola konten")
