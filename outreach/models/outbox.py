"""The outbox: one row per message per recipient, kept from queueing to delivery.

A row is written in the transaction that decides to send, and sent later by a worker,
so no web request waits on a mail server and nothing sent is unrecorded. `key` makes
queueing idempotent (a retried task or a duplicated event finds its row and adds none);
`message_id` is fixed at queueing, so a message handed over twice after a crash carries
the same Message-ID and the receiving side can tell.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    QUEUED = "queued", _("antre")
    SENDING = "sending", _("sedang dikirim")
    SENT = "sent", _("terkirim")
    DEFERRED = "deferred", _("ditunda")
    FAILED = "failed", _("gagal")
    BOUNCED = "bounced", _("ditolak penerima")


class OutboxMessage(models.Model):
    kind = models.CharField(_("jenis"), max_length=40, db_index=True)
    key = models.CharField(max_length=200, unique=True)
    recipient = models.EmailField(_("penerima"), max_length=254)
    language = models.CharField(_("bahasa"), max_length=8, default="id")
    subject = models.CharField(_("subjek"), max_length=255)
    text = models.TextField(_("isi teks"))
    html = models.TextField(_("isi HTML"), blank=True)
    # Extra headers written by code only (List-Unsubscribe and its kin); never user input.
    headers = models.JSONField(default=dict, blank=True)
    message_id = models.CharField(max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    provider_id = models.CharField(_("id penyedia"), max_length=255, blank=True)
    # The delivery task that holds the row while it is being handed over.
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("coba lagi"), null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pesan keluar")
        verbose_name_plural = _("kotak keluar")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                name="outbox_waiting",
                condition=models.Q(status__in=["queued", "deferred", "sending"]),
            )
        ]

    def __str__(self):
        return self.subject
