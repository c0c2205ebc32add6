"""Saving an item from its change page: into the row itself, or, for live content, into a
pending copy the public does not see until it is published. Corrections on live articles
are saved in place and logged.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.dates import format_when

from .. import workflow
from ..models import Correction, Status
from ..workflow import events, revisions
from .edit_context import edit_context


def is_live_original(obj):
    return obj is not None and obj.pk and obj.copy_of_id is None and obj.status == Status.PUBLISHED


class PendingCopiesMixin:
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
        if change:
            workflow.content_saved(obj, request.user)

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
        copy = workflow.start_pending_copy(live, request.user)
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
        edit_context(request).pending_copy = copy

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
            if correction.major:
                # Once per correction (the event's key): readers already alerted hear of it.
                events.emit(
                    events.CORRECTED,
                    article,
                    key=f"correction:{correction.pk}",
                    actor=request.user,
                    data={"major": True, "correction": correction.pk},
                )
        for gone in formset.deleted_objects:
            _log_correction(article, request.user, "delete_correction", gone)
            gone.delete()
        if instances or formset.deleted_objects:
            # Feeds and sitemaps report the article as modified.
            type(formset.instance).objects.filter(pk=formset.instance.pk).update(
                updated_at=timezone.now()
            )

    def response_change(self, request, obj):
        copy = edit_context(request).pending_copy
        if copy is None:
            return super().response_change(request, obj)
        messages.success(
            request,
            _(
                "Perubahan disimpan sebagai salinan tertunda. Yang tampil untuk publik belum "
                "berubah sampai salinan ini disetujui dan diterbitkan."
            ),
        )
        return HttpResponseRedirect(self._change_url(copy))


def _log_correction(article, actor, action, correction):
    """Public notes on live content: every change to them is on the item's log."""
    when = format_when(correction.noted_at)
    workflow.log(
        article, actor, action, article.status, article.status, f"{when}: {correction.text}"
    )
