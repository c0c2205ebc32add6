"""The admin site staff work in: the institution's newsroom, not "Django administration"."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.http import HttpResponseRedirect, QueryDict
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.text import capfirst, format_lazy
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def autocomplete_view(self, request):
        return StaffNamesAutocomplete.as_view(admin_site=self)(request)

    def _build_app_dict(self, request, label=None):
        """Every menu, index and app page is built here: Django's `_build_app_dict`, its
        addresses reversed once per process rather than two or three per model on every
        page (`_url`). Apps named in English get their Indonesian names (`MENU_NAMES`),
        and names are translated here once: left lazy, each was translated again at every
        comparison of the menu's sorting and on the page."""
        built = {}
        for model, model_admin in self._registry.items():
            app_label = model._meta.app_label
            if label and app_label != label:
                continue
            has_module_perms = model_admin.has_module_permission(request)
            if not has_module_perms:
                continue
            perms = model_admin.get_model_perms(request)
            if True not in perms.values():
                continue
            names = MENU_NAMES.get(app_label, (None, {}))[1]
            name = names.get(model._meta.object_name, capfirst(model._meta.verbose_name_plural))
            model_dict = {
                "model": model,
                "name": str(name),
                "object_name": model._meta.object_name,
                "perms": perms,
                "admin_url": None,
                "add_url": None,
            }
            info = f"{app_label}_{model._meta.model_name}"
            if perms.get("change") or perms.get("view"):
                model_dict["view_only"] = not perms.get("change")
                model_dict["admin_url"] = self._url(f"admin:{info}_changelist")
            if perms.get("add"):
                model_dict["add_url"] = self._url(f"admin:{info}_add")
            if app_label in built:
                built[app_label]["models"].append(model_dict)
                continue
            app_name = MENU_NAMES.get(app_label, (apps.get_app_config(app_label).verbose_name,))
            built[app_label] = {
                "name": str(app_name[0]),
                "app_label": app_label,
                "app_url": self._url("admin:app_list", app_label),
                "has_module_perms": has_module_perms,
                "models": [model_dict],
            }
        return built

    def _url(self, name, app_label=None):
        """`reverse()` of an admin address, kept per URLconf and script prefix (both fixed
        in a deployment); None where it does not reverse, as Django leaves it."""
        key = (name, app_label, get_urlconf(), get_script_prefix())
        if key not in self._urls:
            kwargs = {"app_label": app_label} if app_label else None
            try:
                self._urls[key] = reverse(name, kwargs=kwargs, current_app=self.name)
            except NoReverseMatch:
                if app_label:  # Django lets this one fail
                    raise
                self._urls[key] = None
        return self._urls[key]

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
