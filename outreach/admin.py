"""The outreach app's admin pages: the outbox (*Kotak keluar*) and the queue (*Antrean*).

Both are for publishers and superusers: the outbox holds people's addresses and the text
sent to them, and the queue is operations. Nothing here can be added or edited by hand;
a failed message can be sent again.
"""

from django.contrib import admin, messages
from django.db.models import Count, Min
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult, get_date_max

from newsroom.limits import BoundedInputAdminMixin
from units.roles import acts_everywhere

from .mail import delivery
from .models import OutboxMessage, OutboxStatus


def may_operate(user):
    return bool(user.is_active and user.is_staff and acts_everywhere(user))


@admin.register(OutboxMessage)
class OutboxAdmin(BoundedInputAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "kind", "recipient", "subject", "status", "attempts", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("recipient", "subject")
    date_hierarchy = None
    list_per_page = 50
    actions = ["resend"]
    readonly_fields = (
        "kind", "recipient", "language", "subject", "status", "attempts", "last_error",
        "created_at", "next_attempt_at", "sent_at", "message_id", "provider_id", "text", "html",
    )  # fmt: skip
    fieldsets = (
        (None, {"fields": ("kind", "recipient", "language", "subject", "status")}),
        (
            _("Pengiriman"),
            {
                "fields": (
                    "attempts",
                    "last_error",
                    "created_at",
                    "next_attempt_at",
                    "sent_at",
                    "message_id",
                    "provider_id",
                )  # fmt: skip
            },
        ),
        (_("Isi"), {"fields": ("text", "html")}),
    )

    def has_module_permission(self, request):
        return may_operate(request.user)

    def has_view_permission(self, request, obj=None):
        return may_operate(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Kirim ulang pesan yang gagal"))
    def resend(self, request, queryset):
        if not may_operate(request.user):
            return
        again = [m for m in queryset if m.status in (OutboxStatus.FAILED, OutboxStatus.BOUNCED)]
        for message in again:
            delivery.resend(message)
        skipped = queryset.count() - len(again)
        self.message_user(
            request,
            ngettext(
                "%(count)d pesan diantrekan ulang.", "%(count)d pesan diantrekan ulang.", len(again)
            )
            % {"count": len(again)},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                _("%(count)d pesan dilewati: hanya pesan gagal yang dikirim ulang.")
                % {"count": skipped},
                messages.WARNING,
            )

    def get_urls(self):
        queue = path("antrean/", self.admin_site.admin_view(self.queue_view), name="outreach_queue")
        return [queue, *super().get_urls()]

    def queue_view(self, request):
        """Waiting, running and failed tasks, and how long the oldest has waited."""
        if not may_operate(request.user):
            return TemplateResponse(request, "admin/outreach/forbidden.html", status=403)
        now = timezone.now()
        counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).order_by())
        ready = DBTaskResult.objects.ready()
        oldest = ready.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Antrean tugas"),
            "counts": {
                "waiting": counts.get("READY", 0),
                "running": counts.get("RUNNING", 0),
                "failed": counts.get("FAILED", 0),
                "done": counts.get("SUCCESSFUL", 0),
            },
            "oldest_waiting": oldest,
            "waited": (now - oldest) if oldest else None,
            "later": DBTaskResult.objects.filter(status="READY", run_after__gt=now)
            .exclude(run_after=get_date_max())
            .count(),
            "running": DBTaskResult.objects.running().order_by("started_at")[:20],
            "failed": DBTaskResult.objects.failed().order_by("-finished_at")[:20],
            "outbox": [
                (status, OutboxStatus(status).label, n)
                for status, n in OutboxMessage.objects.values_list("status")
                .annotate(n=Count("id"))
                .order_by("status")
            ],
        }
        return TemplateResponse(request, "admin/outreach/queue.html", context)


# The press pages register themselves (contacts, lists, releases and their report).
from .press import admin as press_admin  # noqa: E402, F401
from .press import admin_releases  # noqa: E402, F401
