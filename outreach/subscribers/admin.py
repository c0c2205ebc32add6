"""Subscribers in the admin: the audience for staff, addresses for superusers only.

Staff with any editorial role see counts (per unit and scope, weekly growth, per send);
only superusers see, search and export addresses. The suppression list and the
provider's delivery reports hold addresses too: superusers only.
"""

import csv

from django.contrib import admin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from newsroom.limits import BoundedInputAdminMixin

from ..models import DeliveryReport, Subscriber, Suppression
from . import audience


def superuser_only(request):
    return bool(request.user.is_active and request.user.is_superuser)


class SuperuserOnly:
    def has_module_permission(self, request):
        return superuser_only(request)

    def has_view_permission(self, request, obj=None):
        return superuser_only(request)

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Suppression)
class SuppressionAdmin(SuperuserOnly, BoundedInputAdminMixin, admin.ModelAdmin):
    list_display = ("address", "reason", "detail", "created_at")
    list_filter = ("reason",)
    search_fields = ("address",)

    def has_add_permission(self, request):
        return superuser_only(request)

    def has_delete_permission(self, request, obj=None):
        return superuser_only(request)


@admin.register(DeliveryReport)
class DeliveryReportAdmin(SuperuserOnly, BoundedInputAdminMixin, admin.ModelAdmin):
    list_display = ("reported_at", "kind", "address", "provider", "detail")
    list_filter = ("kind", "provider")
    search_fields = ("address",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(BoundedInputAdminMixin, admin.ModelAdmin):
    list_display = ("email", "frequency", "language", "confirmed_at", "created_at")
    list_filter = ("frequency", "language")
    search_fields = ("email",)
    actions = ["export_csv"]
    reading_actions = ("export_csv",)  # one read of every row chosen, however many
    readonly_fields = (
        "email", "language", "frequency", "created_at", "confirmed_at",
        "consent_at", "consent_page", "consent_text",
    )  # fmt: skip
    exclude = ("confirm_nonce",)

    def has_module_permission(self, request):
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request, obj=None):
        return superuser_only(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return superuser_only(request)

    def get_urls(self):
        view = self.admin_site.admin_view(self.audience_view)
        return [path("audiens/", view, name="outreach_audience"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        if not superuser_only(request):
            return self.audience_view(request)
        return super().changelist_view(request, extra_context)

    def audience_view(self, request):
        """Counts only: who follows what, growth by week, what each send did."""
        growth = audience.weekly_growth()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Audiens pelanggan"),
            "scopes": audience.by_scope(),
            "growth": growth,
            "bars": audience.chart(growth),
            "sends": audience.sends(),
        }
        return TemplateResponse(request, "admin/outreach/audience.html", context)

    @admin.action(description=_("Ekspor alamat terpilih (CSV)"))
    def export_csv(self, request, queryset):
        if not superuser_only(request):
            return None
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="pelanggan.csv"'
        writer = csv.writer(response)
        writer.writerow(["email", "frequency", "language", "confirmed_at", "consent_page"])
        for row in queryset.order_by("pk")[:100_000]:
            writer.writerow(
                [row.email, row.frequency, row.language, row.confirmed_at, row.consent_page]
            )
        return response
