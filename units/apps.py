from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Organisasi")

    def ready(self):
        # Signal receivers: logins go to the log and start the idle clock.
        from .security import lockout, sessions  # noqa: F401
