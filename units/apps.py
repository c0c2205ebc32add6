from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Organisasi")

    def ready(self):
        # Signal receivers: failed and successful logins go to the log.
        from .security import lockout  # noqa: F401
