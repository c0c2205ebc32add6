"""The editorial overview on the admin index."""

from django import template

from ..workflow.overview import editorial_overview as build_overview

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_overview(context):
    return build_overview(context["request"].user)
