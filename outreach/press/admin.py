"""*Kontak media* and *Daftar media* in the admin, each unit's own.

Querysets and every object check go through `scope`: a unit's staff see and change their
unit's contacts and lists, publishers all; choices of owning unit and of contacts offer
only what is in reach, so a hostile colleague cannot file a contact under another unit
or pick another unit's contacts into a list.
"""

from functools import partial

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from newsroom.limits import BoundedInputAdminMixin
from units.models import WorkUnit

from ..models import MediaContact, MediaList
from . import admin_import, scope

# Contacts one media list may hold: the bound of one save, far above any real list.
MAX_LIST_CONTACTS = 5_000


class UnitOwnedAdmin(BoundedInputAdminMixin, admin.ModelAdmin):
    """Rights by unit, not by Django's model permissions (roles decide here)."""

    def get_queryset(self, request):
        return scope.owned(request.user, super().get_queryset(request))

    def has_module_permission(self, request):
        return scope.may_use(request.user)

    def has_view_permission(self, request, obj=None):
        return scope.owns(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return scope.owns(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return scope.owns(request.user, obj)

    def has_add_permission(self, request):
        return scope.may_use(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner_unit":
            units = WorkUnit.objects.all()
            if not scope.sees_all(request.user):
                units = units.filter(pk__in=scope.units_of(request.user))
            kwargs["queryset"] = units
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(MediaContact)
class MediaContactAdmin(UnitOwnedAdmin):
    list_display = ("name", "outlet", "beat", "email", "language", "owner_unit", "consent_at")
    list_filter = ("language", "consent_method")
    search_fields = ("name", "outlet", "beat", "email")
    list_per_page = 50
    filter_horizontal = ("follows",)
    fieldsets = (
        (None, {"fields": ("owner_unit", "name", "outlet", "beat", "email", "phone", "language")}),
        (_("Yang diikuti"), {"fields": ("follows",)}),
        (_("Persetujuan"), {"fields": ("consent_at", "consent_method", "consent_source")}),
        (_("Catatan"), {"fields": ("notes",)}),
    )
    change_list_template = "admin/outreach/contact_changelist.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "impor/",
                wrap(partial(admin_import.import_view, self)),
                name="outreach_mediacontact_import",
            ),
            path(
                "ekspor/",
                wrap(partial(admin_import.export_view, self)),
                name="outreach_mediacontact_export",
            ),
            *super().get_urls(),
        ]


@admin.register(MediaList)
class MediaListAdmin(UnitOwnedAdmin):
    list_display = ("name", "owner_unit", "kind", "beat", "follows_unit")
    search_fields = ("name", "beat")
    filter_horizontal = ("contacts",)
    choice_limits = {"contacts": MAX_LIST_CONTACTS}  # a press list may be long
    fields = ("owner_unit", "name", "kind", "contacts", "beat", "follows_unit")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "contacts":
            kwargs["queryset"] = scope.owned(request.user, MediaContact.objects.all())
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Only the list's own unit's contacts: a publisher's pick across units is trimmed.
        obj = form.instance
        foreign = obj.contacts.exclude(owner_unit_id=obj.owner_unit_id)
        if foreign.exists():
            obj.contacts.remove(*foreign)
