"""The reach panel on an article's or event's change page (`articles.admin.item_panels`).

Counts are kept under the public item's id: a pending copy (a copy with `copy_of`)
shows its original's. The page itself already checked the user may view the item.
"""

from django.template.loader import render_to_string
from django.urls import reverse

from . import charts, dashboard, items

KINDS = {"article": items.ARTICLE, "event": items.EVENT}


def reach_panel(request, obj):
    kind = KINDS.get(obj._meta.model_name)
    if kind is None:
        return ""
    public_id = obj.copy_of_id or obj.pk
    table, days = dashboard.item_totals(kind, public_id)
    context = {
        "table": table,
        "total": [sum(row[n] for row in table) for n in range(1, 5)],
        "days_line": charts.line(days),
        "days_total": sum(days),
        "dashboard_url": reverse("admin:outreach_dailyreach_changelist")
        + (f"?unit={obj.unit_id}" if obj.unit_id else ""),
        "kit_url": reverse("admin:outreach_share_kit", args=[obj._meta.model_name, public_id]),
    }
    return render_to_string("admin/outreach/item_reach.html", context, request=request)
