"""`{% long_result_list cl %}`: Django's `{% result_list %}`, rows from `admin.rows`."""

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from ..admin.rows import result_list

register = template.Library()


@register.tag(name="long_result_list")
def long_result_list(parser, token):
    # Django's node, so a model's own change_list_results.html still overrides the markup.
    return InclusionAdminNode(
        parser,
        token,
        func=result_list,
        template_name="change_list_results.html",
        takes_context=False,
    )
