"""The press kit on the public article page, after the lift.

The portal's article template loads this library (`{% load press %}`) and asks
`{% press_kit article as kit %}`: a template-level hook, so the articles package imports
nothing of outreach. The kit is read through `Article.objects.published()`: a staff
preview, a scheduled (embargoed) or a withdrawn article gets None here; the embargoed
page shows its own kit behind the personal link (outreach/press/views.py).
"""

from django import template

from outreach.press.kit import public_kit

register = template.Library()


@register.simple_tag(takes_context=True)
def press_kit(context, article):
    if article is None or context.get("is_preview"):
        return None
    return public_kit(article.pk)
