"""Workflow steps for several selected items at once, each through `workflow.apply`:
every item is checked on its own, and refusals are listed by title.

There is no bulk approve or bulk publish: an approval vouches for one version someone
read, and a row in a list shows neither the text nor its version. Approving and
publishing happen on the item's page, whose buttons carry the version shown there.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy, ngettext

from units import roles

from .. import workflow
from ..models import Status


class BulkWorkflowActionsMixin:
    actions = ["submit_selected", "return_selected"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        needs = {
            "submit_selected": roles.ROLES,
            "return_selected": (roles.PUBLISHER,),
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
            except workflow.WorkflowError as error:
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

    @admin.action(description=gettext_lazy("Kembalikan yang dipilih ke draf"))
    def return_selected(self, request, queryset):
        self._bulk(request, queryset, "return_to_draft")
