"""“Cover this” on an event's page: an editor asks a writer for the story.

The panel lists the coverage already asked for or written, and, for editors of the
event's unit, a form naming the writer and the due time. `workflow.coverage.assign`
decides and creates the draft; its refusal is shown as is.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.admin import staff_label
from newsroom.dates import format_when
from newsroom.datetime_inputs import WIBDateTimeField
from newsroom.fields import validate_plausible_year

from .. import workflow
from ..workflow import coverage


class CoverageForm(forms.Form):
    writer = forms.ModelChoiceField(
        label=gettext_lazy("Penulis"),
        queryset=None,
        error_messages={"required": gettext_lazy("Pilih penulis yang akan meliput.")},
    )
    due_at = WIBDateTimeField(
        label=gettext_lazy("Tenggat naskah (WIB)"),
        validators=[validate_plausible_year],
        error_messages={
            "required": gettext_lazy("Isi tenggat naskah: tanggal dan jam, WIB."),
            "invalid": gettext_lazy("Tulis tenggat sebagai tanggal dan jam, WIB."),
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["writer"].queryset = coverage.writers_for(event)
        self.fields["writer"].label_from_instance = staff_label


class CoverageMixin:
    def item_urls(self):
        return [*super().item_urls(), ("liputan/", self.coverage_view, "coverage")]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        event = self.get_object(request, unquote(object_id))
        if event is not None and self.has_view_permission(request, event):
            extra_context.update(self.coverage_context(request, event))
        return super().change_view(request, object_id, form_url, extra_context)

    def coverage_context(self, request, event):
        may_assign = event.copy_of_id is None and coverage.may_assign(request.user, event)
        return {
            "coverage": [
                {
                    "article": article,
                    "url": reverse("admin:articles_article_change", args=[article.pk]),
                }
                for article in coverage.open_coverage(event).select_related("assigned_to")
            ],
            "coverage_form": CoverageForm(event=event) if may_assign else None,
            "coverage_url": reverse(self._url_name("coverage"), args=[event.pk]),
        }

    def coverage_view(self, request, object_id):
        event = self._object_or_404(request, object_id)
        if (redirect := self._require_post(request, event)) is not None:
            return redirect
        form = CoverageForm(request.POST, event=event)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for error in errors:
                    messages.error(request, f"{label}: {error}" if label else error)
            return HttpResponseRedirect(self._change_url(event))
        try:
            article = coverage.assign(
                event, request.user, form.cleaned_data["writer"], form.cleaned_data["due_at"]
            )
        except workflow.WorkflowError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(self._change_url(event))
        messages.success(
            request,
            _("Liputan “%(title)s” ditugaskan kepada %(writer)s, tenggat %(due)s.")
            % {
                "title": article,
                "writer": staff_label(form.cleaned_data["writer"]),
                "due": format_when(article.due_at),
            },
        )
        return HttpResponseRedirect(self._change_url(event))
