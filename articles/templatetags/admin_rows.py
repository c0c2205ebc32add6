"""`{% long_result_list cl %}`: Django's `{% result_list %}`, rows from `admin.rows`."""

from pathlib import Path

import django.contrib.admin
from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from ..admin.rows import result_list, table

register = template.Library()

# The admin's own results template: what `admin.rows.table` writes without it.
DJANGOS_RESULTS = str(
    Path(django.contrib.admin.__file__).parent / "templates/admin/change_list_results.html"
)


class ResultListNode(InclusionAdminNode):
    """Django's node, so a model's own change_list_results.html still overrides the
    markup; where none does, the table Django's template would render is written by
    `admin.rows.table`."""

    def render(self, context):
        chosen = context.template.engine.select_template(self._names(context["opts"]))
        if chosen.origin.name == DJANGOS_RESULTS:
            args, kwargs = self.get_resolved_arguments(context)
            written = table(self.func(*args, **kwargs))
            if written is not None:
                return written
        return super().render(context)

    def _names(self, opts):
        app_label, name = opts.app_label.lower(), opts.model_name
        return [
            f"admin/{app_label}/{name}/{self.template_name}",
            f"admin/{app_label}/{self.template_name}",
            f"admin/{self.template_name}",
        ]


@register.tag(name="long_result_list")
def long_result_list(parser, token):
    return ResultListNode(
        parser,
        token,
        func=result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )
