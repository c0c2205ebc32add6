"""Reach numbers a public page may show: "Dilihat N kali" under an article (a setting).

The number is the sum of the flushed daily rows, so it moves once a minute at most; a
page answered from the page cache shows the number it was rendered with, up to the
cache entry's lifetime (newsroom.pagecache.TTL, an hour) plus the browsers' and nginx's
max-age. Counting never moves the content generation to refresh it.
"""

from django import template
from django.conf import settings
from django.db.models import Sum
from django.utils.formats import number_format

from outreach.models import DailyReach

register = template.Library()


@register.simple_tag
def views_of(item):
    """{"count": n, "shown": "1.234"} of an article or event, or None when not shown."""
    if not settings.NEWSROOM_REACH_SHOW_VIEWS or item is None:
        return None
    kind = item._meta.model_name
    rows = DailyReach.objects.filter(kind=kind, object_id=item.pk)
    count = rows.aggregate(total=Sum("views"))["total"] or 0
    return {"count": count, "shown": number_format(count, force_grouping=True)}
