"""An item's revision history in the admin: the list, a comparison of two versions, and
restoring an old one (into the item, or into a pending copy when it is live)."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import workflow
from ..workflow import permissions, revisions
from ..workflow.diff import compare


class RevisionHistoryMixin:
    def item_urls(self):
        return [
            *super().item_urls(),
            ("revisi/", self.revisions_view, "revisions"),
            ("revisi/<int:revision_id>/pulihkan/", self.restore_view, "restore"),
        ]

    def revision_context(self, request, obj):
        return {
            "recent_revisions": list(revisions.revisions_of(obj)[:5]),
            "revisions_url": reverse(self._url_name("revisions"), args=[obj.pk]),
        }

    def revisions_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        history = list(revisions.revisions_of(obj))
        by_pk = {rev.pk: rev for rev in history}
        older = by_pk.get(_int(request.GET.get("a")))
        newer = by_pk.get(_int(request.GET.get("b")))
        sent_back = None
        if older is None and newer is None and len(history) >= 2:
            older, newer, sent_back = _default_pair(obj, history)
        rows = None
        if older is not None and newer is not None:
            if older.version > newer.version:
                older, newer = newer, older
            rows = compare(self.model, older.data, newer.data)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Riwayat revisi: %(title)s") % {"title": obj},
            "item": obj,
            "history": history,
            "older": older,
            "newer": newer,
            "rows": rows,
            "sent_back": sent_back,
            "change_url": self._change_url(obj),
            "restore_url_name": self._url_name("restore"),
            "can_restore": self._can_restore(request, obj),
        }
        return TemplateResponse(request, "admin/articles/revisions.html", context)

    def _can_restore(self, request, obj):
        user = request.user
        return permissions.can_edit_content(user, obj) or permissions.can_revise_live(user, obj)

    def restore_view(self, request, object_id, revision_id):
        obj = self._object_or_404(request, object_id)
        if (redirect := self._require_post(request, obj)) is not None:
            return redirect
        # Only this item's revisions.
        revision = get_object_or_404(revisions.revisions_of(obj), pk=revision_id)
        try:
            target = workflow.restore(revision, obj, request.user)
        except workflow.WorkflowError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(self._change_url(obj))
        messages.success(
            request,
            _("Isi versi %(version)s dipulihkan sebagai draf baru (versi %(new)s).")
            % {"version": revision.version, "new": target.version},
        )
        return HttpResponseRedirect(self._change_url(target))


def _default_pair(obj, history):
    """What changed since the item was last sent back (the version the editor read then
    against the newest), else the two newest versions; and the send-back compared from."""
    sent_back = workflow.last_sent_back(obj)
    if sent_back is not None:
        read = next((rev for rev in history if rev.created_at <= sent_back.at), None)
        if read is not None and read.pk != history[0].pk:
            return read, history[0], sent_back
    return history[1], history[0], None


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
