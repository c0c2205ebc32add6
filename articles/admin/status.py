"""How the admin names an item's state: a published item whose time has not come is
"Terjadwal" (scheduled), with its time in WIB, in the list, its filter and its page.

The public sees it only once `published()` says so; calling it "Terbit" before then
would tell staff it is live while readers still get 404.
"""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from newsroom.dates import wib

from ..models import Status

SCHEDULED = "scheduled"
# A dictionary, not `get_status_display()`: that rebuilds the choices for every row of a
# list, a third of what the status column cost.
LABELS = dict(Status.choices)
# Per language: the labels and month names, translated and escaped once rather than for
# every row of every list.
_WORDS = {}


def _words():
    language = get_language()
    words = _WORDS.get(language)
    if words is None:
        labels = {status: escape(str(label)) for status, label in LABELS.items()}
        months = {number: escape(str(name).title()) for number, name in MONTHS_3.items()}
        words = _WORDS[language] = (labels, escape(str(_("Terjadwal"))), months)
    return words


def status_html(item):
    """The state, and below it the time it went or goes public (WIB)."""
    labels, scheduled, months = _words()
    label = scheduled if item.is_scheduled else labels.get(item.status) or escape(item.status)
    if item.status == Status.PUBLISHED and item.publish_at:
        at = wib(item.publish_at)
        # dateformat's "j M Y H.i" written out: its parser cost more than the rest of the row.
        when = f"{at.day} {months[at.month]} {at.year} {at:%H.%M}"
        return mark_safe(f'{label}<br><span class="quiet nowrap">{when} WIB</span>')  # noqa: S308
    return mark_safe(label)  # noqa: S308 (escaped above)


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status__exact"  # the name the plain status filter used: old links work

    def lookups(self, request, model_admin):
        choices = []
        for value, label in Status.choices:
            choices.append((value, label))
            if value == Status.PUBLISHED:
                choices.append((SCHEDULED, _("Terjadwal")))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        now = timezone.now()
        due = Q(publish_at__isnull=True) | Q(publish_at__lte=now)
        if value == SCHEDULED:
            return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
        if value == Status.PUBLISHED:
            return queryset.filter(due, status=Status.PUBLISHED)
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset.none()
