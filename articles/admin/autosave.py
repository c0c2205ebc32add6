"""Autosave of the article and event change forms: a per-person snapshot, not a revision.

The form's script (`articles/static/articles/editor/autosave.js`) posts the fields it holds
a moment after each edit, and once more when the tab is hidden or closed (a beacon); on
the next visit it asks for the snapshot and offers "Pulihkan" when it differs from what
the form shows. A successful save of the form deletes the snapshot (`AutosaveMixin`).

Bounded: at most `MAX_FIELDS` fields, each at most `MAX_VALUES` values of
`MAX_CHARACTERS` characters; anything else is refused with a message, never stored cut.
"""

import json

from django.contrib import admin
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from newsroom.dates import format_when

from ..models import Article, Event, FormSnapshot
from ..workflow import permissions
from ..workflow.pending import pending_copy
from .pending_copies import is_live_original

KINDS = {"berita": Article, "kegiatan": Event}
MAX_FIELDS = 100
MAX_VALUES = 50
MAX_CHARACTERS = 210_000  # the body's own limit (newsroom/limits.py) and some markup


def _refused(message, status=400):
    return JsonResponse({"saved": False, "error": message}, status=status)


def _clean(raw):
    """The posted snapshot as {name: [str, ...]}, or None when it is not one."""
    try:
        fields = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(fields, dict) or len(fields) > MAX_FIELDS:
        return None
    for name, values in fields.items():
        if not isinstance(values, list) or len(values) > MAX_VALUES:
            return None
        if not all(isinstance(v, str) and len(v) <= MAX_CHARACTERS for v in values):
            return None
        if len(name) > 100:
            return None
    return fields


def may_edit(request, model, object_id):
    """May this person change the form of `model` #object_id (0: a new one)?"""
    model_admin = admin.site._registry[model]
    if object_id == 0:
        return model_admin.has_add_permission(request)
    obj = model_admin.get_object(request, str(object_id))
    return obj is not None and model_admin.may_edit_content(request, obj)


@never_cache
@require_http_methods(["GET", "POST", "DELETE"])
def autosave(request, kind, object_id):
    user = request.user
    model = KINDS.get(kind)
    if model is None or not (user.is_active and user.is_staff):
        return _refused(_("Tidak ditemukan."), status=404)
    if not may_edit(request, model, object_id):
        return _refused(_("Anda tidak berhak menyunting isian ini."), status=403)
    rows = FormSnapshot.objects.filter(user=user, kind=kind, object_id=object_id)
    if request.method == "DELETE":
        rows.delete()
        return JsonResponse({"saved": False})
    if request.method == "GET":
        snapshot = rows.first()
        if snapshot is None:
            return JsonResponse({"fields": None})
        return JsonResponse({"fields": snapshot.fields, "when": format_when(snapshot.saved_at)})
    fields = _clean(request.POST.get("snapshot", ""))
    if fields is None:
        return _refused(_("Isian yang dikirim tidak dapat disimpan otomatis."))
    FormSnapshot.objects.update_or_create(
        user=user, kind=kind, object_id=object_id, defaults={"fields": fields}
    )
    return JsonResponse({"saved": True, "when": format_when(rows.get().saved_at)})


def discard(user, kind, object_id):
    FormSnapshot.objects.filter(user=user, kind=kind, object_id=object_id).delete()


class AutosaveMixin:
    """Puts the autosave and live preview addresses (and, where `review_checks`, the
    checks' address) on editable change forms; a save discards the snapshot."""

    review_checks = False  # articles/admin/review_checks.py beside the form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.has_add_permission(request) if obj is None else self.may_edit_content(request, obj):
            context["autosave_url"] = reverse(
                "editorial:autosave", args=[self.preview_kind, obj.pk if obj else 0]
            )
            context["live_preview_url"] = reverse(
                "editorial:live-preview", args=[self.preview_kind, obj.pk if obj else 0]
            )
            if self.review_checks:
                context["checks_url"] = reverse("editorial:checks")
        return super().render_change_form(request, context, add, change, form_url, obj)

    def may_edit_content(self, request, obj):
        """The form's fields can be changed: what the change page shows editable to a GET
        (`has_change_permission` is lenient to posts, which it answers with a message)."""
        user = request.user
        opts = self.model._meta
        if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            return False
        if not (permissions.can_edit_content(user, obj) or permissions.can_revise_live(user, obj)):
            return False
        return not (is_live_original(obj) and pending_copy(obj) is not None)

    def response_add(self, request, obj, post_url_continue=None):
        discard(request.user, self.preview_kind, 0)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        discard(request.user, self.preview_kind, obj.pk)
        return super().response_change(request, obj)
