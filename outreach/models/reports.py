"""What the mail provider reported about a message: deliveries, bounces, complaints,
unsubscribes.

Written by the anymail tracking webhook (outreach/subscribers/bounces.py), one row per
provider event (its id unique, so a webhook the provider retries counts once). Soft
bounces are counted here until there are enough to suppress the address; the rows also
give the per-send counts staff see (bounced, complained) and the press report's
"delivered" (the receiving server accepted the message).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    DELIVERED = "delivered", _("diterima server penerima")
    HARD_BOUNCE = "hard_bounce", _("pentalan permanen")
    SOFT_BOUNCE = "soft_bounce", _("pentalan sementara")
    COMPLAINT = "complaint", _("aduan spam")
    UNSUBSCRIBED = "unsubscribed", _("berhenti lewat penyedia")


class DeliveryReport(models.Model):
    event_id = models.CharField(max_length=255, unique=True)
    address = models.EmailField(_("alamat"), max_length=254, db_index=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=ReportKind.choices)
    message = models.ForeignKey(
        "outreach.OutboxMessage",
        verbose_name=_("pesan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    provider = models.CharField(_("penyedia"), max_length=30)
    detail = models.CharField(_("keterangan"), max_length=255, blank=True)
    reported_at = models.DateTimeField(_("dilaporkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("laporan pengiriman")
        verbose_name_plural = _("laporan pengiriman")
        ordering = ["-reported_at"]

    def __str__(self):
        return self.address
