"""What the Article and Event admins share: scope and edit rights, composed with the
mixins for saving (pending copies, autosave), the workflow panel, revision history,
share links and bulk actions.

The admin never decides on its own what a user may do: it asks `units.roles` and
`workflow.permissions`, and hands every state change to `workflow`, whose refusals come
back as admin messages.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.admin import staff_label
from newsroom.limits import BoundedInputAdminMixin
from units import roles

from .. import workflow
from ..models import Status
from ..models.publishable import OPEN_COPIES, WORKFLOW_FIELDS
from ..workflow import permissions
from . import item_panels
from .autosave import AutosaveMixin
from .bulk_actions import BulkWorkflowActionsMixin
from .changelist import LongListAdminMixin, OriginalsChangeList
from .edit_context import edit_context
from .item_views import ItemViewsMixin
from .list_memo import ListMemo
from .pending_copies import PendingCopiesMixin, is_live_original
from .revision_history import RevisionHistoryMixin
from .share_links import ShareLinksMixin
from .status import status_html
from .workflow_panel import WorkflowPanelMixin

# Read-only on every page; the state reads "Terjadwal" for a published item not yet due,
# and colleagues are named as they know each other, not by their login names.
SHOWN_AS = {
    "status": "status_column",
    "submitted_by": "submitted_by_name",
    "updated_by": "updated_by_name",
}
PUBLISHING_FIELDS = [SHOWN_AS.get(name, name) for name in WORKFLOW_FIELDS]


def _reach(user):
    """What decides which items the user's lists hold (`roles.scope_queryset`)."""
    if roles.acts_everywhere(user):
        return "everywhere"
    if not roles.has_any_role(user):
        return "nowhere"
    return tuple(sorted(roles.unit_ids(user)))


def colleague(user):
    return staff_label(user) if user is not None else "-"


def kept_for_history(obj):
    """A URL the public knew, or a copy merged into one: withdrawn, never deleted."""
    return obj.was_public or (obj.copy_of_id is not None and obj.status == Status.PUBLISHED)


