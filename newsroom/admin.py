"""The admin site staff work in: the institution's newsroom, not "Django administration"."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.http import HttpResponseRedirect, QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .fields import EARLIEST_YEAR, LATEST_YEAR
from .limits import bounded_query
from .security.login import StaffLoginForm

DATE_PARTS = ("__year", "__month", "__day")
# Apps whose own names are English and untranslated (django-otp names its models in plain
# strings): what the menu and the index call them, app first, then model by model.
MENU_NAMES = {
    "otp_totp": (_("Verifikasi dua langkah"), {"TOTPDevice": _("Aplikasi autentikator")}),
    "otp_static": (_("Kode pemulihan"), {"StaticDevice": _("Perangkat kode pemulihan")}),
    "axes": (_("Keamanan login"), {}),
}


def staff_label(user):
    """ "Rahmi Aulia (RA)": how colleagues know each other, not by login name."""
    name = user.get_full_name() or user.get_username()
    profile = getattr(user, "staff_profile", None)
    return f"{name} ({profile.initials})" if profile and profile.initials else name


class StaffNamesAutocomplete(AutocompleteJsonView):
    """Pickers name colleagues as they know them; a model admin may add to each result."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, get_user_model()):
            result["text"] = staff_label(obj)
        extra = getattr(self.model_admin, "autocomplete_extra", None)
        if extra is not None:  # e.g. the picture library's thumbnails
            result.update(extra(obj))
        return result


class NewsroomAdminSite(admin.AdminSite):
    site_header = format_lazy(_("Ruang Redaksi {site}"), site=settings.NEWSROOM_SITE_NAME)
    site_title = _("Ruang Redaksi")
    index_title = _("Kelola konten")
    login_form = StaffLoginForm

    def autocomplete_view(self, request):
        return StaffNamesAutocomplete.as_view(admin_site=self)(request)

    def _build_app_dict(self, request, label=None):
        """Every menu, index and app page is built here: apps named in English get their
        Indonesian names (`MENU_NAMES`). Names are translated here once: left lazy, each
        was translated again at every comparison of the menu's sorting and on the page."""
        built = super()._build_app_dict(request, label)
        for app in built.values():
            names = {}
            if app["app_label"] in MENU_NAMES:
                app["name"], names = MENU_NAMES[app["app_label"]]
            app["name"] = str(app["name"])
            for model in app["models"]:
                model["name"] = str(names.get(model["object_name"], model["name"]))
        return built

    def admin_view(self, view, cacheable=False):
        """Every admin page reads its query string through `bounded_query` and `_plain_query`
        first."""
        protected = super().admin_view(view, cacheable)

        def bounded_view(request, *args, **kwargs):
            too_much = bounded_query(request.GET)
            if too_much:
                messages.warning(request, too_much)
                return HttpResponseRedirect(f"{request.path}?e=1")
            query = _plain_query(request.GET)
            if query is None:
                # What the admin does with any lookup it cannot use: the list, unfiltered,
                # with its notice that the filter was not understood.
                return HttpResponseRedirect(f"{request.path}?e=1")
            request.GET = query
            return protected(request, *args, **kwargs)

        return bounded_view


def _plain_query(query):
    """The query string without NUL bytes, or None when a date filter names no real date.

    PostgreSQL refuses NUL in any text it is sent, so a search or filter containing one
    would fail as a server error; a date-hierarchy year beyond the calendar overflows
    in the admin's own date arithmetic. Both are typing, not requests for a 500.
    """
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        values = [value.replace("\x00", "") for value in values]
        if key.endswith(DATE_PARTS) and not all(_plausible(key, value) for value in values):
            return None
        cleaned.setlist(key.replace("\x00", ""), values)
    cleaned._mutable = False
    return cleaned


def _plausible(key, value):
    if not (value.isascii() and value.isdigit()) or len(value) > 4:
        return False
    return not key.endswith("__year") or EARLIEST_YEAR <= int(value) <= LATEST_YEAR
