"""The admin site staff work in: the institution's newsroom, not "Django administration"."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .security.login import StaffLoginForm


def staff_label(user):
    """ "Rahmi Aulia (RA)": how colleagues know each other, not by login name."""
    name = user.get_full_name() or user.get_username()
    profile = getattr(user, "staff_profile", None)
    return f"{name} ({profile.initials})" if profile and profile.initials else name


class StaffNamesAutocomplete(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, get_user_model()):
            result["text"] = staff_label(obj)
        return result


class NewsroomAdminSite(admin.AdminSite):
    site_header = format_lazy(_("Ruang Redaksi {site}"), site=settings.NEWSROOM_SITE_NAME)
    site_title = _("Ruang Redaksi")
    index_title = _("Kelola konten")
    login_form = StaffLoginForm

    def autocomplete_view(self, request):
        return StaffNamesAutocomplete.as_view(admin_site=self)(request)
