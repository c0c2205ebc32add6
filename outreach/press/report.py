"""Each recipient's state, for the report page and its CSV.

Read from what the site knows: the outbox row (queued, sent, failed, bounced with the
server's answer), the provider's signed delivery reports (delivered: the receiving
server took it), the shared suppression list (complaints and bounces reported later),
the unsubscribe, and the follows of the personal link counted on the site (no pixel).
"""

import re

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from newsroom.dates import tanggal_jam

from ..models import DeliveryReport, OutboxStatus, ReportKind, Suppression, SuppressionReason

# A server's permanent refusal (5xx) is a bounce, whether it came at once or later.
PERMANENT = re.compile(r"5\d\d\b")

HEADER = (
    "nama", "media", "email", "status", "alasan", "diantrekan", "terkirim", "diterima",
    "tautan_dibuka", "pertama_dibuka", "tautan_dicabut",
)  # fmt: skip


def annotated(queryset):
    """Recipients with their message, any suppression of their address and the first
    delivery report of their message, in one query."""
    listed = Suppression.objects.filter(address=OuterRef("email"))
    delivered = DeliveryReport.objects.filter(
        message_id=OuterRef("message_id"), kind=ReportKind.DELIVERED
    ).order_by("reported_at")
    return queryset.select_related("message", "release").annotate(
        suppression_reason=Subquery(listed.values("reason")[:1]),
        suppression_detail=Subquery(listed.values("detail")[:1]),
        delivered_at=Subquery(delivered.values("reported_at")[:1]),
    )


def state_of(recipient):
    """(state, reason) of one recipient of `annotated`."""
    message = recipient.message
    listed = getattr(recipient, "suppression_reason", None)
    if recipient.unsubscribed_at:
        return _("berhenti berlangganan"), tanggal_jam(recipient.unsubscribed_at)
    if listed == SuppressionReason.COMPLAINT:
        return _("aduan spam"), recipient.suppression_detail or ""
    if message is None:
        if recipient.suppressed:
            return _("tidak dikirim: alamat diblokir"), SuppressionReason(
                listed
            ).label if listed else ""
        return _("belum diantrekan"), ""
    refused = message.status == OutboxStatus.FAILED and PERMANENT.match(message.last_error)
    if message.status == OutboxStatus.BOUNCED or refused:
        return _("ditolak penerima"), message.last_error
    if message.status == OutboxStatus.FAILED:
        return _("gagal"), message.last_error
    if message.status == OutboxStatus.SENT:
        if listed in (SuppressionReason.HARD_BOUNCE, SuppressionReason.SOFT_BOUNCE):
            return _("ditolak penerima"), recipient.suppression_detail or ""
        if getattr(recipient, "delivered_at", None):
            return _("diterima"), tanggal_jam(recipient.delivered_at)
        return _("terkirim"), ""
    return _("antre"), message.last_error


def write_csv(writer, queryset):
    writer.writerow(HEADER)
    for recipient in annotated(queryset).order_by("name", "pk").iterator(chunk_size=500):
        state, reason = state_of(recipient)
        message = recipient.message
        writer.writerow(
            (
                recipient.name,
                recipient.outlet,
                recipient.email,
                state,
                reason,
                tanggal_jam(message.created_at) if message else "",
                tanggal_jam(message.sent_at) if message and message.sent_at else "",
                tanggal_jam(recipient.delivered_at) if recipient.delivered_at else "",
                recipient.views,
                tanggal_jam(recipient.first_viewed_at) if recipient.first_viewed_at else "",
                tanggal_jam(recipient.revoked_at) if recipient.revoked_at else "",
            )
        )
