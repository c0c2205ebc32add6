"""The workflow panel on an item's change page: the allowed buttons, the log, and the
view its buttons post to. Every press goes to `workflow.apply`, which decides.

The buttons belong to the change form (HTML `form`/`formaction`, no script needed), so
a press also carries whatever the form holds. Nothing typed is lost: a submission
("Ajukan") saves the form first and submits what was saved; any other step refuses
while the form holds unsaved changes and shows the form again, filled.
"""

import html
import re

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from newsroom.dates import format_when
from units import roles

from .. import workflow
from ..models import Status
from ..models.editor_schema import editor_form
from ..workflow import permissions
from ..workflow.actions import SUBMISSIONS
from .edit_context import edit_context
from .forms import WorkflowActionForm

SUBMIT_ON_ADD = "submit"
_BLANKS = re.compile(r"\s+")
_BETWEEN_TAGS = re.compile(r">\s+<")


def _same_text(initial, posted):
    """Equal but for line endings, spacing and entities (browsers and editors reformat
    them: CKEditor 4 wrote &ldquo; for “ and line breaks between paragraphs)."""
    if not isinstance(initial, str) or not isinstance(posted, str):
        return False

    def squeeze(text):
        return _BLANKS.sub(" ", _BETWEEN_TAGS.sub("><", html.unescape(text))).strip()

    return squeeze(initial) == squeeze(posted)


class WorkflowPanelMixin:
    def item_urls(self):
        return [*super().item_urls(), ("alur/", self.workflow_view, "workflow")]

    def workflow_panel_context(self, request, obj):
        transitions = workflow.available(obj, request.user)
        pending = workflow.pending_copy(obj)
        return {
            "workflow": True,
            "workflow_item": obj,
            "workflow_transitions": transitions,
            "workflow_needs_comment": [t.name for t in transitions if t.needs_comment],
            "workflow_takes_time": any(t.needs_time or t.name == "publish" for t in transitions),
            "workflow_form": WorkflowActionForm(form_id=f"{obj._meta.model_name}_form"),
            "workflow_action_url": reverse(self._url_name("workflow"), args=[obj.pk]),
            "workflow_log": [_labelled(entry) for entry in workflow.history(obj)],
            "change_request": workflow.open_change_request(obj),
            "pending_copy": pending,
            "live_item": obj.copy_of,
            "live_item_url": self._change_url(obj.copy_of) if obj.copy_of_id else "",
            "pending_copy_url": self._change_url(pending) if pending else "",
            "can_revise_live": permissions.can_revise_live(request.user, obj),
            "preview_url": reverse("editorial:preview", args=[self.preview_kind, obj.pk]),
        }

    def workflow_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        if (redirect := self._require_post(request, obj)) is not None:
            return redirect
        form = WorkflowActionForm(request.POST)
        if not form.is_valid() or form.cleaned_data["action"] not in workflow.TRANSITIONS:
            # A refused time or comment says why (the year, the length); anything else
            # was not our form.
            unknown = _("Tindakan atau waktu yang dikirim tidak dikenali.")
            said = form.errors.get("at") or form.errors.get("comment") or [unknown]
            messages.error(request, " ".join(said))
            return HttpResponseRedirect(self._change_url(obj))
        name = form.cleaned_data["action"]
        if self._unsaved_changes(request, obj):
            label = workflow.TRANSITIONS[name].label
            if name in SUBMISSIONS:
                edit_context(request).then = (name, form.cleaned_data)
            else:
                edit_context(request).refusal = _(
                    "Formulir berisi perubahan yang belum disimpan, jadi “%(action)s” belum "
                    "dijalankan. Isian Anda masih ada di bawah: simpan dulu, atau muat ulang "
                    "halaman untuk membuangnya, lalu pilih “%(action)s” lagi."
                ) % {"action": label}
            return self.change_view(request, object_id, form_url=self._change_url(obj))
        return self._run_transition(request, obj, name, form.cleaned_data)

    def _unsaved_changes(self, request, obj):
        """Does the posted change form differ from the stored row?

        Only a post that carries the form (its version field) is compared, and only when
        the user may edit the content at all (a read-only form has no fields to lose).
        """
        if "expected_version" not in request.POST or not self.content_editable(request, obj):
            return False
        form = self.get_form(request, obj, change=True)(request.POST, request.FILES, instance=obj)
        for name in form.changed_data:
            if name == "expected_version":
                continue  # a stale page is the version check's business
            field = form[name]
            if name == "body" and editor_form(field.initial) == editor_form(field.data):
                continue  # the same text in the editor's form (it may rewrite an old body)
            if not _same_text(field.initial, field.data):
                return True
        formsets, _inlines = self._create_formsets(request, obj, change=True)
        return any(formset.has_changed() for formset in formsets)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """A new item's form offers "Simpan dan ajukan": saving and submitting in one press,
        to whoever may submit at all (the transition decides on the saved item)."""
        if add and roles.has_any_role(request.user):
            context["submit_on_add"] = True
        if "workflow_form" in context:  # its date and time widget's calendar and clock
            context["media"] = context["media"] + context["workflow_form"].media
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit_for_review" not in request.POST:
            return super().response_add(request, obj, post_url_continue)
        super().response_add(request, obj, post_url_continue)  # its message and bookkeeping
        data = {"comment": "", "at": None, "version": obj.version}
        return self._run_transition(request, obj, SUBMIT_ON_ADD, data)

    def response_change(self, request, obj):
        then = edit_context(request).then
        if then is None:
            return super().response_change(request, obj)
        name, data = then
        messages.success(request, _("Perubahan Anda disimpan."))
        return self._run_transition(request, obj, name, {**data, "version": None})

    def _run_transition(self, request, obj, name, data):
        try:
            workflow.apply(
                name,
                obj,
                request.user,
                comment=data["comment"],
                at=data["at"],
                expected_version=data["version"],
            )
        except workflow.WorkflowError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(self._change_url(obj))
        if obj.is_scheduled:
            done = _("“%(title)s” dijadwalkan terbit %(when)s.") % {
                "title": obj,
                "when": format_when(obj.publish_at),
            }
        else:
            done = _("%(action)s: “%(title)s” kini berstatus %(status)s.") % {
                "action": workflow.TRANSITIONS[name].label,
                "title": obj,
                "status": Status(obj.status).label,
            }
        messages.success(request, done)
        target = obj.copy_of if obj.copy_of_id and obj.status == Status.PUBLISHED else obj
        return HttpResponseRedirect(self._change_url(target))


def _labelled(entry):
    entry.label = workflow.action_label(entry.action)
    return entry
