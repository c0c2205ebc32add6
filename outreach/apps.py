from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """Everything that reaches people outside the site, and the background work it runs on."""

    name = "outreach"
    verbose_name = _("Jangkauan")

    def ready(self):
        # Listeners of the workflow's domain events, and the queue's line in /readyz.
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        from articles.admin import item_panels
        from newsroom import health

        from .background import queue_health
        from .mail import staff  # noqa: F401
        from .press import listeners  # noqa: F401
        from .reach import admin as reach_admin  # noqa: F401
        from .reach import goal_admin, item_panel  # noqa: F401
        from .subscribers import admin as subscriber_admin  # noqa: F401
        from .subscribers import alerts, bounces, inbound  # noqa: F401

        health.ADVISORIES["queue"] = queue_health.check
        # Reach per item on its change page; articles names no outreach module.
        item_panels.register(item_panel.reach_panel)
        # Tasks are watched on the *Antrean tugas* page (outreach/admin.py), by publishers
        # too; the library's raw table of results stays out of the admin.
        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
