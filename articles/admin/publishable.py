"""What the Article and Event admins share: scope, edit rights, the workflow panel,
revision history and share links.

The admin never decides on its own what a user may do: it asks `roles` and hands every
state change to `workflow`, whose refusals come back as admin messages.
"""

from functools import update_wrapper

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from newsroom.admin import staff_label

from .. import preview, revisions, roles, workflow
from ..forms import WorkflowActionForm
from ..models import Correction, Status
from ..roles import EDITOR, PUBLISHER
from ..workflow import WorkflowError

PUBLISHING_FIELDS = [
    "status",
    "publish_at",
    "first_published_at",
    "created_at",
    "updated_at",
    "version",
    "submitted_by",
    "updated_by",
]


def is_live_original(obj):
    return obj is not None and obj.pk and obj.draft_of_id is None and obj.status == Status.PUBLISHED


def was_public(obj):
    return obj.first_published_at is not None and obj.first_published_at <= timezone.now()


class OriginalsChangeList(ChangeList):
    """Lists show originals; a pending copy is reached from its live item's page."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).filter(draft_of__isnull=True)


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


class PublishableAdmin(admin.ModelAdmin):
    change_form_template = "admin/articles/publishable_change_form.html"
    preview_kind = None  # "berita" or "kegiatan": the preview URL segment
    actions = ["submit_selected", "approve_selected", "publish_selected", "return_selected"]

    # --- scope and permissions -------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return roles.scope_queryset(request.user, queryset).annotate(
            has_pending=Exists(
                self.model.objects.filter(draft_of=OuterRef("pk")).exclude(status=Status.PUBLISHED)
            )
        )

    def get_changelist(self, request, **kwargs):
        return OriginalsChangeList

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or roles.in_scope(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not roles.in_scope(request.user, obj):
            return False
        if obj is not None and was_public(obj) and not request.user.is_superuser:
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
        return roles.can_edit_content(request.user, obj) or roles.can_revise_live(request.user, obj)

    def view_on_site(self, obj):
        """Only what the public can open; anything else has the preview link."""
        return obj.get_absolute_url() if obj.is_public else None

    def content_editable(self, request, obj):
        if not self.has_change_permission(request, obj):
            return False
        return not (is_live_original(obj) and workflow.pending_revision(obj) is not None)

    def get_readonly_fields(self, request, obj=None):
        readonly = [*PUBLISHING_FIELDS, *self.readonly_fields]
        if obj is not None and (obj.first_published_at or obj.draft_of_id):
            readonly.append("slug")  # the public URL never changes once it existed
        if is_live_original(obj) and workflow.pending_revision(obj) is not None:
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
        """A new item starts in the author's own unit, credited to them."""
        initial = super().get_changeform_initial_data(request)
        units = sorted(roles.unit_ids(request.user))
        if len(units) == 1:
            initial.setdefault("unit", units[0])
        if "writer" in self.editable_field_names():
            initial.setdefault("writer", request.user.pk)
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"acting_user": request.user})

    # --- saving ------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change and is_live_original(obj):
            return  # content goes to a pending copy in save_related; the live row waits
        obj.updated_by = request.user
        if change:
            obj.version += 1
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        if change and is_live_original(obj):
            self._save_into_pending_copy(request, form, formsets)
            return
        super().save_related(request, form, formsets, change)
        revisions.record(obj, request.user)

    def _save_into_pending_copy(self, request, form, formsets):
        live = form.instance
        content_formsets = [fs for fs in formsets if fs.model is not Correction]
        for formset in formsets:
            if formset.model is Correction:
                self.save_formset(request, form, formset, change=True)
        # The admin's change message reads these; content rows go to the copy, if anywhere.
        changed = [fs for fs in content_formsets if fs.has_changed()]
        for formset in content_formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if not (form.has_changed() or changed):
            return
        copy = workflow.start_revision(live, request.user)
        revisions.copy_content(live, copy, include_slug=False)
        copy.updated_by = request.user
        copy.version += 1
        copy.save()
        form.instance = copy
        form.save_m2m()
        for formset in content_formsets:
            rows = [
                (f.cleaned_data["speaker"].pk, f.cleaned_data["role"], f.cleaned_data["order"])
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            revisions.set_event_speakers(copy, rows)
        revisions.record(copy, request.user)
        request._newsroom_pending_copy = copy

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        article = formset.instance
        changed = {obj.pk for obj, _fields in formset.changed_objects}
        for correction in instances:
            action = "change_correction" if correction.pk in changed else "add_correction"
            if correction.created_by_id is None:
                correction.created_by = request.user
            correction.save()
            _log_correction(article, request.user, action, correction)
        for gone in formset.deleted_objects:
            _log_correction(article, request.user, "delete_correction", gone)
            gone.delete()
        if instances or formset.deleted_objects:
            # Feeds and sitemaps report the article as modified.
            type(formset.instance).objects.filter(pk=formset.instance.pk).update(
                updated_at=timezone.now()
            )

    def response_change(self, request, obj):
        copy = getattr(request, "_newsroom_pending_copy", None)
        if copy is None:
            return super().response_change(request, obj)
        messages.success(
            request,
            _(
                "Perubahan disimpan sebagai revisi tertunda. Yang tampil untuk publik belum "
                "berubah sampai revisi ini disetujui dan diterbitkan."
            ),
        )
        return HttpResponseRedirect(self._change_url(copy))

    # --- change page -------------------------------------------------------------

    def _change_url(self, obj):
        meta = self.model._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_view_permission(request, obj):
            extra_context.update(self.workflow_context(request, obj))
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_context(self, request, obj):
        user = request.user
        transitions = workflow.available(obj, user)
        can_share = self._can_share(request, obj)
        pending = workflow.pending_revision(obj)
        return {
            "workflow": True,
            "workflow_item": obj,
            "workflow_transitions": transitions,
            "workflow_needs_comment": [t.name for t in transitions if t.needs_comment],
            "workflow_takes_time": any(t.needs_time or t.name == "publish" for t in transitions),
            "workflow_form": WorkflowActionForm(),
            "workflow_action_url": reverse(self._url_name("workflow"), args=[obj.pk]),
            "workflow_log": [_labelled(entry) for entry in workflow.history(obj)],
            "pending_revision": pending,
            "live_item": obj.draft_of,
            "live_item_url": self._change_url(obj.draft_of) if obj.draft_of_id else "",
            "pending_revision_url": self._change_url(pending) if pending else "",
            "can_revise_live": roles.can_revise_live(user, obj),
            "recent_revisions": list(revisions.revisions_of(obj)[:5]),
            "revisions_url": reverse(self._url_name("revisions"), args=[obj.pk]),
            "preview_url": reverse("editorial:preview", args=[self.preview_kind, obj.pk]),
            "can_share": can_share,
            "share_links": [
                {
                    "link": link,
                    "active": preview.is_active(link),
                    "url": preview.share_url(link, request),
                    "revoke_url": reverse(self._url_name("revoke"), args=[obj.pk, link.pk]),
                }
                for link in (preview.links_for(obj) if can_share else [])
            ],
            "share_create_url": reverse(self._url_name("share"), args=[obj.pk]),
            "read_only_reason": self._read_only_reason(request, obj),
        }

    def _read_only_reason(self, request, obj):
        if self.has_change_permission(request, obj) and self.content_editable(request, obj):
            return ""
        if obj.draft_of_id and obj.status == Status.PUBLISHED:
            return _("Revisi ini sudah diterbitkan ke konten aslinya dan kini hanya arsip.")
        if is_live_original(obj) and workflow.pending_revision(obj) is not None:
            return _("Konten ini punya revisi tertunda; sunting revisi tersebut.")
        if obj.status == Status.WITHDRAWN:
            return _("Konten yang ditarik harus dikembalikan ke draf sebelum disunting.")
        return _("Konten berstatus %(status)s tidak dapat Anda sunting.") % {
            "status": Status(obj.status).label
        }

    def _can_share(self, request, obj):
        return request.user.has_perm("articles.add_sharelink") and roles.may_act(
            request.user, obj, (EDITOR, PUBLISHER)
        )

    # --- extra views -------------------------------------------------------------

    def _url_name(self, suffix):
        meta = self.model._meta
        return f"admin:{meta.app_label}_{meta.model_name}_{suffix}"

    def get_urls(self):
        def wrap(view):
            def wrapper(*args, **kwargs):
                return self.admin_site.admin_view(view)(*args, **kwargs)

            return update_wrapper(wrapper, view)

        meta = self.model._meta
        name = f"{meta.app_label}_{meta.model_name}"
        return [
            path("<path:object_id>/alur/", wrap(self.workflow_view), name=f"{name}_workflow"),
            path("<path:object_id>/revisi/", wrap(self.revisions_view), name=f"{name}_revisions"),
            path(
                "<path:object_id>/revisi/<int:revision_id>/pulihkan/",
                wrap(self.restore_view),
                name=f"{name}_restore",
            ),
            path("<path:object_id>/tautan/", wrap(self.share_view), name=f"{name}_share"),
            path(
                "<path:object_id>/tautan/<int:link_id>/cabut/",
                wrap(self.revoke_view),
                name=f"{name}_revoke",
            ),
            *super().get_urls(),
        ]

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return obj

    def _require_post(self, request, obj):
        if request.method != "POST":
            return HttpResponseRedirect(self._change_url(obj))
        return None

    def workflow_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        if (redirect := self._require_post(request, obj)) is not None:
            return redirect
        form = WorkflowActionForm(request.POST)
        if not form.is_valid() or form.cleaned_data["action"] not in workflow.TRANSITIONS:
            messages.error(request, _("Tindakan atau waktu yang dikirim tidak dikenali."))
            return HttpResponseRedirect(self._change_url(obj))
        name = form.cleaned_data["action"]
        try:
            workflow.apply(
                name,
                obj,
                request.user,
                comment=form.cleaned_data["comment"],
                at=form.cleaned_data["at"],
                expected_version=form.cleaned_data["version"],
            )
        except WorkflowError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(self._change_url(obj))
        if obj.is_scheduled:
            done = _("“%(title)s” dijadwalkan terbit %(when)s.") % {
                "title": obj,
                "when": preview.format_when(obj.publish_at),
            }
        else:
            done = _("%(action)s: “%(title)s” kini berstatus %(status)s.") % {
                "action": workflow.TRANSITIONS[name].label,
                "title": obj,
                "status": Status(obj.status).label,
            }
        messages.success(request, done)
        target = obj.draft_of if obj.draft_of_id and obj.status == Status.PUBLISHED else obj
        return HttpResponseRedirect(self._change_url(target))

    def revisions_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        history = list(revisions.revisions_of(obj))
        by_pk = {rev.pk: rev for rev in history}
        older = by_pk.get(_int(request.GET.get("a")))
        newer = by_pk.get(_int(request.GET.get("b")))
        if older is None and newer is None and len(history) >= 2:
            newer, older = history[0], history[1]
        rows = None
        if older is not None and newer is not None:
            if older.version > newer.version:
                older, newer = newer, older
            rows = revisions.compare(self.model, older.data, newer.data)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Riwayat revisi: %(title)s") % {"title": obj},
            "item": obj,
            "history": history,
            "older": older,
            "newer": newer,
            "rows": rows,
            "change_url": self._change_url(obj),
            "restore_url_name": self._url_name("restore"),
            "can_restore": self._can_restore(request, obj),
        }
        return TemplateResponse(request, "admin/articles/revisions.html", context)

    def _can_restore(self, request, obj):
        user = request.user
        return roles.can_edit_content(user, obj) or roles.can_revise_live(user, obj)

    def restore_view(self, request, object_id, revision_id):
        obj = self._object_or_404(request, object_id)
        if (redirect := self._require_post(request, obj)) is not None:
            return redirect
        revision = get_object_or_404(
            revisions.revisions_of(obj), pk=revision_id
        )  # only this item's revisions
        try:
            target = revisions.restore(revision, obj, request.user)
        except WorkflowError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(self._change_url(obj))
        messages.success(
            request,
            _("Isi versi %(version)s dipulihkan sebagai draf baru (versi %(new)s).")
            % {"version": revision.version, "new": target.version},
        )
        return HttpResponseRedirect(self._change_url(target))

    def share_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        if (redirect := self._require_post(request, obj)) is not None:
            return redirect
        if not self._can_share(request, obj):
            raise PermissionDenied
        link = preview.create_share_link(obj, request.user)
        messages.success(
            request,
            _("Tautan pratinjau dibuat, berlaku sampai %(until)s: %(url)s")
            % {"until": preview.format_when(link.expires_at), "url": preview.share_url(link)},
        )
        return HttpResponseRedirect(self._change_url(obj))

    def revoke_view(self, request, object_id, link_id):
        obj = self._object_or_404(request, object_id)
        if (redirect := self._require_post(request, obj)) is not None:
            return redirect
        if not self._can_share(request, obj):
            raise PermissionDenied
        link = get_object_or_404(preview.links_for(obj), pk=link_id)
        preview.revoke_share_link(link, request.user)
        messages.success(request, _("Tautan pratinjau dicabut."))
        return HttpResponseRedirect(self._change_url(obj))

    # --- changelist --------------------------------------------------------------

    @admin.display(description=gettext_lazy("revisi tertunda"), boolean=True)
    def pending_column(self, obj):
        return obj.has_pending

    def get_actions(self, request):
        actions = super().get_actions(request)
        needs = {
            "submit_selected": roles.ROLES,
            "approve_selected": (EDITOR, PUBLISHER),
            "publish_selected": (PUBLISHER,),
            "return_selected": (PUBLISHER,),
        }
        for name, wanted in needs.items():
            if name in actions and not roles.has_any_role(request.user, wanted):
                del actions[name]
        return actions

    def _bulk(self, request, queryset, name):
        done, refused = 0, []
        for item in queryset:
            step = name
            if name == "submit" and item.status == Status.CHANGES_REQUESTED:
                step = "resubmit"  # one "put up for review" action for drafts and sent-back items
            try:
                workflow.apply(step, item, request.user)
                done += 1
            except WorkflowError as error:
                refused.append(f"\u201c{item}\u201d: {error.message}")
        if done:
            messages.success(
                request,
                ngettext("%(count)d konten diproses.", "%(count)d konten diproses.", done)
                % {"count": done},
            )
        for line in refused:
            messages.error(request, line)

    @admin.action(description=gettext_lazy("Ajukan yang dipilih untuk ditinjau"))
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, "submit")

    @admin.action(description=gettext_lazy("Setujui yang dipilih"))
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, "approve")

    @admin.action(description=gettext_lazy("Terbitkan yang dipilih sekarang"))
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, "publish")

    @admin.action(description=gettext_lazy("Kembalikan yang dipilih ke draf"))
    def return_selected(self, request, queryset):
        self._bulk(request, queryset, "return_to_draft")


def _log_correction(article, actor, action, correction):
    """Public notes on live content: every change to them is on the item's log."""
    when = preview.format_when(correction.noted_at)
    workflow.log(
        article, actor, action, article.status, article.status, f"{when}: {correction.text}"
    )


def _labelled(entry):
    entry.label = workflow.action_label(entry.action)
    return entry


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
