"""The workflow panel on an item's change page: the allowed buttons, the log, and the
view its buttons post to. Every press goes to `workflow.apply`, which decides."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from newsroom.dates import format_when

from .. import workflow
from ..models import Status
from ..workflow import permissions
from .forms import WorkflowActionForm


class WorkflowPanelMixin:
    def item_urls(self):
        return [*super().item_urls(), ("alur/", self.workflow_view, "workflow")]

    def workflow_panel_context(self, request, obj):
        transitions = workflow.available(obj, request.user)
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
            "can_revise_live": permissions.can_revise_live(request.user, obj),
            "preview_url": reverse("editorial:preview", args=[self.preview_kind, obj.pk]),
        }

    def workflow_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        if (redirect := self._require_post(request, obj)) is not None:
            return redirect
        form = WorkflowActionForm(request.POST)
        if not form.is_valid() or form.cleaned_data["action"] not in workflow.TRANSITIONS:
            # A refused time says why (e.g. the year); anything else was not our form.
            unknown = _("Tindakan atau waktu yang dikirim tidak dikenali.")
            messages.error(request, " ".join(form.errors.get("at") or [unknown]))
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
        if obj.mail_failures:
            messages.warning(
                request,
                _(
                    "%(count)s pemberitahuan e-mail tentang langkah ini tidak terkirim "
                    "(%(people)s); kabari penerimanya langsung. Kegagalan ini sudah dicatat "
                    "di log server."
                )
                % {"count": len(obj.mail_failures), "people": ", ".join(obj.mail_failures)},
            )
        target = obj.draft_of if obj.draft_of_id and obj.status == Status.PUBLISHED else obj
        return HttpResponseRedirect(self._change_url(target))


def _labelled(entry):
    entry.label = workflow.action_label(entry.action)
    return entry
