"""The reach dashboard in the admin (*Jangkauan*): a unit's views and visitors by channel.

Staff with an editorial role see their units; publishers and superusers every unit and
the whole site. Nothing here is a list of rows to edit: the model's list is the dashboard,
with the same numbers as tables and as CSV.
"""

import csv

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles.models import Article, Event
from newsroom.limits import BoundedInputAdminMixin
from units import roles
from units.models import WorkUnit

from ..models import DailyReach
from . import charts, dashboard, goals, share_kit, utm

KIT_MODELS = {"article": Article, "event": Event}


def allowed_units(user):
    """The units whose reach the user may read, and whether the whole site too."""
    if roles.acts_everywhere(user):
        return list(WorkUnit.objects.order_by("name")), True
    return list(WorkUnit.objects.filter(pk__in=roles.unit_ids(user)).order_by("name")), False


def chosen_scope(request):
    """(unit or None for the whole site, units offered, whole site offered); None: nothing."""
    units, whole_site = allowed_units(request.user)
    wanted = request.GET.get("unit", "")
    for unit in units:
        if str(unit.pk) == wanted:
            return unit, units, whole_site
    if whole_site:
        return None, units, whole_site
    return (units[0], units, whole_site) if units else False


@admin.register(DailyReach)
class ReachAdmin(BoundedInputAdminMixin, admin.ModelAdmin):
    def has_module_permission(self, request):
        return roles.has_any_role(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.has_any_role(request.user)

    def _never(self, request, obj=None):
        return False

    # Rows are sums the flush writes; nobody adds, edits or deletes one by hand.
    has_add_permission = has_change_permission = has_delete_permission = _never

    def get_urls(self):
        kit = path(
            "bagikan/<str:kind>/<int:pk>/",
            self.admin_site.admin_view(self.share_kit_view),
            name="outreach_share_kit",
        )
        return [kit, *super().get_urls()]

    def share_kit_view(self, request, kind, pk):
        """The share kit of an article or event the user may read (else 404)."""
        model = KIT_MODELS.get(kind)
        item = model.objects.select_related("unit").filter(pk=pk).first() if model else None
        if item is None or not roles.has_any_role(request.user):
            raise Http404
        if not roles.in_scope(request.user, item):
            raise Http404
        wanted = request.GET.get("kampanye", "")
        campaign = utm.campaign_or_none(wanted) or item.slug
        context = {
            **self.admin_site.each_context(request),
            "title": _("Alat berbagi: %(title)s") % {"title": item.title},
            "item": item,
            "item_url": reverse(f"admin:articles_{kind}_change", args=[item.pk]),
            "kit": share_kit.build(request, item, campaign),
            "campaign": campaign,
            "wanted": wanted[:60],
            "campaign_refused": bool(wanted) and wanted.strip().lower() != campaign,
            "is_public": item.is_public,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/outreach/share_kit.html", context)

    def changelist_view(self, request, extra_context=None):
        scope = chosen_scope(request) if self.has_view_permission(request) else False
        if scope is False:  # a role but no unit: nothing of its own to read
            raise PermissionDenied
        unit, units, whole_site = scope
        weeks = dashboard.weekly(unit)
        if request.GET.get("format") == "csv":
            return weekly_csv(weeks, unit)
        last30, minutes = dashboard.recent(unit)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Jangkauan: %(scope)s")
            % {"scope": unit.name if unit else _("seluruh situs")},
            "unit": unit,
            "units": units,
            "whole_site": whole_site,
            "weeks": weeks,
            "table": dashboard.channel_table(weeks),
            "bars": charts.bars(
                [views for _m, _c, views, _u in weeks],
                [f"{monday:%d/%m}" for monday, *_ in weeks],
            ),
            "top": dashboard.top_items(unit),
            "last30": last30,
            "minutes": minutes,
            "minute_line": charts.line([views for _m, views in minutes]),
            "goals": goals.progress_of(unit),
            "can_set_goals": roles.has_any_role(request.user, (roles.EDITOR, roles.PUBLISHER)),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/outreach/reach.html", context)


def weekly_csv(weeks, unit):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = unit.slug if unit else "situs"
    response["Content-Disposition"] = f'attachment; filename="jangkauan-{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(["week_start", "channel", "views", "visitors"])
    for monday, by_channel, _views, _visitors in weeks:
        for channel, (views, visitors) in sorted(by_channel.items()):
            writer.writerow([monday.isoformat(), channel, views, visitors])
    return response