class ContentInline:
    """Inline rows are content: editable exactly when the parent's content is."""

    def _parent_editable(self, request, obj):
        if obj is None:
            return roles.has_any_role(request.user)
        admin_for_parent = self.admin_site._registry[type(obj)]
        return admin_for_parent.content_editable(request, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_editable(request, obj)


class PublishableAdmin(
    AutosaveMixin,
    BulkWorkflowActionsMixin,
    WorkflowPanelMixin,
    RevisionHistoryMixin,
    ShareLinksMixin,
    PendingCopiesMixin,
    ItemViewsMixin,
    LongListAdminMixin,
    BoundedInputAdminMixin,
    admin.ModelAdmin,
):
    change_form_template = "admin/articles/publishable_change_form.html"
    preview_kind = None  # "berita" or "kegiatan": the preview URL segment

    class Media:
        # Autosave, the leave-page guard, the checks and the preview beside the form.
        js = [
            "articles/editor/autosave.js",
            "articles/editor/checks.js",
            "articles/editor/live-preview.js",
        ]

    # --- scope and permissions -------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return roles.scope_queryset(request.user, queryset).annotate(
            has_pending=Exists(self.model.objects.filter(OPEN_COPIES, copy_of=OuterRef("pk")))
        )

    def get_changelist(self, request, **kwargs):
        return OriginalsChangeList

    def list_memo_scope(self, request):
        """The user's reach: `get_queryset` is every item, scoped by it alone (compiling
        the list's SQL for a key cost more than the cache read)."""
        return ("reach", _reach(request.user))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or roles.in_scope(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not roles.in_scope(request.user, obj):
            return False
        if obj is not None and kept_for_history(obj) and not request.user.is_superuser:
            return False  # withdraw it: the old URL answers 410 and the history stays
        return super().has_delete_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        if request.method == "POST":
            # The form's clean() refuses stale or locked saves with a message and
            # keeps what the user typed; a 403 here would throw it away.
            return roles.may_act(request.user, obj, roles.ROLES)
        return permissions.can_edit_content(request.user, obj) or permissions.can_revise_live(
            request.user, obj
        )

    def view_on_site(self, obj):
        """Only what the public can open; anything else has the preview link."""
        return obj.get_absolute_url() if obj.is_public else None

    def content_editable(self, request, obj):
        if not self.has_change_permission(request, obj):
            return False
        return not (is_live_original(obj) and workflow.pending_copy(obj) is not None)

    def get_readonly_fields(self, request, obj=None):
        readonly = [*PUBLISHING_FIELDS, *self.readonly_fields]
        if obj is not None and (obj.first_published_at or obj.copy_of_id):
            readonly.append("slug")  # the public URL never changes once it existed
        if is_live_original(obj) and workflow.pending_copy(obj) is not None:
            readonly += [name for name in self.editable_field_names() if name not in readonly]
        return readonly

    def editable_field_names(self):
        return [name for _title, opts in self.fieldsets for name in opts["fields"]]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if obj is None else {}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.related_model is get_user_model():
            field.label_from_instance = staff_label  # as the picker's search results read
        return field

    def get_changeform_initial_data(self, request):
        """A new item starts in the author's own unit (owner, and organiser of an event),
        credited to them."""
        initial = super().get_changeform_initial_data(request)
        units = sorted(roles.unit_ids(request.user))
        if len(units) == 1:
            initial.setdefault("unit", units[0])
            if "organisers" in self.editable_field_names():
                initial.setdefault("organisers", [units[0]])
        if "writer" in self.editable_field_names():
            initial.setdefault("writer", request.user.pk)
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusal = edit_context(request).refusal
        return type(form.__name__, (form,), {"acting_user": request.user, "refusal": refusal})

    # --- change page -------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_view_permission(request, obj):
            extra_context.update(self.workflow_panel_context(request, obj))
            extra_context.update(self.revision_context(request, obj))
            extra_context.update(self.share_context(request, obj))
            extra_context["read_only_reason"] = self._read_only_reason(request, obj)
            extra_context["item_panels"] = item_panels.panels_for(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def _read_only_reason(self, request, obj):
        if self.has_change_permission(request, obj) and self.content_editable(request, obj):
            return ""
        if obj.copy_of_id and obj.status == Status.PUBLISHED:
            return _(
                "Salinan tertunda ini sudah diterbitkan ke konten aslinya dan kini hanya arsip."
            )
        if is_live_original(obj) and workflow.pending_copy(obj) is not None:
            return _("Konten ini punya salinan tertunda; sunting salinan tersebut.")
        if obj.status == Status.WITHDRAWN:
            return _("Konten yang ditarik harus dikembalikan ke draf sebelum disunting.")
        return _("Konten berstatus %(status)s tidak dapat Anda sunting.") % {
            "status": obj.status_display
        }

    # --- changelist --------------------------------------------------------------

    def get_list_display(self, request):
        """The pending-copy column only while some item in reach has one open."""
        columns = list(super().get_list_display(request))
        if "pending_column" in columns and not self._pending_in_reach(request):
            columns.remove("pending_column")
        return columns

    def _pending_in_reach(self, request):
        """Asked once per request (the list asks for its columns more than once), and kept
        until content changes: opening, publishing or discarding a copy is a write, which
        moves the staff token (`list_memo`)."""
        answers = edit_context(request).pending_in_reach
        if self.model not in answers:
            user = request.user

            def find():
                pending = self.model.objects.filter(OPEN_COPIES)
                return roles.scope_queryset(user, pending).exists()

            if settings.NEWSROOM_SHARED_CACHE:
                memo = ListMemo(scope=("pending", self.model._meta.label, _reach(user)))
                answers[self.model] = memo.get("pending", find)
            else:
                answers[self.model] = find()
        return answers[self.model]

    @admin.display(description=gettext_lazy("salinan tertunda"))
    def pending_column(self, obj):
        return gettext_lazy("ada salinan tertunda") if obj.has_pending else ""

    @admin.display(description=gettext_lazy("diajukan oleh"))
    def submitted_by_name(self, obj):
        return colleague(obj.submitted_by)

    @admin.display(description=gettext_lazy("diubah oleh"))
    def updated_by_name(self, obj):
        return colleague(obj.updated_by)

    @admin.display(description=gettext_lazy("status · waktu terbit"), ordering="publish_at")
    def status_column(self, obj):
        return status_html(obj)
