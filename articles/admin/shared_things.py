"""Speakers, partners and pictures in the admin: changed only by those `workflow.shared`
allows, owned by their creator's unit, and every change logged with before and after.

A refused change keeps what the user typed: the page is read-only when they open it, and
a POST (crafted, or sent after the thing became committed) fails validation with the
reason on top of the form rather than a bare 403.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from newsroom.dates import format_when

from ..models import audit
from ..workflow import shared
from .edit_context import edit_context


class SharedThingAdminMixin:
    shared_readonly = ["owner_unit", "change_log"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [name for name in self.shared_readonly if name not in readonly]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or request.method == "POST":
            return True  # the form's clean() refuses, keeping what was typed
        return shared.refusal(request.user, obj) is None

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or shared.refusal(request.user, obj) is None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        user = request.user

        def clean(self):
            cleaned = form.clean(self)
            instance = self.instance if self.instance.pk else None
            if instance is not None:
                instance = type(instance).objects.get(pk=instance.pk)  # as stored now
            reason = shared.refusal(user, instance)
            if reason:
                raise ValidationError(reason, code="shared")
            return cleaned

        return type(form.__name__, (form,), {"clean": clean})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "GET" and obj is not None:
            reason = shared.refusal(request.user, obj)
            if reason:
                messages.warning(request, reason)
        return super().change_view(request, object_id, form_url, extra_context)

    def prepare_shared_save(self, request, obj, change):
        """Before the row is written: remember it as it was; a new one gets its owner."""
        edit_context(request).shared_before = shared.describe(obj) if change else {}
        if not change:
            obj.owner_unit_id = shared.owner_for(request.user)

    def save_model(self, request, obj, form, change):
        self.prepare_shared_save(request, obj, change)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = edit_context(request).shared_before
        shared.record(
            form.instance,
            request.user,
            "change" if change else "add",
            before,
            shared.describe(form.instance),
        )

    def delete_model(self, request, obj):
        shared.record(obj, request.user, "delete", shared.describe(obj), {})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            shared.record(obj, request.user, "delete", shared.describe(obj), {})
        super().delete_queryset(request, queryset)

    def change_log(self, obj):
        rows = []
        for entry in shared.history(obj).order_by("-at", "-pk")[:20]:
            actor = entry.actor
            who = (actor.get_full_name() or actor.get_username()) if actor else "—"
            action = audit.label(entry.action)
            for label, (before, after) in entry.changes.items():
                rows.append((format_when(entry.at), who, action, label, before, after))
        if not rows:
            return _("Belum ada perubahan tercatat.")
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
            "</tr></thead><tbody>{}</tbody></table>",
            _("Waktu"),
            _("Oleh"),
            _("Tindakan"),
            _("Isian"),
            _("Sebelum"),
            _("Sesudah"),
            format_html_join("", "<tr>{}</tr>", ((_cells(row),) for row in rows)),
        )

    change_log.short_description = _("riwayat perubahan")


def _cells(row):
    return format_html_join("", "<td>{}</td>", ((value,) for value in row))


class SharedInlineMixin:
    """Inline rows (a speaker's links) change exactly when their parent may."""

    def _parent_allowed(self, request, obj):
        return obj is None or request.method == "POST" or shared.refusal(request.user, obj) is None

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_allowed(request, obj)
